package dev.klyo.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.central.PolicySet;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.PolicyLoader;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LayeredDecisionPointTest {

    private static final String ORG = """
            version: 1
            name: org
            defaults: {tool: deny}
            rules:
              - id: no-drop
                effect: deny
                message: dropping tables is never allowed
                match: {tool: {names: ["drop_*"]}}
              - id: read-anything
                effect: allow
                match: {tool: {names: ["get_*"]}}
              - id: shadow-deny-export
                effect: deny
                mode: observe
                match: {tool: {names: [export]}}
            """;
    private static final String PAYMENTS = """
            version: 1
            name: payments
            defaults: {tool: deny}
            rules:
              - id: lift-drop
                effect: allow
                match: {tool: {names: ["drop_*", "refund", export]}}
              - id: no-get-secrets
                effect: deny
                match: {tool: {names: [get_secret]}}
            """;
    private static final String STRICT = """
            version: 1
            name: strict
            defaults: {tool: deny, dns: deny}
            rules: []
            """;

    private final LayeredDecisionPoint layers = layers();

    private static LayeredDecisionPoint layers() {
        try {
            PolicyLoader loader = new PolicyLoader();
            return new LayeredDecisionPoint(new PolicySet(loader.parse(ORG, "org"),
                    Map.of("payments", loader.parse(PAYMENTS, "payments"), "strict", loader.parse(STRICT, "strict")),
                    "rev-7"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Decision tool(String name, String... groups) {
        return layers.decide(new ToolCall(new AgentContext("p", "a", "s", Set.of(groups)), name, "", "{}", Map.of()),
                Map.of());
    }

    @Test
    void aTeamAllowNeverLiftsAnOrgDeny() {
        Decision d = tool("drop_users", "payments");
        assertThat(d.blocked()).isTrue();
        assertThat(d.ruleId()).isEqualTo("no-drop");
        assertThat(d.message()).isEqualTo("dropping tables is never allowed");
        assertThat(d.policyRevision()).isEqualTo("rev-7");
    }

    @Test
    void aTeamAllowOpensWhatTheOrgLeavesToItsDefaultForMembersOnly() {
        assertThat(tool("refund", "payments").effect()).isEqualTo(Effect.ALLOW);
        assertThat(tool("refund", "payments").ruleId()).isEqualTo("payments/lift-drop");
        assertThat(tool("refund").blocked()).isTrue();
        assertThat(tool("refund", "marketing").blocked()).isTrue();
    }

    @Test
    void aTeamDenyBindsItsMembersEvenAgainstAnOrgAllow() {
        assertThat(tool("get_secret", "payments").blocked()).isTrue();
        assertThat(tool("get_secret", "payments").ruleId()).isEqualTo("payments/no-get-secrets");
        assertThat(tool("get_secret").effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void aStricterTeamDefaultAppliesWhenNoLayerHasARule() {
        assertThat(layers.decide(dev.klyo.action.DnsLookup.of("example.com"), Map.of()).effect()).isEqualTo(Effect.ALLOW);
        Decision d = layers.decide(new dev.klyo.action.DnsLookup(new AgentContext("p", "", "", Set.of("strict")),
                "example.com"), Map.of());
        assertThat(d.blocked()).isTrue();
        assertThat(d.defaulted()).isTrue();
        // A rule that allows still wins over a default, whichever layer holds each.
        assertThat(tool("get_x", "strict").effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void anObservedOrgDenyIsRecordedButNotEnforcedAndATeamAllowDoesNotHideIt() {
        Decision d = tool("export", "payments");
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.enforced()).isFalse();
        assertThat(d.ruleId()).isEqualTo("shadow-deny-export");
    }

    @Test
    void whatATeamRedactsStaysOutOfTheAuditRecordEvenWhenTheOrgDecides() throws Exception {
        PolicyLoader loader = new PolicyLoader();
        LayeredDecisionPoint mail = new LayeredDecisionPoint(new PolicySet(loader.parse(ORG.replace("get_*", "send_*"), "org"),
                Map.of("support", loader.parse("""
                        version: 1
                        name: support
                        rules:
                          - id: mask-mail
                            effect: redact
                            mode: observe
                            redact: [email]
                            match: {tool: {names: ["send_*"]}}
                        """, "support")), "r"));
        Decision d = mail.decide(new ToolCall(new AgentContext("p", "", "", Set.of("support")), "send_note", "",
                "{\"to\":\"bob@example.com\"}", Map.of()), Map.of());
        assertThat(d.effect()).isEqualTo(Effect.REDACT);
        assertThat(d.redactions()).isEmpty();
        assertThat(d.auditRedactions()).containsExactly("email");

        Decision dropped = mail.decide(new ToolCall(new AgentContext("p", "", "", Set.of("support")), "drop_x", "",
                "{}", Map.of()), Map.of());
        assertThat(dropped.blocked()).isTrue();
    }

    @Test
    void membershipInSeveralTeamsCombinesAllOfThem() {
        assertThat(tool("refund", "payments", "strict").effect()).isEqualTo(Effect.ALLOW);
        assertThat(tool("get_secret", "payments", "strict").blocked()).isTrue();
    }
}
