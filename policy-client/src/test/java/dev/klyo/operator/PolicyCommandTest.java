package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyLoader;
import dev.klyo.policy.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {

    @TempDir
    Path dir;

    private Path starter() {
        Path file = dir.resolve("klyo-policy.yaml");
        assertThat(Run.of(new InitCommand(), "--output", file.toString(), "--mode", "enforce").exit()).isZero();
        return file;
    }

    private static Policy load(Path file) throws Exception {
        return new PolicyLoader().load(file);
    }

    /** The edit is one inserted block: removing it gives back the original text, comments and all. */
    private static void assertOnlyInserted(String before, String after, String mustContain) {
        assertThat(after.length()).isGreaterThan(before.length());
        int at = 0;
        while (at < before.length() && before.charAt(at) == after.charAt(at)) {
            at++;
        }
        // Move the cut back to a line start: the inserted block is whole lines.
        at = before.lastIndexOf('\n', at - 1) + 1;
        String inserted = after.substring(at, at + after.length() - before.length());
        assertThat(after.substring(0, at) + after.substring(at + inserted.length())).isEqualTo(before);
        assertThat(inserted).contains(mustContain);
    }

    @Test
    void addsRulesThatTakeEffectAndKeepsEveryComment() throws Exception {
        Path file = starter();
        String original = Files.readString(file);
        assertThat(new PolicyEngine(load(file)).decide(HttpRequest.of("GET", "https://api.example.com/v1")).blocked())
                .isTrue();

        Run run = Run.of(new PolicyCommand(), "allow", "network", "api.example.com", "--policy", file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("added rule allow-network-api.example.com to " + file,
                "match: {network: {hosts: [\"api.example.com\"]}}");
        String edited = Files.readString(file);
        assertOnlyInserted(original, edited, "- id: \"allow-network-api.example.com\"");
        assertThat(edited).contains("  # added by klyo policy allow network on ");
        Decision d = new PolicyEngine(load(file)).decide(HttpRequest.of("GET", "https://api.example.com/v1"));
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.ruleId()).isEqualTo("allow-network-api.example.com");

        String home = System.getProperty("user.home");
        assertThat(Run.of(new PolicyCommand(), "deny", "file", "~/private/**", "--operation", "read,write",
                "--message", "private files stay private", "--policy", file.toString()).exit()).isZero();
        assertThat(Run.of(new PolicyCommand(), "deny", "tool", "delete_*", "--server", "github", "--id", "no-gh-deletes",
                "--policy", file.toString()).exit()).isZero();

        PolicyEngine engine = new PolicyEngine(load(file));
        Decision read = engine.decide(FileAccess.of(home + "/private/notes.txt", FileOperation.READ));
        assertThat(read.blocked()).isTrue();
        assertThat(read.message()).isEqualTo("private files stay private");
        assertThat(engine.decide(FileAccess.of(home + "/private/notes.txt", FileOperation.LIST)).blocked()).isFalse();
        ToolCall ghDelete = new ToolCall(null, "delete_repo", "github", "{}", Map.of());
        assertThat(engine.decide(ghDelete).ruleId()).isEqualTo("no-gh-deletes");
        assertThat(engine.decide(new ToolCall(null, "delete_repo", "gitlab", "{}", Map.of())).blocked()).isFalse();
        assertThat(Files.readString(file).lines().filter(l -> l.trim().startsWith("#")).count())
                .isEqualTo(original.lines().filter(l -> l.trim().startsWith("#")).count() + 3);
    }

    @Test
    void insertsAfterTheLastRuleEvenWhenMoreKeysAndCommentsFollow() throws Exception {
        Path file = dir.resolve("p.yaml");
        String original = """
                version: 1   # the language version
                name: tidy
                rules:
                - id: first
                  effect: deny
                  match:
                    network:
                      hosts: [evil.example]   # known bad
                # - id: commented-out
                #   effect: allow

                defaults:
                  http: deny
                  network: deny
                """;
        Files.writeString(file, original);

        assertThat(Run.of(new PolicyCommand(), "allow", "network", "*.example.org", "--port", "443,8443",
                "--policy", file.toString()).exit()).isZero();

        String edited = Files.readString(file);
        assertOnlyInserted(original, edited, "- id: \"allow-network-example.org\"");
        assertThat(edited).contains("""
                      hosts: [evil.example]   # known bad
                # added by klyo policy allow network on\s""");
        assertThat(edited).contains("""
                - id: "allow-network-example.org"
                  effect: allow
                  match: {network: {hosts: ["*.example.org"], ports: ["443", "8443"]}}
                # - id: commented-out""");
        Policy policy = load(file);
        assertThat(policy.rules()).extracting(Rule::id).containsExactly("first", "allow-network-example.org");
        assertThat(new PolicyEngine(policy).decide(HttpRequest.of("GET", "https://a.example.org/")).effect())
                .isEqualTo(Effect.ALLOW);
        assertThat(new PolicyEngine(policy).decide(HttpRequest.of("GET", "http://a.example.org/")).blocked()).isTrue();
    }

    @Test
    void editsFlowSequencesJsonAndPoliciesWithoutRules() throws Exception {
        Path flow = dir.resolve("flow.yaml");
        Files.writeString(flow, "version: 1\nrules: []   # none yet\ndefaults: {tool: deny}\n");
        assertThat(Run.of(new PolicyCommand(), "allow", "tool", "search", "--policy", flow.toString()).exit()).isZero();
        assertThat(Files.readString(flow)).startsWith("version: 1\nrules: [{\"id\":\"allow-tool-search\",")
                .contains("]   # none yet\n");
        assertThat(load(flow).rules()).extracting(Rule::id).containsExactly("allow-tool-search");

        Path json = dir.resolve("policy.json");
        Files.writeString(json, "{\n  \"version\": 1,\n  \"rules\": [\n    {\"id\": \"a\", \"effect\": \"allow\", "
                + "\"match\": {\"tool\": {\"names\": [\"x\"]}}}\n  ]\n}\n");
        assertThat(Run.of(new PolicyCommand(), "deny", "tool", "rm_*", "--policy", json.toString()).exit()).isZero();
        Map<?, ?> parsed = new ObjectMapper().readValue(json.toFile(), Map.class);
        assertThat((List<?>) parsed.get("rules")).hasSize(2);
        assertThat(load(json).rules()).extracting(Rule::id).containsExactly("a", "deny-tool-rm");

        Path bare = dir.resolve("bare.yaml");
        Files.writeString(bare, "version: 1\nname: bare");
        assertThat(Run.of(new PolicyCommand(), "deny", "network", "10.0.0.0/8", "--policy", bare.toString()).exit())
                .isZero();
        assertThat(Files.readString(bare)).startsWith("version: 1\nname: bare\nrules:\n  # added by");
        assertThat(load(bare).rules()).extracting(Rule::id).containsExactly("deny-network-10.0.0.0-8");

    }

    @Test
    void anEditThatWouldBreakThePolicyLeavesTheFileExactlyAsItWas() throws Exception {
        Path file = starter();
        byte[] before = Files.readAllBytes(file);

        Run badHost = Run.of(new PolicyCommand(), "allow", "network", "exa mple..com/99", "--policy", file.toString());
        assertThat(badHost.exit()).isEqualTo(1);
        assertThat(badHost.err()).contains(file + " (edited):", "hosts", "was not changed");

        Run duplicate = Run.of(new PolicyCommand(), "deny", "tool", "x", "--id", "klyo-secrets", "--policy",
                file.toString());
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("duplicate rule id 'klyo-secrets'");

        Run relative = Run.of(new PolicyCommand(), "deny", "file", "relative/path", "--policy", file.toString());
        assertThat(relative.exit()).isEqualTo(1);
        assertThat(relative.err()).contains("is not absolute");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactly("klyo-policy.yaml");
    }

    @Test
    void anInvalidPolicyIsNotTouched() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "version: 1\nrules:\n  - id: x\n    efect: deny\n");
        Run run = Run.of(new PolicyCommand(), "deny", "tool", "x", "--policy", file.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("bad.yaml:4:5", "fix these errors first");
        assertThat(Files.readString(file)).isEqualTo("version: 1\nrules:\n  - id: x\n    efect: deny\n");
    }

    @Test
    void aValueCannotSmuggleStructureIntoThePolicy() throws Exception {
        Path file = starter();
        byte[] before = Files.readAllBytes(file);
        String closing = "/tmp/x\"]}}\n  - id: evil\n    effect: allow\n    match: {network: {hosts: [\"*\"]}}\n#";
        Run rejected = Run.of(new PolicyCommand(), "deny", "file", closing, "--policy", file.toString());
        assertThat(rejected.exit()).as("braces make it a bad glob").isEqualTo(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        String hostile = "/tmp/x\"\n  - id: evil\n    effect: allow\n#";
        Run run = Run.of(new PolicyCommand(), "deny", "file", hostile, "--message", "a\"\nb: c", "--policy",
                file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        Policy policy = load(file);
        assertThat(policy.rules()).extracting(Rule::id).doesNotContain("evil");
        Rule added = policy.rules().get(policy.rules().size() - 1);
        assertThat(added.effect()).isEqualTo(Effect.DENY);
        assertThat(added.message()).isEqualTo("a\"\nb: c");
        assertThat(((dev.klyo.policy.FileCriteria) added.criteria()).paths()).hasSize(1);
        assertThat(new PolicyEngine(policy).decide(HttpRequest.of("GET", "https://anything.example/")).blocked()).isTrue();
    }

    @Test
    void keepsSymlinksPermissionsLineEndingsAndUniqueIds() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("policy.yaml");
        Files.writeString(real, "version: 1\r\nrules:\r\n  - id: deny-tool-x\r\n    effect: deny\r\n"
                + "    match: {tool: {names: [x]}}\r\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("policy.yaml"), real);

        assertThat(Run.of(new PolicyCommand(), "deny", "tool", "x", "--server", "s", "--policy", link.toString()).exit())
                .isZero();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.getPosixFilePermissions(real)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        String text = Files.readString(real);
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        assertThat(load(real).rules()).extracting(Rule::id).containsExactly("deny-tool-x", "deny-tool-x-2");
        assertThat(Files.list(real.getParent())).hasSize(1);
    }

    @Test
    void dryRunValidatesAndShowsTheRuleWithoutWriting() throws Exception {
        Path file = starter();
        byte[] before = Files.readAllBytes(file);
        Run run = Run.of(new PolicyCommand(), "allow", "network", "pypi.org", "--dry-run", "--policy", file.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("would add to " + file + ":").contains("- id: \"allow-network-pypi.org\"");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void optionsThatDoNotFitTheKindAreUsageErrors() {
        Run run = Run.of(new PolicyCommand(), "allow", "tool", "x", "--port", "443", "--policy", "p.yaml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--port does not apply to a tool rule");
        assertThat(Run.of(new PolicyCommand(), "allow", "process", "x", "--policy", "p.yaml").exit()).isEqualTo(2);
    }
}
