package dev.klyo.engine;

import static dev.klyo.engine.TestPolicies.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.SqlStatement;
import dev.klyo.action.ToolCall;
import dev.klyo.policy.Effect;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CEL {@code when:} conditions over action, context and session, and what a run-time error counts as. */
class ConditionTest {

    private static final AgentContext ALICE = new AgentContext("alice", "support-bot", "s-1", Set.of("staff", "eu"));
    private static final AgentContext BOB = new AgentContext("bob", "support-bot", "s-2", Set.of("contractors"));

    @Test
    void conditionsSeeTheContext() {
        PolicyEngine e = engine("""
                version: 1
                defaults: {tool: deny}
                rules:
                  - id: staff-tools
                    effect: allow
                    match: {tool: {names: ["*"]}}
                    when: '"staff" in context.groups && context.agentId == "support-bot"'
                  - id: no-bob
                    effect: deny
                    match: {tool: {}}
                    when: context.principal == "bob" || context.sessionId.startsWith("blocked-")
                """);
        assertThat(e.decide(new ToolCall(ALICE, "lookup", "", "{}", Map.of())).effect()).isEqualTo(Effect.ALLOW);
        Decision bob = e.decide(new ToolCall(BOB, "lookup", "", "{}", Map.of()));
        assertThat(bob.ruleId()).isEqualTo("no-bob");
        assertThat(e.decide(new ToolCall(ALICE.withSession("blocked-9"), "lookup", "", "{}", Map.of())).ruleId())
                .isEqualTo("no-bob");
    }

    @Test
    void conditionsSeeEveryKindsAttributes() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: big-amounts
                    effect: deny
                    match: {tool: {names: [transfer]}}
                    when: action.args.amount > 1000 && action.args.currency == "EUR"
                  - id: destructive
                    effect: deny
                    match: {tool: {}}
                    when: has(action.annotations.destructiveHint) && action.annotations.destructiveHint == true
                  - id: secret-header
                    effect: deny
                    match: {http: {}}
                    when: '"x-debug" in action.headers || action.body.contains("password") || action.port == 8443'
                  - id: etc-writes
                    effect: deny
                    match: {file: {}}
                    when: action.path.startsWith("/etc/") && action.operation != "read"
                  - id: drops
                    effect: deny
                    match: {sql: {}}
                    when: action.sql.lowerAscii().contains("drop table") && action.kind == "sql"
                """);
        assertThat(e.decide(ToolCall.of("transfer", "{\"amount\": 5000, \"currency\": \"EUR\"}")).blocked()).isTrue();
        assertThat(e.decide(ToolCall.of("transfer", "{\"amount\": 50, \"currency\": \"EUR\"}")).blocked()).isFalse();
        assertThat(e.decide(ToolCall.of("transfer", "{\"amount\": 5000.5, \"currency\": \"USD\"}")).blocked()).isFalse();
        assertThat(e.decide(new ToolCall(null, "rm", "fs", "{}", Map.of("destructiveHint", true))).blocked()).isTrue();
        assertThat(e.decide(new ToolCall(null, "ls", "fs", "{}", Map.of("destructiveHint", false))).blocked())
                .isFalse();
        assertThat(e.decide(new HttpRequest(null, "POST", URI.create("https://a.example/"),
                Map.of("X-Debug", List.of("1")), HttpBody.NONE)).blocked()).isTrue();
        assertThat(e.decide(new HttpRequest(null, "POST", URI.create("https://a.example/"), Map.of(),
                HttpBody.of("user=a&password=b"))).blocked()).isTrue();
        assertThat(e.decide(HttpRequest.of("GET", "https://a.example:8443/")).blocked()).isTrue();
        assertThat(e.decide(HttpRequest.of("GET", "https://a.example/")).blocked()).isFalse();
        assertThat(e.decide(FileAccess.of("/etc/hosts", FileOperation.WRITE)).blocked()).isTrue();
        assertThat(e.decide(FileAccess.of("/etc/hosts", FileOperation.READ)).blocked()).isFalse();
        assertThat(e.decide(SqlStatement.of("DROP TABLE users")).blocked()).isTrue();
        assertThat(e.decide(SqlStatement.of("select * from users")).blocked()).isFalse();
    }

    @Test
    void conditionsSeeSessionStateWhateverNumberTypeTheCallerUsed() {
        PolicyEngine e = engine("""
                version: 1
                rules:
                  - id: rate
                    effect: deny
                    match: {tool: {}}
                    when: session.calls > 10 || "secret-read" in session.flags
                """);
        ToolCall call = ToolCall.of("x", "{}");
        assertThat(e.decide(call, Map.of("calls", 11, "flags", List.of())).blocked()).as("Integer").isTrue();
        assertThat(e.decide(call, Map.of("calls", 11L, "flags", List.of())).blocked()).as("Long").isTrue();
        assertThat(e.decide(call, Map.of("calls", 3, "flags", Set.of("secret-read"))).blocked()).isTrue();
        assertThat(e.decide(call, Map.of("calls", 3, "flags", List.of())).blocked()).isFalse();
    }

    @Test
    void aRuntimeErrorCountsAsAMatchForDenyAndAsNoMatchForEverythingElse() {
        PolicyEngine e = engine("""
                version: 1
                defaults: {tool: deny}
                rules:
                  - id: allow-if-flag
                    effect: allow
                    match: {tool: {names: [safe]}}
                    when: session.approved == true
                  - id: deny-unless-small
                    effect: deny
                    match: {tool: {names: [pay]}}
                    when: action.args.amount > 100
                  - id: allow-pay
                    effect: allow
                    match: {tool: {names: [pay]}}
                  - id: log-if
                    effect: log
                    match: {tool: {names: [pay]}}
                    when: session.missing == 1
                """);
        Decision safe = e.decide(ToolCall.of("safe", "{}"));
        assertThat(safe.blocked()).as("missing session key: the allow does not hold").isTrue();
        assertThat(safe.defaulted()).isTrue();
        assertThat(e.decide(ToolCall.of("safe", "{}"), Map.of("approved", true)).blocked()).isFalse();

        Decision noAmount = e.decide(ToolCall.of("pay", "{\"to\": \"x\"}"));
        assertThat(noAmount.blocked()).as("missing argument: the deny holds").isTrue();
        assertThat(noAmount.ruleId()).isEqualTo("deny-unless-small");
        Decision notJson = e.decide(ToolCall.of("pay", "not json"));
        assertThat(notJson.ruleId()).isEqualTo("deny-unless-small");
        Decision wrongType = e.decide(ToolCall.of("pay", "{\"amount\": \"lots\"}"));
        assertThat(wrongType.ruleId()).isEqualTo("deny-unless-small");
        Decision small = e.decide(ToolCall.of("pay", "{\"amount\": 5}"));
        assertThat(small.effect()).as("the failing log condition adds nothing").isEqualTo(Effect.ALLOW);

        Explanation why = e.explain(ToolCall.of("pay", "{}"));
        assertThat(why.verdicts()).filteredOn(v -> v.rule().id().equals("deny-unless-small")).singleElement()
                .satisfies(v -> {
                    assertThat(v.matched()).isTrue();
                    assertThat(v.reason()).contains("condition failed").contains("counted as a match");
                });
        assertThat(why.verdicts()).filteredOn(v -> v.rule().id().equals("log-if")).singleElement()
                .satisfies(v -> {
                    assertThat(v.matched()).isFalse();
                    assertThat(v.reason()).contains("counted as no match");
                });
    }
}
