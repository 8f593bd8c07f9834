package dev.klyo.langchain4j;

import dev.langchain4j.service.tool.ToolExecutor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Recognises the executors LangChain4j's MCP client creates ({@code dev.langchain4j.mcp.McpToolExecutor})
 * and finds the MCP server each one calls. By name and reflection, so this module needs
 * {@code langchain4j-mcp} only when the application uses it. The executor keeps its client
 * private and {@code McpToolProvider}'s tool wrapper never sees the tool's specification, so
 * reading the client's key here is the only place both the server and the specification meet.
 */
final class McpToolExecutors {

    static final String EXECUTOR_CLASS = "dev.langchain4j.mcp.McpToolExecutor";

    private McpToolExecutors() {
    }

    static boolean isMcp(ToolExecutor executor) {
        for (Class<?> c = executor.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(EXECUTOR_CLASS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The key of the MCP client behind an MCP executor, or empty when it cannot be read: then no
     * rule naming servers matches the call, so a server allow-list still denies it.
     */
    static String server(ToolExecutor executor) {
        try {
            for (Class<?> c = executor.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(EXECUTOR_CLASS)) {
                    Field field = c.getDeclaredField("mcpClient");
                    field.setAccessible(true);
                    Object client = field.get(executor);
                    Method key = client.getClass().getMethod("key");
                    key.setAccessible(true);
                    Object value = key.invoke(client);
                    return value == null ? "" : value.toString();
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Fall through: an unknown server.
        }
        return "";
    }
}
