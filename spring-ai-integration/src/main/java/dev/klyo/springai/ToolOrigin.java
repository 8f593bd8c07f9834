package dev.klyo.springai;

import dev.klyo.intent.IntentInference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.tool.ToolCallback;

/**
 * What the policy sees of a tool besides its arguments: the name rules match, the MCP server
 * it lives on (empty for tools in this JVM), its declared hints under MCP's names, and whether
 * calling it sends the tool context to another process (MCP callbacks forward it as {@code _meta}).
 *
 * <p>Hints a tool does not declare take MCP's defaults, so a tool that says nothing counts as
 * destructive and not read-only. Spring AI's own tools ({@code @Tool}, functions) cannot
 * declare hints, so they always carry the defaults. {@code declaredHints} lists the hints the tool
 * declared itself.
 */
record ToolOrigin(String name, String server, Map<String, Object> annotations, boolean mcp) {

    static final Map<String, Object> UNDECLARED = hints(null, null, null, null);

    private static final boolean MCP_PRESENT = present("org.springframework.ai.mcp.SyncMcpToolCallback");

    static ToolOrigin of(ToolCallback callback) {
        if (MCP_PRESENT) {
            ToolOrigin mcp = McpToolOrigins.of(callback);
            if (mcp != null) {
                return mcp;
            }
        }
        return new ToolOrigin(callback.getToolDefinition().name(), "", UNDECLARED, false);
    }

    /** The four MCP behaviour hints, each defaulted as the MCP specification says. */
    static Map<String, Object> hints(Boolean readOnly, Boolean destructive, Boolean idempotent, Boolean openWorld) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean ro = readOnly != null && readOnly;
        out.put("readOnlyHint", ro);
        // A read-only tool modifies nothing, so it cannot destroy anything whatever else it claims.
        out.put("destructiveHint", !ro && (destructive == null || destructive));
        out.put("idempotentHint", idempotent != null && idempotent);
        out.put("openWorldHint", openWorld == null || openWorld);
        // Intent inference trusts only the hints the tool declared; for the rest it goes by the tool's name.
        List<String> declared = new ArrayList<>();
        if (readOnly != null) {
            declared.add("readOnlyHint");
        }
        if (destructive != null) {
            declared.add("destructiveHint");
        }
        if (idempotent != null) {
            declared.add("idempotentHint");
        }
        if (openWorld != null) {
            declared.add("openWorldHint");
        }
        out.put(IntentInference.DECLARED_HINTS, List.copyOf(declared));
        return Map.copyOf(out);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, ToolOrigin.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
