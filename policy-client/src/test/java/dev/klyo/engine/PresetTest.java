package dev.klyo.engine;

import static dev.klyo.engine.TestPolicies.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.ToolCall;
import dev.klyo.policy.Effect;
import org.junit.jupiter.api.Test;

/** What each preset allows and denies, and how a policy builds on one. */
class PresetTest {

    @Test
    void openAllowsEverything() {
        PolicyEngine open = engine("version: 1\npreset: open\n");
        assertThat(open.decide(HttpRequest.of("POST", "https://anything.example/")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(open.decide(FileAccess.of("/home/agent/.ssh/id_rsa", FileOperation.READ)).effect())
                .isEqualTo(Effect.ALLOW);
        assertThat(open.decide(ProcessStart.of("sudo", "rm")).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void balancedAllowsKnownServicesAndDeniesCredentialsAndMetadata() {
        PolicyEngine balanced = engine("version: 1\npreset: balanced\n");
        assertThat(balanced.decide(HttpRequest.of("POST", "https://api.openai.com/v1/chat")).effect())
                .isEqualTo(Effect.ALLOW);
        assertThat(balanced.decide(DnsLookup.of("repo1.maven.org")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(balanced.decide(NetworkConnect.tcp("localhost", "127.0.0.1", 5432)).effect()).isEqualTo(Effect.ALLOW);
        Decision unknown = balanced.decide(HttpRequest.of("GET", "https://exfil.example/"));
        assertThat(unknown.blocked()).isTrue();
        assertThat(unknown.defaulted()).isTrue();
        Decision metadata = balanced.decide(HttpRequest.of("GET", "http://169.254.169.254/latest/meta-data/"));
        assertThat(metadata.blocked()).isTrue();
        assertThat(metadata.ruleId()).isEqualTo("balanced.cloud-metadata");
        Decision ssh = balanced.decide(FileAccess.of("/home/agent/.ssh/id_ed25519", FileOperation.READ));
        assertThat(ssh.ruleId()).isEqualTo("balanced.credential-files");
        assertThat(ssh.blocked()).isTrue();
        assertThat(balanced.decide(FileAccess.of("/home/agent/project/a.txt", FileOperation.WRITE)).blocked()).isFalse();
        assertThat(balanced.decide(ProcessStart.of("/usr/bin/sudo", "id")).ruleId())
                .isEqualTo("balanced.privilege-escalation");
        assertThat(balanced.decide(ToolCall.of("anything", "{}")).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void lockedDownDeniesEverythingButReading() {
        PolicyEngine locked = engine("version: 1\npreset: locked-down\n");
        assertThat(locked.decide(HttpRequest.of("GET", "https://api.openai.com/")).blocked()).isTrue();
        assertThat(locked.decide(ProcessStart.of("ls")).blocked()).isTrue();
        assertThat(locked.decide(ToolCall.of("read_file", "{}")).blocked()).isTrue();
        assertThat(locked.decide(FileAccess.of("/srv/data/a.csv", FileOperation.READ)).effect()).isEqualTo(Effect.ALLOW);
        assertThat(locked.decide(FileAccess.of("/srv/data/a.csv", FileOperation.WRITE)).blocked()).isTrue();
        assertThat(locked.decide(FileAccess.of("/home/agent/.aws/credentials", FileOperation.READ)).ruleId())
                .isEqualTo("locked-down.credential-files");
    }

    @Test
    void aPolicyAddsRulesAndOverridesDefaultsButCannotLiftAPresetDeny() {
        PolicyEngine engine = engine("""
                version: 1
                preset: balanced
                defaults: {tool: deny}
                rules:
                  - id: our-api
                    effect: allow
                    match: {http: {hosts: [api.internal.example]}}
                  - id: try-to-allow-metadata
                    effect: allow
                    match: {network: {hosts: [169.254.169.254]}}
                """);
        assertThat(engine.decide(HttpRequest.of("GET", "https://api.internal.example/")).ruleId()).isEqualTo("our-api");
        assertThat(engine.decide(ToolCall.of("anything", "{}")).blocked()).isTrue();
        assertThat(engine.decide(NetworkConnect.tcp("", "169.254.169.254", 80)).ruleId())
                .isEqualTo("balanced.cloud-metadata");
        assertThat(engine.policy().rules()).extracting(r -> r.id()).contains("balanced.loopback", "our-api");
    }
}
