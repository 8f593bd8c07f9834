package dev.klyo.engine;

import static dev.klyo.engine.TestPolicies.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ToolCall;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Why was I denied?": every rule of the kind, matched or not, with the reason. */
class ExplainTest {

    private final PolicyEngine engine = engine("""
            version: 1
            defaults: {http: deny, tool: deny}
            rules:
              - id: api
                effect: allow
                match: {http: {hosts: [api.example.com], methods: [GET], paths: ["/v1/**"]}}
              - id: no-admin
                effect: deny
                message: admin is off limits
                match: {http: {hosts: [api.example.com], paths: ["/v1/admin/**"]}}
              - id: tls-only
                effect: deny
                match: {http: {schemes: [http]}}
              - id: port
                effect: allow
                match: {http: {ports: [8443]}}
              - id: tools
                effect: allow
                match: {tool: {names: [search]}}
                when: context.principal == "alice"
            """);

    @Test
    void explainsEachRuleOfTheActionsKind() {
        Explanation e = engine.explain(HttpRequest.of("POST", "https://api.example.com/v1/admin/users"));
        assertThat(e.decision().ruleId()).isEqualTo("no-admin");
        assertThat(e.verdicts()).extracting(v -> v.rule().id()).containsExactly("api", "no-admin", "tls-only", "port");
        assertThat(reason(e, "api")).isEqualTo("method 'POST' not in [GET]");
        assertThat(reason(e, "no-admin")).isNull();
        assertThat(reason(e, "tls-only")).isEqualTo("scheme 'https' not in [http]");
        assertThat(reason(e, "port")).isEqualTo("port '443' not in [8443]");
        String text = e.render();
        assertThat(text).contains("decision: deny").contains("rule: no-admin").contains("message: admin is off limits")
                .contains("MATCH   no-admin (deny)").contains("no      api (allow): method 'POST' not in [GET]");
    }

    @Test
    void explainsHostsPathsAndConditions() {
        Explanation other = engine.explain(HttpRequest.of("GET", "https://www.example.com/v2"));
        assertThat(reason(other, "api")).isEqualTo("host 'www.example.com' not in [api.example.com]");
        assertThat(other.decision().defaulted()).isTrue();
        assertThat(other.render()).contains("rule: default").contains("denied by default");
        Explanation path = engine.explain(HttpRequest.of("GET", "https://api.example.com/v2"));
        assertThat(reason(path, "api")).isEqualTo("path '/v2' not in [/v1/**]");
        Explanation bob = engine.explain(new ToolCall(new AgentContext("bob", "", "", Set.of()), "search", "", "{}",
                Map.of()));
        assertThat(reason(bob, "tools")).isEqualTo("condition is false: context.principal == \"alice\"");
        assertThat(bob.verdicts()).extracting(v -> v.rule().id()).containsExactly("tools");
    }

    @Test
    void explainAgreesWithDecide() {
        for (String url : new String[] {"https://api.example.com/v1/x", "http://api.example.com/v1/x",
                "https://x.example.com:8443/", "https://api.example.com/v1/admin/x"}) {
            HttpRequest r = HttpRequest.of("GET", url);
            Decision fast = engine.decide(r);
            Decision explained = engine.explain(r).decision();
            assertThat(explained.effect()).as(url).isEqualTo(fast.effect());
            assertThat(explained.rules()).as(url).isEqualTo(fast.rules());
        }
    }

    private static String reason(Explanation e, String id) {
        return e.verdicts().stream().filter(v -> v.rule().id().equals(id)).findFirst().orElseThrow().reason();
    }
}
