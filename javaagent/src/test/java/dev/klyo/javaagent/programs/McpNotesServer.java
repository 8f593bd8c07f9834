package dev.klyo.javaagent.programs;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A real MCP server on stdio, started by {@link McpCall} in its own JVM without the agent.
 * Arguments: the server name and a file to which every executed tool call is appended: the
 * ground truth of what ran.
 */
public final class McpNotesServer {

    /** The command that starts this server as {@code name}, on this JVM's java and class path. */
    static List<String> command(String name, String log) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), McpNotesServer.class.getName(), name, log);
    }

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[1]);
        McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo(args[0], "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("read_notes", log), tool("wipe_disk", log))
                .build();
        Thread.currentThread().join();
    }

    private static SyncToolSpecification tool(String name, Path log) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name).description(name)
                .inputSchema(Map.of("type", "object", "properties", Map.of())).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            append(log, name + " " + request.arguments());
            return McpSchema.CallToolResult.builder().content(List.of(new McpSchema.TextContent(name + " done"))).build();
        }).build();
    }

    private static synchronized void append(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
