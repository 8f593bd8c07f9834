package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SecretCommandTest {

    @TempDir
    Path home;

    private Run secret(Map<String, String> env, String stdin, String... args) {
        SecretCommand command = new SecretCommand();
        command.env = name -> name.equals("HOME") ? home.toString() : env.get(name);
        command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void storesFromTheEnvironmentOwnerOnlyUnderTheConfigDirectory() throws Exception {
        Run run = secret(Map.of("OPENAI_KEY", "sk-test-123"), "", "set", "openai", "--from-env", "OPENAI_KEY");

        Path dir = home.resolve(".config/klyo/secrets");
        Path file = dir.resolve("openai");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("stored secret openai in " + file).doesNotContain("sk-test-123");
        assertThat(Files.readString(file)).isEqualTo("sk-test-123");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void storesFromStandardInputDroppingOneTrailingNewlineAndReplacesOldValues() throws Exception {
        assertThat(secret(Map.of(), "first\n", "set", "github", "--from-stdin").exit()).isZero();
        assertThat(secret(Map.of(), "line one\nline two\r\n", "set", "github", "--from-stdin").exit()).isZero();

        assertThat(new SecretStore(home.resolve(".config/klyo/secrets")).read("github"))
                .isEqualTo("line one\nline two".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLooseDirectoryIsTightenedAndKlyoSecretsDirMovesTheStore() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".config/klyo/secrets"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        secret(Map.of("V", "x"), "", "set", "a", "--from-env", "V");
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

        Path elsewhere = home.resolve("vault");
        Run run = secret(Map.of("V", "y", "KLYO_SECRETS_DIR", elsewhere.toString()), "", "set", "b", "--from-env", "V");
        assertThat(run.exit()).isZero();
        assertThat(Files.readString(elsewhere.resolve("b"))).isEqualTo("y");
    }

    @Test
    void namesAreListedValuesNever() throws Exception {
        secret(Map.of("V", "hunter2"), "", "set", "b-key", "--from-env", "V");
        secret(Map.of("V", "hunter3"), "", "set", "a.key", "--from-env", "V");

        Run list = secret(Map.of(), "", "list");
        assertThat(list.out()).isEqualTo("a.key\nb-key\n");

        assertThat(secret(Map.of(), "", "rm", "a.key").exit()).isZero();
        assertThat(secret(Map.of(), "", "list").out()).isEqualTo("b-key\n");
        assertThat(secret(Map.of(), "", "rm", "a.key").exit()).isEqualTo(1);
    }

    @Test
    void refusesNamesThatLeaveTheStoreAndMissingOrEmptyValues() throws Exception {
        for (String name : new String[] {"../escape", "a/b", ".hidden", "", "x y"}) {
            Run run = secret(Map.of("V", "v"), "", "set", name, "--from-env", "V");
            assertThat(run.exit()).as(name).isEqualTo(2);
        }
        assertThat(Files.exists(home.resolve("escape"))).isFalse();
        assertThat(Files.exists(home.resolve(".config/klyo/escape"))).isFalse();

        Run unset = secret(Map.of(), "", "set", "k", "--from-env", "NOPE");
        assertThat(unset.exit()).isEqualTo(1);
        assertThat(unset.err()).contains("NOPE is not set or empty");
        assertThat(secret(Map.of(), "\n", "set", "k", "--from-stdin").exit()).isEqualTo(1);
        assertThat(secret(Map.of(), "", "set", "k").err()).contains("no terminal to ask on");
        assertThat(secret(Map.of("V", "v"), "x", "set", "k", "--from-env", "V", "--from-stdin").exit()).isEqualTo(2);
        assertThat(Files.exists(home.resolve(".config/klyo/secrets/k"))).isFalse();
    }
}
