package dev.klyo.langchain4j;

import dev.klyo.intent.IntentInference;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;
import java.util.Map;

/**
 * The behaviour hints of a tool, as {@code ToolCall.annotations} under MCP's names
 * ({@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint}, {@code openWorldHint}),
 * the same keys the Spring AI integration uses, so one policy serves both frameworks.
 * LangChain4j's MCP client copies an MCP tool's annotations into the specification's metadata
 * under these names; any tool may declare them there. What a tool does not declare takes the MCP
 * default, so a tool that declares nothing counts as destructive; {@code declaredHints} lists the
 * hints it did declare.
 */
final class ToolAnnotations {

    private static final List<String> HINTS = List.of("readOnlyHint", "destructiveHint", "idempotentHint",
            "openWorldHint");

    private ToolAnnotations() {
    }

    static Map<String, Object> of(ToolSpecification spec) {
        Map<String, Object> metadata = spec == null || spec.metadata() == null ? Map.of() : spec.metadata();
        boolean readOnly = hint(metadata, "readOnlyHint", false);
        return Map.of(
                "readOnlyHint", readOnly,
                // A read-only tool modifies nothing, so it cannot be destructive whatever else it claims.
                "destructiveHint", !readOnly && hint(metadata, "destructiveHint", true),
                "idempotentHint", hint(metadata, "idempotentHint", false),
                "openWorldHint", hint(metadata, "openWorldHint", true),
                // Intent inference trusts only these; for the rest it goes by the tool's name.
                IntentInference.DECLARED_HINTS, HINTS.stream().filter(metadata::containsKey).toList());
    }

    private static boolean hint(Map<String, Object> metadata, String key, boolean fallback) {
        Object v = metadata.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        return v == null ? fallback : Boolean.parseBoolean(String.valueOf(v));
    }
}
