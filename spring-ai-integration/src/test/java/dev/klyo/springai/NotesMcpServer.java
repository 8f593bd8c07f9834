package dev.klyo.springai;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A real MCP server on stdio, run in its own JVM by the tests. Arguments: the server name and
 * a file where every executed tool call is appended, with the _meta keys it received: the
 * ground truth of what ran on the server side.
 */
public final class NotesMcpServer {

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path log = Path.of(args[1]);
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo(name, "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("read_notes", McpSchema.ToolAnnotations.builder().readOnlyHint(true).build(), log),
                        tool("wipe_notes", null, log),
                        tool("archive_notes",
                                McpSchema.ToolAnnotations.builder().readOnlyHint(false).destructiveHint(false).build(), log))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }

    private static SyncToolSpecification tool(String toolName, McpSchema.ToolAnnotations annotations, Path log) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder(toolName)
                .description(toolName.replace('_', ' '))
                .inputSchema(Map.of("type", "object", "properties", Map.of()));
        if (annotations != null) {
            tool.annotations(annotations);
        }
        return SyncToolSpecification.builder().tool(tool.build()).callHandler((exchange, request) -> {
            Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
            append(log, toolName + " meta=" + new TreeSet<>(meta.keySet()));
            return McpSchema.CallToolResult.builder()
                    .content(List.of(new McpSchema.TextContent(toolName + " done")))
                    .build();
        }).build();
    }

    /** One line per executed call; the file is opened per call so the test can read it at any time. */
    private static synchronized void append(Path log, String line) {
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(line);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
