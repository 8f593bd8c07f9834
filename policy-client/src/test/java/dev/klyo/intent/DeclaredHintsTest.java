package dev.klyo.intent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The framework integrations always report MCP's four hints, defaults included; a default
 * {@code destructiveHint: true} on a tool that declared nothing must not make every tool destructive.
 */
class DeclaredHintsTest {

    private static final Map<String, Object> DEFAULTS = Map.of("readOnlyHint", false, "destructiveHint", true,
            "idempotentHint", false, "openWorldHint", true);

    private static Object intent(String name, Map<String, Object> annotations) {
        return IntentInference.infer(new ToolCall(AgentContext.ANONYMOUS, name, "", "{}", annotations)).get("intent");
    }

    @Test
    void defaultedHintsFallBackToTheToolName() {
        Map<String, Object> undeclared = new java.util.HashMap<>(DEFAULTS);
        undeclared.put(IntentInference.DECLARED_HINTS, List.of());
        assertThat(intent("list_files", undeclared)).isEqualTo("read");
        assertThat(intent("send_money", undeclared)).isEqualTo("write");
        assertThat(intent("delete_file", undeclared)).isEqualTo("destructive");
    }

    @Test
    void declaredHintsStillDecide() {
        Map<String, Object> destructive = new java.util.HashMap<>(DEFAULTS);
        destructive.put(IntentInference.DECLARED_HINTS, List.of("destructiveHint"));
        assertThat(intent("list_files", destructive)).isEqualTo("destructive");

        Map<String, Object> readOnly = new java.util.HashMap<>(DEFAULTS);
        readOnly.put("readOnlyHint", true);
        readOnly.put("destructiveHint", false);
        readOnly.put(IntentInference.DECLARED_HINTS, List.of("readOnlyHint"));
        assertThat(intent("purge_cache", readOnly)).isEqualTo("read");
    }

    @Test
    void withoutTheListEveryHintCounts() {
        assertThat(intent("list_files", DEFAULTS)).isEqualTo("destructive");
    }
}
