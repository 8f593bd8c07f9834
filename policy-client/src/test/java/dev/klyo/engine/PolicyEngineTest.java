package dev.klyo.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ToolCall;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

    private static Policy policy(String yaml) throws Exception {
        return new PolicyLoader(name -> name.equals("HOME") ? "/home/agent" : null).parse(yaml, "test.yaml");
    }

    @Test
    void denyWinsWhateverTheOrder() throws Exception {
        String allowFirst = """
                version: 1
                defaults: {http: deny}
                rules:
                  - id: allow-example
                    effect: allow
                    match: {http: {hosts: ["*.example.com"]}}
                  - id: deny-admin
                    effect: deny
                    message: no admin API
                    match: {http: {hosts: [admin.example.com]}}
                """;
        String denyFirst = """
                version: 1
                defaults: {http: deny}
                rules:
                  - id: deny-admin
                    effect: deny
                    message: no admin API
                    match: {http: {hosts: [admin.example.com]}}
                  - id: allow-example
                    effect: allow
                    match: {http: {hosts: ["*.example.com"]}}
                """;
        for (String yaml : new String[] {allowFirst, denyFirst}) {
            PolicyEngine engine = new PolicyEngine(policy(yaml));
            Decision admin = engine.decide(HttpRequest.of("GET", "https://admin.example.com/users"));
            assertThat(admin.blocked()).isTrue();
            assertThat(admin.ruleId()).isEqualTo("deny-admin");
            assertThat(admin.message()).isEqualTo("no admin API");
            Decision api = engine.decide(HttpRequest.of("GET", "https://api.example.com/"));
            assertThat(api.effect()).isEqualTo(Effect.ALLOW);
            assertThat(api.ruleId()).isEqualTo("allow-example");
            Decision other = engine.decide(HttpRequest.of("GET", "https://example.org/"));
            assertThat(other.blocked()).isTrue();
            assertThat(other.defaulted()).isTrue();
        }
    }

    @Test
    void networkRuleCoversConnectionsByAddressAndCidr() throws Exception {
        PolicyEngine engine = new PolicyEngine(policy("""
                version: 1
                rules:
                  - id: no-private
                    effect: deny
                    match: {network: {hosts: [10.0.0.0/8, "fd00::/8"]}}
                """));
        assertThat(engine.decide(NetworkConnect.tcp("internal.corp", "10.1.2.3", 443)).blocked()).isTrue();
        assertThat(engine.decide(NetworkConnect.tcp("", "fd12::1", 22)).blocked()).isTrue();
        assertThat(engine.decide(NetworkConnect.tcp("", "::ffff:10.9.9.9", 22)).blocked()).isTrue();
        assertThat(engine.decide(NetworkConnect.tcp("", "11.0.0.1", 22)).blocked()).isFalse();
    }

    @Test
    void observeRuleRecordsButDoesNotBlock() throws Exception {
        PolicyEngine engine = new PolicyEngine(policy("""
                version: 1
                rules:
                  - id: new-rule
                    effect: deny
                    mode: observe
                    match: {file: {paths: ["~/.ssh/**"]}}
                """));
        Decision d = engine.decide(FileAccess.of("/home/agent/.ssh/id_rsa", FileOperation.READ));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.enforced()).isFalse();
        assertThat(d.blocked()).isFalse();
        assertThat(d.ruleId()).isEqualTo("new-rule");
    }

    @Test
    void celConditionNarrowsARule() throws Exception {
        PolicyEngine engine = new PolicyEngine(policy("""
                version: 1
                rules:
                  - id: big-transfers
                    effect: deny
                    match: {tool: {names: [send_money]}}
                    when: 'action.arguments.contains("\\"amount\\": 1000")'
                """));
        assertThat(engine.decide(ToolCall.of("send_money", "{\"amount\": 1000}")).blocked()).isTrue();
        assertThat(engine.decide(ToolCall.of("send_money", "{\"amount\": 5}")).blocked()).isFalse();
        Explanation e = engine.explain(ToolCall.of("send_money", "{\"amount\": 5}"));
        assertThat(e.verdicts()).singleElement().satisfies(v -> assertThat(v.reason()).contains("condition is false"));
    }

    @Test
    void fileDecisionsIgnorePathsOnlyWhenNoFileRuleCanTellPathsApart() throws Exception {
        String head = """
                version: 1
                defaults: {file: allow, http: deny}
                rules:
                  - id: api
                    effect: allow
                    match: {http: {hosts: [api.example.com]}}
                """;
        assertThat(new PolicyEngine(policy(head)).fileDecisionsIgnorePaths()).isTrue();

        PolicyEngine readOnly = new PolicyEngine(policy(head + """
                  - id: read-only
                    effect: deny
                    match: {file: {operations: [write, create, delete]}}
                """));
        assertThat(readOnly.fileDecisionsIgnorePaths()).isTrue();
        // The promise the flag makes: the decision is the same for any path.
        for (String path : new String[] {"/", "/home/agent/.ssh/id_rsa", "/tmp/x"}) {
            assertThat(readOnly.decide(FileAccess.of(path, FileOperation.READ)).effect()).isEqualTo(Effect.ALLOW);
            assertThat(readOnly.decide(FileAccess.of(path, FileOperation.WRITE)).blocked()).isTrue();
        }

        for (String rule : new String[] {
                "match: {file: {paths: [\"~/.ssh/**\"]}}",
                "match: {file: {operations: [read]}}\n    when: 'action.path.startsWith(\"/etc\")'",
                "match: {file: {operations: [read]}}\n    labels: [untrusted]"}) {
            PolicyEngine engine = new PolicyEngine(policy(head + "  - id: r\n    effect: deny\n    " + rule + "\n"));
            assertThat(engine.fileDecisionsIgnorePaths()).as(rule).isFalse();
        }
    }
}
