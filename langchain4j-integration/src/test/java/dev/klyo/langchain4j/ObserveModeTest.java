package dev.klyo.langchain4j;

import static dev.klyo.langchain4j.ScriptedChatModel.call;
import static dev.klyo.langchain4j.ScriptedChatModel.callTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.audit.AuditEvent;
import dev.klyo.policy.Mode;
import dev.langchain4j.data.message.AiMessage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Observe mode blocks nothing: the denied tool runs and the audit log records the deny that would have happened. */
class ObserveModeTest {

    @TempDir
    Path dir;

    private void runAndAssertObserved(Harness h) throws Exception {
        OrderTools tools = new OrderTools();
        ScriptedChatModel model = new ScriptedChatModel(
                callTools(call("c1", "delete_order", "{\"id\":\"42\"}")), AiMessage.from("Deleted."));
        Assistant assistant = h.assistant(model, b -> b.tools(tools));

        assertThat(assistant.chat("s-1", "delete order 42")).isEqualTo("Deleted.");

        assertThat(tools.executed).containsExactly("delete_order:42");
        assertThat(model.toolResultIn(1, "delete_order").text()).isEqualTo("order 42 deleted");
        AuditEvent event = h.events("tool").get(0);
        assertThat(event.effect()).isEqualTo("deny");
        assertThat(event.enforced()).isFalse();
        assertThat(event.ruleId()).isEqualTo("no-deletes");
    }

    @Test
    void globalObserveOverride() throws Exception {
        try (Harness h = Harness.of(dir, ToolRegistrationPathsTest.POLICY, Mode.OBSERVE)) {
            runAndAssertObserved(h);
        }
    }

    @Test
    void ruleInObserveMode() throws Exception {
        String policy = ToolRegistrationPathsTest.POLICY.replace("message: deleting orders needs a human",
                "mode: observe\n    message: deleting orders needs a human");
        try (Harness h = Harness.of(dir, policy)) {
            runAndAssertObserved(h);
        }
    }
}
