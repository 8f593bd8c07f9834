package dev.klyo.central;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.policy.Effect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local policy file (and team files) reloading like a bundle: on change, atomically, keeping the last good one. */
class FilePolicyReloadTest {

    @TempDir
    Path dir;
    private final RecordingAuditSink audit = new RecordingAuditSink();
    private CentralPolicy central;

    @AfterEach
    void stop() {
        if (central != null) {
            central.close();
        }
    }

    private Klyo start(Map<String, String> settings) throws Exception {
        central = CentralPolicy.fromSettings(settings);
        return central.start(Klyo.builder(), audit);
    }

    /** Writes and moves the modification time forward, as a later save would. */
    private static void save(Path file, String text, int secondsLater) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    @Test
    void anEditedFileIsReloadedAndABrokenEditKeepsTheLastGoodPolicy() throws Exception {
        Path file = dir.resolve("policy.yaml");
        save(file, TestBundles.toolPolicy("A", true), 0);
        Klyo klyo = start(Map.of("policyFile", file.toString(), "pollInterval", "1h"));
        assertThat(klyo.decide(ToolCall.of("x", "{}")).effect()).isEqualTo(Effect.ALLOW);

        save(file, TestBundles.toolPolicy("B", false), 10);
        central.updater().pollOnce();
        assertThat(klyo.decide(ToolCall.of("x", "{}")).effect()).isEqualTo(Effect.DENY);

        save(file, "version: 1\nrules: [oops", 20);
        central.updater().pollOnce();
        central.updater().pollOnce();
        assertThat(klyo.decide(ToolCall.of("x", "{}")).effect()).isEqualTo(Effect.DENY);
        assertThat(audit.withRule(PolicyEvents.REJECTED)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("policy.yaml").contains("keeping B@"));
    }

    @Test
    void aTouchWithoutChangeReloadsNothing() throws Exception {
        Path file = dir.resolve("policy.yaml");
        save(file, TestBundles.toolPolicy("A", true), 0);
        start(Map.of("policyFile", file.toString(), "pollInterval", "1h"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(30)));
        central.updater().pollOnce();
        assertThat(audit.withRule(PolicyEvents.APPLIED)).hasSize(1);
    }

    @Test
    void teamFilesLayerOverTheOrgFileAndReloadToo() throws Exception {
        Path org = dir.resolve("org.yaml");
        Path team = dir.resolve("payments.yaml");
        save(org, TestBundles.toolPolicy("org", false).replace("deny-x", "no-x"), 0);
        save(team, "version: 1\nname: payments\nrules:\n  - id: y\n    effect: allow\n    match: {tool: {names: [y, x]}}\n", 0);
        Klyo klyo = start(Map.of("policyFile", org.toString(), "team.payments", team.toString(), "pollInterval", "1h"));
        AgentContext member = new AgentContext("bob", "", "", Set.of("payments"));
        assertThat(klyo.decide(new ToolCall(member, "y", "", "{}", Map.of())).effect()).isEqualTo(Effect.ALLOW);
        assertThat(klyo.decide(ToolCall.of("y", "{}")).blocked()).isTrue();
        // The org's deny of x holds for the team that allows x.
        assertThat(klyo.decide(new ToolCall(member, "x", "", "{}", Map.of())).blocked()).isTrue();

        save(team, "version: 1\nname: payments\nrules: []\n", 10);
        central.updater().pollOnce();
        assertThat(klyo.decide(new ToolCall(member, "y", "", "{}", Map.of())).blocked()).isTrue();
    }

    @Test
    void withATrustedKeyALocalFileMustBeASignedBundle() throws Exception {
        Path file = dir.resolve("bundle.json");
        Files.write(file, TestBundles.signed("A", true));
        Klyo klyo = start(Map.of("policyFile", file.toString(), "pollInterval", "1h",
                "publicKey", BundleKeys.base64(TestBundles.KEY.getPublic())));
        assertThat(klyo.decide(ToolCall.of("x", "{}")).effect()).isEqualTo(Effect.ALLOW);

        save(file, TestBundles.toolPolicy("plain", false), 10);
        central.updater().pollOnce();
        assertThat(klyo.decide(ToolCall.of("x", "{}")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(audit.withRule(PolicyEvents.REJECTED)).hasSize(1);
    }
}
