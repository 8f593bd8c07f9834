package dev.klyo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.audit.AuditEvent;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who decides (the engine or a decision point) and what is recorded, as enforcement points see it. */
class KlyoDecisionPathTest {

    private static final String POLICY = """
            version: 1
            defaults: {file: allow}
            rules:
              - id: no-ssh
                effect: deny
                match: {file: {paths: ["/home/agent/.ssh/**"]}}
            """;

    @Test
    void decidesLocallyUntilADecisionPointTakesOverAndAgainWhenItIsRemoved() throws Exception {
        Klyo klyo = Klyo.builder().policy(new PolicyLoader().parse(POLICY, "test.yaml")).build();
        assertThat(klyo.decidesLocally()).isTrue();

        klyo.decideWith((action, session) -> new Decision(Effect.DENY, true, klyo.policy().mode(), List.of(),
                List.of(), "point", true));
        assertThat(klyo.decidesLocally()).isFalse();
        assertThat(klyo.decide(FileAccess.of("/tmp/x", FileOperation.READ)).blocked()).isTrue();

        klyo.decideWith(null);
        assertThat(klyo.decidesLocally()).isTrue();
        assertThat(klyo.decide(FileAccess.of("/tmp/x", FileOperation.READ)).blocked()).isFalse();
    }

    @Test
    void withoutASinkDecisionsAreUnchangedAndWithOneEachIsRecordedOnce() throws Exception {
        Klyo silent = Klyo.builder().policy(new PolicyLoader().parse(POLICY, "test.yaml")).build();
        List<AuditEvent> events = new ArrayList<>();
        Klyo recorded = Klyo.builder().policy(new PolicyLoader().parse(POLICY, "test.yaml")).audit(events::add).build();
        for (Klyo klyo : new Klyo[] {silent, recorded}) {
            assertThat(klyo.decide(FileAccess.of("/home/agent/.ssh/id_rsa", FileOperation.READ)).blocked()).isTrue();
            assertThat(klyo.decide(FileAccess.of("/tmp/x", FileOperation.READ)).effect()).isEqualTo(Effect.ALLOW);
        }
        assertThat(events).extracting(AuditEvent::effect).containsExactly("deny", "allow");
    }
}
