package dev.klyo.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.ToolCall;
import dev.klyo.approval.ApprovalResult;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.PolicyLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private static final Path POLICY = Path.of("..", "examples", "policies", "prompt-injection.yaml");

    private static Klyo klyo() throws Exception {
        return Klyo.builder().policy(new PolicyLoader().load(POLICY)).build();
    }

    private static ToolCall call(AgentContext ctx, String name, String args) {
        return new ToolCall(ctx, name, "", args, Map.of());
    }

    @Test
    void aPayeeOneDigitAwayFromTheNamedOneIsOutOfScope() throws Exception {
        try (Klyo klyo = klyo()) {
            AgentContext ctx = new AgentContext("u", "a", "s1", Set.of());
            klyo.beginTurn(ctx, "Send 10 to US122000000121212121212 for the rent");
            klyo.decide(call(ctx, "read_file", "{\"file_path\":\"landlord.txt\"}"));
            assertThat(klyo.decide(call(ctx, "send_money", "{\"recipient\":\"US133000000121212121212\"}")).blocked())
                    .isTrue();
            assertThat(klyo.decide(call(ctx, "send_money", "{\"recipient\":\"US122000000121212121212\"}")).blocked())
                    .isFalse();
        }
    }

    @Test
    void declaredScopeIsNotOverwrittenByTheMessage() throws Exception {
        try (Klyo klyo = klyo()) {
            AgentContext ctx = new AgentContext("u", "a", "s2", Set.of());
            klyo.session("s2").scope(Scope.declare().accounts("DE89370400440532013000").intents("write").build());
            klyo.beginTurn(ctx, "Pay GB29NWBK60161331926819 now");
            klyo.decide(call(ctx, "read_inbox", "{}"));
            assertThat(klyo.decide(call(ctx, "send_money", "{\"recipient\":\"GB29NWBK60161331926819\"}")).blocked())
                    .isTrue();
            assertThat(klyo.decide(call(ctx, "send_money", "{\"recipient\":\"DE89370400440532013000\"}")).blocked())
                    .isFalse();
        }
    }

    @Test
    void sensitiveDataReadEarlierCannotLeaveToAnUnnamedDestination() throws Exception {
        try (Klyo klyo = klyo()) {
            AgentContext ctx = new AgentContext("u", "a", "s3", Set.of());
            klyo.beginTurn(ctx, "Email the meeting notes to bob@corp.example");
            ToolCall lookup = call(ctx, "get_customer", "{\"id\":7}");
            klyo.decide(lookup);
            klyo.observeResult(lookup, "{\"name\":\"Ann\",\"ssn\":\"536-22-8841\",\"mail\":\"ann@home.example\"}");
            assertThat(klyo.session("s3").hasLabel("pii")).isTrue();
            assertThat(klyo.decide(call(ctx, "send_email",
                    "{\"to\":\"bob@corp.example\",\"body\":\"notes attached\"}")).blocked()).isFalse();
            Decision leak = klyo.decide(call(ctx, "post_message",
                    "{\"channel\":\"#random\",\"text\":\"Ann's SSN is 536-22-8841\"}"));
            assertThat(leak.blocked()).isTrue();
            assertThat(leak.rules()).extracting(r -> r.id()).contains("sensitive-data-stays-in-scope");
        }
    }

    @Test
    void countersEnforceADeletionBudgetPerSession() throws Exception {
        try (Klyo klyo = klyo()) {
            AgentContext ctx = new AgentContext("u", "a", "s4", Set.of());
            klyo.beginTurn(ctx, "Delete all my old drafts");
            List<Boolean> blocked = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                blocked.add(klyo.decide(call(ctx, "delete_draft", "{\"id\":" + i + "}")).blocked());
            }
            assertThat(blocked).containsExactly(false, false, false, false, false, true, true);
            assertThat(klyo.session("s4").counter("deletions")).isEqualTo(5);
            AgentContext other = new AgentContext("u", "a", "s5", Set.of());
            klyo.beginTurn(other, "Delete all my old drafts");
            assertThat(klyo.decide(call(other, "delete_draft", "{\"id\":1}")).blocked()).isFalse();
        }
    }

    @Test
    void sessionStateStaysBoundedAsTheSessionGrows() throws Exception {
        try (Klyo klyo = klyo()) {
            AgentContext ctx = new AgentContext("u", "a", "long", Set.of());
            klyo.beginTurn(ctx, "Summarise my files");
            for (int i = 0; i < 3_000; i++) {
                ToolCall read = call(ctx, "read_file", "{\"file_path\":\"f" + i + ".txt\"}");
                klyo.decide(read);
                klyo.observeResult(read, "contact " + "user" + i + "@mail.example");
            }
            Map<String, Object> state = klyo.session("long").toMap();
            assertThat((List<?>) state.get("sensitiveValues")).hasSize(Session.MAX_SENSITIVE_VALUES);
            assertThat(state.get("labels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsExactlyInAnyOrder("untrusted", "pii", "sensitive");
        }
    }

    @Test
    void approvalAsksBeforeTheActionAndNobodyAnsweringIsADenial() throws Exception {
        String yaml = """
                version: 1
                rules:
                  - id: payments-need-a-person
                    effect: approve
                    message: payments need a person's approval
                    match: {tool: {names: [send_money]}}
                """;
        List<String> asked = new ArrayList<>();
        try (Klyo approving = Klyo.builder().policy(new PolicyLoader().parse(yaml, "p.yaml"))
                .approver(r -> {
                    asked.add(r.action().target());
                    return r.action().target().equals("send_money") && r.message().contains("approval")
                            ? ApprovalResult.approved("alice") : ApprovalResult.refused("alice", "no");
                }).build();
             Klyo nobody = Klyo.builder().policy(new PolicyLoader().parse(yaml, "p.yaml")).build()) {
            Decision ok = approving.decide(ToolCall.of("send_money", "{}"));
            assertThat(ok.effect()).isEqualTo(Effect.ALLOW);
            assertThat(asked).containsExactly("send_money");
            Decision refused = nobody.decide(ToolCall.of("send_money", "{}"));
            assertThat(refused.blocked()).isTrue();
            assertThat(refused.ruleId()).isEqualTo("payments-need-a-person");
            assertThat(approving.decide(ToolCall.of("get_balance", "{}")).effect()).isEqualTo(Effect.ALLOW);
            assertThat(asked).hasSize(1);
        }
    }

    @Test
    void anApprovedActionCountsAndARefusedOneDoesNot() throws Exception {
        String yaml = """
                version: 1
                rules:
                  - id: payments-need-a-person
                    effect: approve
                    count: payments
                    match: {tool: {names: [send_money]}}
                """;
        AgentContext ctx = new AgentContext("u", "a", "pay", Set.of());
        try (Klyo yes = Klyo.builder().policy(new PolicyLoader().parse(yaml, "p.yaml"))
                .approver(r -> ApprovalResult.approved("alice")).build();
             Klyo no = Klyo.builder().policy(new PolicyLoader().parse(yaml, "p.yaml"))
                .approver(r -> ApprovalResult.refused("alice", "no")).build()) {
            Decision approved = yes.decide(call(ctx, "send_money", "{}"));
            assertThat(approved.sessionEffects()).extracting(r -> r.id()).containsExactly("payments-need-a-person");
            assertThat(yes.session("pay").counter("payments")).isEqualTo(1);
            assertThat(no.decide(call(ctx, "send_money", "{}")).blocked()).isTrue();
            assertThat(no.session("pay").counter("payments")).isZero();
        }
    }
}
