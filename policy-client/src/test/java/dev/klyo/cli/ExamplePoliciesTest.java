package dev.klyo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policies shipped in examples/policies are valid and pass their own cases, on any home directory. */
class ExamplePoliciesTest {

    static final Path EXAMPLES = Path.of("../examples/policies");

    static List<Path> policies() throws Exception {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".cases.yaml"))
                    .sorted().toList();
        }
    }

    @Test
    void thereIsOnePolicyPerPresetAndAWorkedOne() throws Exception {
        assertThat(policies()).extracting(p -> p.getFileName().toString())
                .contains("open.yaml", "balanced.yaml", "locked-down.yaml", "agent.yaml");
    }

    @Test
    void checkAcceptsEveryExample() throws Exception {
        List<String> args = new ArrayList<>(List.of("check"));
        policies().forEach(p -> args.add(p.toString()));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(policies().size()).allMatch(line -> line.startsWith("ok "));
    }

    @Test
    void everyExamplePassesItsCases() throws Exception {
        for (Path policy : policies()) {
            Path cases = Path.of(policy.toString().replace(".yaml", ".cases.yaml"));
            assertThat(cases).as("cases for " + policy).exists();
            for (String home : new String[] {System.getProperty("user.home"), "/home/someone-else"}) {
                Cli r = Cli.run("test", "--env", "HOME=" + home, policy.toString(), cases.toString());
                assertThat(r.exitCode()).as(policy + " with HOME=" + home + "\n" + r.out() + r.err()).isZero();
                assertThat(r.out()).doesNotContain("FAIL").containsPattern("\\n[1-9][0-9]* passed, 0 failed\\n$");
            }
        }
    }

    @Test
    void checkRejectsAMalformedPolicyWithALineAndColumn() {
        Cli r = Cli.run("check", KlyoCliTest.DIR + "malformed.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).containsPattern("malformed\\.yaml:\\d+:\\d+: rules\\[0\\]\\.effect: ");
    }

    @Test
    void testFailsAWrongCaseAgainstAnExample() throws Exception {
        Path wrong = Files.createTempFile("wrong", ".cases.yaml");
        Files.writeString(wrong, """
                cases:
                  - name: claims SSH keys are readable
                    action: {kind: file, path: "${HOME}/.ssh/id_rsa", operation: read}
                    expect: allow
                """);
        Cli r = Cli.run("test", EXAMPLES.resolve("balanced.yaml").toString(), wrong.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL claims SSH keys are readable").contains("expected effect allow, got deny")
                .endsWith("0 passed, 1 failed\n");
        Files.delete(wrong);
    }
}
