package dev.klyo.engine;

import static dev.klyo.engine.TestPolicies.engine;
import static dev.klyo.engine.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klyo.ActionDeniedException;
import dev.klyo.Klyo;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.ToolCall;
import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditSink;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Observe per rule and globally: recorded, never blocked. */
class ModeTest {

    private static final String POLICY = """
            version: 1
            defaults: {tool: deny}
            rules:
              - id: allow-read
                effect: allow
                match: {tool: {names: [read_*, delete_file]}}
              - id: new-rule
                effect: deny
                mode: observe
                message: deletes will be denied soon
                match: {tool: {names: [delete_*]}}
              - id: old-rule
                effect: deny
                match: {tool: {names: [delete_everything]}}
              - id: observed-redact
                effect: redact
                mode: observe
                redact: [email]
                match: {tool: {names: [read_mail]}}
            """;

    @Test
    void anObservedRuleRecordsWhatItWouldDenyAndBlocksNothing() {
        PolicyEngine engine = engine(POLICY);
        Decision d = engine.decide(ToolCall.of("delete_file", "{}"));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.enforced()).isFalse();
        assertThat(d.blocked()).isFalse();
        assertThat(d.ruleId()).isEqualTo("new-rule");
        assertThat(d.message()).isEqualTo("deletes will be denied soon");
    }

    @Test
    void anEnforcedDenyStillBlocksNextToAnObservedOne() {
        Decision d = engine(POLICY).decide(ToolCall.of("delete_everything", "{}"));
        assertThat(d.blocked()).isTrue();
        assertThat(d.rules()).extracting(r -> r.id()).containsExactly("old-rule", "new-rule");
    }

    @Test
    void anObservedRedactionIsNotAppliedButIsRecorded() {
        Decision d = engine(POLICY).decide(ToolCall.of("read_mail", "{}"));
        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.enforced()).isFalse();
        assertThat(d.redactions()).isEmpty();
        assertThat(d.auditRedactions()).containsExactly("email");
    }

    @Test
    void observeGloballyBlocksNothingNotEvenDefaults() {
        PolicyEngine engine = new PolicyEngine(policy(POLICY).withMode(Mode.OBSERVE));
        for (String tool : List.of("delete_everything", "unknown_tool", "delete_file")) {
            Decision d = engine.decide(ToolCall.of(tool, "{}"));
            assertThat(d.effect()).as(tool).isEqualTo(Effect.DENY);
            assertThat(d.blocked()).as(tool).isFalse();
            assertThat(d.mode()).isEqualTo(Mode.OBSERVE);
        }
    }

    @Test
    void observeWrittenInThePolicyBlocksNothing() {
        PolicyEngine engine = engine("version: 1\nmode: observe\ndefaults: {process: deny}\n");
        Decision d = engine.decide(ProcessStart.of("bash"));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.blocked()).isFalse();
    }

    @Test
    void theFacadesModeOverrideTurnsEnforcementOffAndEveryDecisionIsAudited() {
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        AuditSink sink = events::add;
        try (Klyo observing = Klyo.builder().policy(policy(POLICY)).mode(Mode.OBSERVE).audit(sink).build()) {
            Decision d = observing.enforce(ToolCall.of("delete_everything", "{}"));
            assertThat(d.effect()).isEqualTo(Effect.DENY);
            assertThat(d.blocked()).isFalse();
            observing.enforce(FileAccess.of("/etc/passwd", FileOperation.READ));
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(0).effect()).isEqualTo("deny");
        assertThat(events.get(0).enforced()).isFalse();
        assertThat(events.get(0).mode()).isEqualTo("observe");
        assertThat(events.get(0).ruleId()).isEqualTo("old-rule");

        try (Klyo enforcing = Klyo.builder().policy(policy(POLICY)).audit(sink).build()) {
            assertThatThrownBy(() -> enforcing.enforce(ToolCall.of("delete_everything", "{}")))
                    .isInstanceOf(ActionDeniedException.class)
                    .hasMessageContaining("rule old-rule")
                    .satisfies(e -> assertThat(((ActionDeniedException) e).decision().ruleId()).isEqualTo("old-rule"));
        }
        assertThat(events.get(2).enforced()).isTrue();
    }
}
