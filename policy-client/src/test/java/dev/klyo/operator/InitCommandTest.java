package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.policy.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InitCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"open", "balanced", "locked-down"})
    void writesAValidCommentedStarterForEveryPreset(String preset) throws Exception {
        Path file = dir.resolve(preset + ".yaml");

        Run run = Run.of(new InitCommand(), "--preset", preset, "--output", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("wrote " + file + " (preset " + preset + ", observe mode)");
        String text = Files.readString(file);
        Policy policy = new PolicyLoader().load(file);
        assertThat(policy.mode()).isEqualTo(Mode.OBSERVE);
        assertThat(policy.rules()).extracting(r -> r.id()).contains("klyo-secrets");
        assertThat(text).contains("preset: " + preset, "# Preset \"" + preset + "\"", "klyo replay", "klyo policy allow",
                "# - id: no-shell");
        assertThat(text.lines().filter(l -> l.trim().startsWith("#")).count()).isGreaterThan(25);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void theBalancedStarterDecidesAsItsCommentsSay() throws Exception {
        Path file = dir.resolve("p.yaml");
        Run.of(new InitCommand(), "--output", file.toString(), "--mode", "enforce", "--name", "shop: \"agent\"");
        Policy policy = new PolicyLoader().load(file);
        PolicyEngine engine = new PolicyEngine(policy);

        assertThat(policy.name()).isEqualTo("shop: \"agent\"");
        assertThat(Files.readString(file)).contains("When no rule matches, the preset decides:\n#   http deny, network deny, dns deny,");
        assertThat(engine.decide(HttpRequest.of("GET", "https://unknown.example/")).blocked()).isTrue();
        assertThat(engine.decide(HttpRequest.of("POST", "https://api.openai.com/v1/responses")).effect()).isEqualTo(Effect.ALLOW);
        String secret = System.getProperty("user.home") + "/.config/klyo/secrets/openai";
        Decision secretRead = engine.decide(FileAccess.of(secret, FileOperation.READ));
        assertThat(secretRead.blocked()).isTrue();
        assertThat(secretRead.rules()).extracting(Rule::id).contains("klyo-secrets", "balanced.credential-files");
    }

    @Test
    void refusesToReplaceAFileUnlessForced() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "# mine\n");

        Run refused = Run.of(new InitCommand(), "--output", file.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("exists; use --force");
        assertThat(Files.readString(file)).isEqualTo("# mine\n");

        assertThat(Run.of(new InitCommand(), "--output", file.toString(), "--force").exit()).isZero();
        assertThat(Files.readString(file)).contains("preset: balanced");
    }

    @Test
    void printsToStandardOutputAndRejectsUnknownPresets() {
        Run run = Run.of(new InitCommand(), "--preset", "locked-down", "-o", "-");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("# Klyo policy \"my-agent\"").contains("preset: locked-down");

        Run bad = Run.of(new InitCommand(), "--preset", "balance");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("open, balanced, locked-down");
    }
}
