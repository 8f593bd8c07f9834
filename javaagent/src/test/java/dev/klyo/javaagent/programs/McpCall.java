package dev.klyo.javaagent.programs;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Calls one tool of a real MCP server over stdio with the SDK's sync or async client. */
final class McpCall {

    private McpCall() {
    }

    static String run(String how, String log, String tool) {
        ServerParameters server = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args("-cp", System.getProperty("java.class.path"), McpNotesServer.class.getName(), "notes", log)
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
        McpSchema.CallToolRequest request = new McpSchema.CallToolRequest(tool, Map.of("path", "/notes"));
        if (how.equals("sync")) {
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
                client.initialize();
                return "OK " + text(client.callTool(request));
            }
        }
        McpAsyncClient client = McpClient.async(transport).requestTimeout(Duration.ofSeconds(60)).build();
        try {
            client.initialize().block();
            return "OK " + text(client.callTool(request).block());
        } finally {
            client.closeGracefully().block();
        }
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
