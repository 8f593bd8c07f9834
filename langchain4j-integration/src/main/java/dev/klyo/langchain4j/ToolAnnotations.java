package dev.klyo.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hints a tool declares, as {@code ToolCall.annotations}: {@code readOnly}, {@code destructive},
 * {@code idempotent}, {@code openWorld} and {@code declared} (whether the tool declared any hint).
 * LangChain4j's MCP client copies an MCP tool's annotations into the specification's metadata
 * under the MCP names ({@code readOnlyHint}, ...). For MCP tools the MCP defaults fill what is
 * missing, so a tool that declares nothing counts as destructive and open-world, as the MCP
 * specification says clients must assume. Local tools get only what they declare.
 */
final class ToolAnnotations {

    private static final Map<String, String> HINTS = Map.of(
            "readOnlyHint", "readOnly",
            "destructiveHint", "destructive",
            "idempotentHint", "idempotent",
            "openWorldHint", "openWorld");

    private ToolAnnotations() {
    }

    static Map<String, Object> of(ToolSpecification spec, boolean mcp) {
        Map<String, Object> metadata = spec == null || spec.metadata() == null ? Map.of() : spec.metadata();
        Map<String, Object> out = new LinkedHashMap<>();
        HINTS.forEach((hint, key) -> {
            Object v = metadata.get(hint);
            if (v instanceof Boolean b) {
                out.put(key, b);
            } else if (v != null) {
                out.put(key, Boolean.parseBoolean(String.valueOf(v)));
            }
        });
        boolean declared = !out.isEmpty();
        if (mcp) {
            boolean readOnly = (Boolean) out.getOrDefault("readOnly", false);
            out.putIfAbsent("readOnly", false);
            // The MCP default for destructiveHint is true, and it only means something when not read-only.
            out.put("destructive", !readOnly && (Boolean) out.getOrDefault("destructive", true));
            out.putIfAbsent("idempotent", false);
            out.putIfAbsent("openWorld", true);
        }
        if (mcp || declared) {
            out.put("declared", declared);
        }
        return out;
    }
}
