package dev.klyo.springai;

import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Field;
import org.springframework.ai.mcp.AsyncMcpToolCallback;
import org.springframework.ai.mcp.SyncMcpToolCallback;
import org.springframework.ai.tool.ToolCallback;

/**
 * Reads the MCP server name and the tool's declared annotations from Spring AI's MCP tool
 * callbacks. Spring AI keeps both private, and the callbacks reach Klyo already built (by
 * Boot's MCP client auto-configuration, for example), so they are read reflectively, once per
 * wrapped callback. Loaded only when Spring AI's MCP module is on the class path.
 */
final class McpToolOrigins {

    private McpToolOrigins() {
    }

    /** The origin of an MCP tool callback, or null for any other callback. */
    static ToolOrigin of(ToolCallback callback) {
        if (!(callback instanceof SyncMcpToolCallback) && !(callback instanceof AsyncMcpToolCallback)) {
            return null;
        }
        Class<?> type = callback instanceof SyncMcpToolCallback ? SyncMcpToolCallback.class : AsyncMcpToolCallback.class;
        McpSchema.Tool tool = (McpSchema.Tool) field(callback, type, "tool");
        Object client = field(callback, type, "mcpClient");
        String server = serverName(client);
        if (tool == null) {
            // Unreadable (a changed Spring AI): keep the model-facing name and assume the worst.
            return new ToolOrigin(callback.getToolDefinition().name(), server, ToolOrigin.UNDECLARED, true);
        }
        McpSchema.ToolAnnotations a = tool.annotations();
        return new ToolOrigin(tool.name(), server, a == null ? ToolOrigin.UNDECLARED
                : ToolOrigin.hints(a.readOnlyHint(), a.destructiveHint(), a.idempotentHint(), a.openWorldHint()), true);
    }

    /** The name the server gave in its initialize response; empty when unknown. */
    private static String serverName(Object client) {
        McpSchema.Implementation info = null;
        if (client instanceof io.modelcontextprotocol.client.McpSyncClient sync) {
            info = sync.getServerInfo();
        } else if (client instanceof io.modelcontextprotocol.client.McpAsyncClient async) {
            info = async.getServerInfo();
        }
        return info == null || info.name() == null ? "" : info.name();
    }

    private static Object field(Object target, Class<?> declaring, String name) {
        try {
            Field f = declaring.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
