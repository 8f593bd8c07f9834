package dev.klyo.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.ToolCall;
import dev.klyo.central.CentralPolicy;
import dev.klyo.central.RecordingAuditSink;
import dev.klyo.central.TestBundles;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote decisions wired from settings, as the javaagent does, with the audit log as a witness. */
class CentralRemoteDecisionsTest {

    @TempDir
    Path dir;
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private FakeOpa opa;
    private CentralPolicy central;

    @AfterEach
    void stop() {
        if (central != null) {
            central.close();
        }
        if (opa != null) {
            opa.close();
        }
    }

    @Test
    void opaDecidesAndTheLocalPolicyTakesOverWhenItIsDown() throws Exception {
        opa = new FakeOpa();
        opa.answer = "{\"result\": {\"allow\": false, \"reason\": \"org OPA says no\", \"rule\": \"rego-no-x\"}}";
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, TestBundles.toolPolicy("local", true));
        central = CentralPolicy.fromSettings(Map.of("policyFile", file.toString(), "pollInterval", "1h",
                "opa", opa.url("klyo/decision").toString(), "opaFailure", "local", "opaRetryAfter", "0s", "opaCacheSize", "0"));
        Klyo klyo = central.start(Klyo.builder(), audit);

        Decision remote = klyo.decide(ToolCall.of("x", "{}"));
        assertThat(remote.blocked()).isTrue();
        assertThat(remote.message()).isEqualTo("org OPA says no");
        assertThat(audit.withRule("rego-no-x")).singleElement()
                .satisfies(e -> assertThat(e.policyRevision()).isEqualTo("opa:/v1/data/klyo/decision"));

        opa.close();
        opa = null;
        Decision local = klyo.decide(ToolCall.of("x", "{}"));
        assertThat(local.effect()).isEqualTo(Effect.ALLOW);
        assertThat(local.ruleId()).isEqualTo("allow-x");
    }

    @Test
    void withOnlyOpaSetTheBuildersPolicyIsTheFallbackAndFailClosedIsTheDefault() throws Exception {
        opa = new FakeOpa();
        opa.status = 503;
        central = CentralPolicy.fromSettings(Map.of("opa", opa.url("klyo/decision").toString()));
        Klyo klyo = central.start(Klyo.builder().policy(new PolicyLoader().parse(TestBundles.toolPolicy("local", true),
                "local")), audit);
        Decision d = klyo.decide(ToolCall.of("x", "{}"));
        assertThat(d.blocked()).isTrue();
        assertThat(d.ruleId()).isEqualTo("klyo.remote.unavailable");
        assertThat(audit.events).singleElement().satisfies(e -> assertThat(e.message()).contains("failing closed"));
    }

    @Test
    void observeModeFromSettingsAppliesToRemoteDenies() throws Exception {
        opa = new FakeOpa();
        opa.answer = "{\"result\": false}";
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, TestBundles.toolPolicy("local", true));
        central = CentralPolicy.fromSettings(Map.of("policyFile", file.toString(), "opa",
                opa.url("klyo/decision").toString(), "mode", "observe"));
        Klyo klyo = central.start(Klyo.builder(), audit);
        Decision d = klyo.decide(ToolCall.of("x", "{}"));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.blocked()).isFalse();
    }
}
