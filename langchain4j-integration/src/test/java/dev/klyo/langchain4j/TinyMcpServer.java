package dev.klyo.langchain4j;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real MCP server (the MCP Java SDK over stdio), run as its own process by the tests. Every
 * tool call it executes is appended to the file named by its first argument: the ground truth
 * of what reached the server.
 */
public final class TinyMcpServer {

    private TinyMcpServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path log = Path.of(args[0]);
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        McpServer.sync(new StdioServerTransportProvider(json))
                .serverInfo("tiny", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(
                        tool(json, log, "list_issues", McpSchema.ToolAnnotations.builder().readOnlyHint(true).build(),
                                "issue 1: crash on start"),
                        tool(json, log, "delete_repo", McpSchema.ToolAnnotations.builder().readOnlyHint(false)
                                .destructiveHint(true).build(), "repository deleted"),
                        tool(json, log, "create_issue", null, "issue 2 created"))
                .build();
        // The stdio transport serves on its own threads until the client closes stdin.
        Thread.currentThread().join();
    }

    private static SyncToolSpecification tool(JacksonMcpJsonMapper json, Path log, String name,
                                              McpSchema.ToolAnnotations annotations, String result) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder().name(name).description(name)
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}");
        if (annotations != null) {
            tool.annotations(annotations);
        }
        return SyncToolSpecification.builder().tool(tool.build()).callHandler((exchange, request) -> {
            Map<String, Object> sorted = new TreeMap<>(request.arguments() == null ? Map.of() : request.arguments());
            append(log, name + " " + sorted);
            return McpSchema.CallToolResult.builder().addTextContent(result).isError(false).build();
        }).build();
    }

    private static synchronized void append(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
