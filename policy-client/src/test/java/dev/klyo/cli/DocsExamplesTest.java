package dev.klyo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs are product: every {@code yaml} block in the policy reference and the CLI page is
 * checked with {@code klyo check}, and every cases block is run with {@code klyo test} against
 * the policy block before it.
 */
class DocsExamplesTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    static List<String> yamlBlocks(String doc) throws Exception {
        List<String> out = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(Files.readString(Path.of("../docs", doc)));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyPolicyInThePolicyReferenceIsAccepted() throws Exception {
        List<String> blocks = yamlBlocks("policy-reference.md");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(14);
        for (int i = 0; i < blocks.size(); i++) {
            Path file = dir.resolve("reference-" + i + ".yaml");
            Files.writeString(file, blocks.get(i));
            Cli r = Cli.run("check", "--env", "HOME=/home/agent", file.toString());
            assertThat(r.exitCode()).as("block %d:\n%s\n%s", i, blocks.get(i), r.err()).isZero();
        }
    }

    @Test
    void theCliPagesPolicyAndCasesWorkAsShown() throws Exception {
        List<String> blocks = yamlBlocks("cli.md");
        Path policy = null;
        int casesRun = 0;
        for (int i = 0; i < blocks.size(); i++) {
            Path file = dir.resolve("cli-" + i + ".yaml");
            Files.writeString(file, blocks.get(i));
            if (blocks.get(i).startsWith("cases:")) {
                Cli r = Cli.run("test", policy.toString(), file.toString());
                assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
                assertThat(r.out()).isEqualTo("""
                        PASS reading the API is allowed
                        PASS admin is denied
                        PASS other hosts fall to the default
                        PASS search under the call budget
                        4 passed, 0 failed
                        """);
                casesRun++;
            } else {
                Cli r = Cli.run("check", file.toString());
                assertThat(r.exitCode()).as(r.err()).isZero();
                policy = file;
            }
        }
        assertThat(casesRun).isEqualTo(1);
        Cli eval = Cli.run("eval", policy.toString(), "--explain", "--action",
                "{\"kind\": \"http\", \"method\": \"POST\", \"url\": \"https://api.example.com/v1/items\"}");
        assertThat(eval.out()).contains("""
                decision: deny
                rule: default
                message: denied by default: no rule allows it
                """).contains("""
                rules considered:
                  no      api (allow): method 'POST' not in [GET]
                  no      no-admin (deny): path '/v1/items' not in [/admin/**]
                """);
        for (String line : Files.readAllLines(Path.of("../docs/cli.md"))) {
            if (line.startsWith("{") && line.contains("kind")) {
                assertThat(Cli.run("eval", policy.toString(), "--action", line).exitCode()).as(line).isZero();
            }
        }
    }
}
