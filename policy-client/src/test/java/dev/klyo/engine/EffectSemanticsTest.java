package dev.klyo.engine;

import static dev.klyo.engine.TestPolicies.engine;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ModelExchange;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.SqlStatement;
import dev.klyo.action.ToolCall;
import dev.klyo.policy.Effect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How effects combine: deny wins in any order, redact and log ride on an allow, defaults fill the gaps. */
class EffectSemanticsTest {

    private static final List<String> RULES = List.of("""
              - id: allow-all-tools
                effect: allow
                match: {tool: {}}
            """, """
              - id: log-tools
                effect: log
                match: {tool: {names: ["*"]}}
            """, """
              - id: redact-mail
                effect: redact
                redact: [email]
                match: {tool: {names: [send_*]}}
            """, """
              - id: deny-send-mail
                effect: deny
                message: no mail
                match: {tool: {names: [send_mail]}}
            """, """
              - id: allow-send-mail
                effect: allow
                match: {tool: {names: [send_mail]}}
            """);

    @Test
    void denyWinsInEveryOrderOfRules() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<String> shuffled = new ArrayList<>(RULES);
            Collections.shuffle(shuffled, random);
            PolicyEngine engine = engine("version: 1\ndefaults: {tool: deny}\nrules:\n" + String.join("", shuffled));
            Decision d = engine.decide(ToolCall.of("send_mail", "{}"));
            assertThat(d.effect()).as("order %s", shuffled).isEqualTo(Effect.DENY);
            assertThat(d.blocked()).isTrue();
            assertThat(d.ruleId()).isEqualTo("deny-send-mail");
            assertThat(d.rules()).extracting(r -> r.id()).containsExactly("deny-send-mail");
            assertThat(d.message()).isEqualTo("no mail");
            Decision other = engine.decide(ToolCall.of("send_sms", "{}"));
            assertThat(other.effect()).isEqualTo(Effect.REDACT);
            assertThat(other.ruleId()).isEqualTo("redact-mail");
            assertThat(other.redactions()).containsExactly("email");
            assertThat(other.rules()).extracting(r -> r.id())
                    .containsExactly("redact-mail", "allow-all-tools", "log-tools");
        }
    }

    @Test
    void everyKindFallsBackToItsDefault() {
        PolicyEngine denyAll = engine("""
                version: 1
                defaults: {http: deny, network: deny, dns: deny, file: deny, process: deny, sql: deny, tool: deny, model: deny}
                """);
        PolicyEngine allowAll = engine("""
                version: 1
                defaults: {http: allow, network: allow, dns: allow, file: allow, process: allow, sql: allow, tool: allow, model: allow}
                """);
        PolicyEngine unset = engine("version: 1\n");
        for (var action : List.of(HttpRequest.of("GET", "https://a.example/"), NetworkConnect.tcp("a.example", "", 443),
                DnsLookup.of("a.example"), FileAccess.of("/tmp/x", FileOperation.READ), ProcessStart.of("ls"),
                SqlStatement.of("select 1"), ToolCall.of("t", "{}"),
                new ModelExchange(AgentContext.ANONYMOUS, ModelExchange.Direction.PROMPT, "m", "hi"))) {
            Decision denied = denyAll.decide(action);
            assertThat(denied.effect()).as(action.kind().key()).isEqualTo(Effect.DENY);
            assertThat(denied.defaulted()).isTrue();
            assertThat(denied.blocked()).isTrue();
            assertThat(denied.ruleId()).isEqualTo("default");
            assertThat(denied.message()).isEqualTo("denied by default: no rule allows it");
            Decision allowed = allowAll.decide(action);
            assertThat(allowed.effect()).isEqualTo(Effect.ALLOW);
            assertThat(allowed.defaulted()).isTrue();
            assertThat(unset.decide(action).effect()).as("no defaults means allow").isEqualTo(Effect.ALLOW);
        }
    }

    @Test
    void onlyTheNamedKindChangesItsDefault() {
        PolicyEngine engine = engine("version: 1\ndefaults: {file: deny}\n");
        assertThat(engine.decide(FileAccess.of("/tmp/x", FileOperation.READ)).blocked()).isTrue();
        assertThat(engine.decide(ProcessStart.of("ls")).blocked()).isFalse();
    }

    @Test
    void redactAloneDoesNotGrantUnderDefaultDeny() {
        PolicyEngine engine = engine("""
                version: 1
                defaults: {http: deny}
                rules:
                  - id: redact-keys
                    effect: redact
                    redact: [openai-key]
                    match: {http: {hosts: [api.example.com]}}
                  - id: log-it
                    effect: log
                    match: {http: {hosts: [api.example.com]}}
                """);
        Decision d = engine.decide(HttpRequest.of("POST", "https://api.example.com/v1"));
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.blocked()).isTrue();
        assertThat(d.defaulted()).isTrue();
    }

    @Test
    void redactAndLogApplyOnTopOfAnAllow() {
        PolicyEngine engine = engine("""
                version: 1
                defaults: {http: deny}
                rules:
                  - id: allow-api
                    effect: allow
                    message: the API is fine
                    match: {http: {hosts: [api.example.com]}}
                  - id: redact-keys
                    effect: redact
                    message: keys are stripped
                    redact: [openai-key, email]
                    match: {http: {hosts: [api.example.com], methods: [POST]}}
                  - id: flag-deletes
                    effect: log
                    message: deletes are flagged
                    match: {http: {hosts: [api.example.com], methods: [DELETE]}}
                """);
        Decision post = engine.decide(HttpRequest.of("POST", "https://api.example.com/v1"));
        assertThat(post.effect()).isEqualTo(Effect.REDACT);
        assertThat(post.enforced()).isTrue();
        assertThat(post.blocked()).isFalse();
        assertThat(post.redactions()).containsExactly("openai-key", "email");
        assertThat(post.message()).isEqualTo("keys are stripped");
        Decision delete = engine.decide(HttpRequest.of("DELETE", "https://api.example.com/v1/x"));
        assertThat(delete.effect()).isEqualTo(Effect.LOG);
        assertThat(delete.ruleId()).isEqualTo("flag-deletes");
        assertThat(delete.rules()).extracting(r -> r.id()).containsExactly("flag-deletes", "allow-api");
        assertThat(delete.redactions()).isEmpty();
        Decision get = engine.decide(HttpRequest.of("GET", "https://api.example.com/v1"));
        assertThat(get.effect()).isEqualTo(Effect.ALLOW);
        assertThat(get.message()).isEqualTo("the API is fine");
        assertThat(get.defaulted()).isFalse();
    }

    @Test
    void logUnderDefaultAllowIsALoggedAllow() {
        PolicyEngine engine = engine("""
                version: 1
                rules:
                  - id: flag
                    effect: log
                    match: {process: {commands: [curl]}}
                """);
        Decision d = engine.decide(ProcessStart.of("/usr/bin/curl", "https://x"));
        assertThat(d.effect()).isEqualTo(Effect.LOG);
        assertThat(d.blocked()).isFalse();
        assertThat(d.ruleId()).isEqualTo("flag");
    }

    @Test
    void aRuleListingAHostTwiceCountsOnce() {
        PolicyEngine engine = engine("""
                version: 1
                rules:
                  - id: twice
                    effect: deny
                    match: {network: {hosts: [a.example.com, "*.example.com", 10.0.0.0/8, 10.1.0.0/16]}}
                """);
        assertThat(engine.decide(HttpRequest.of("GET", "https://a.example.com/")).rules()).hasSize(1);
        assertThat(engine.decide(NetworkConnect.tcp("a.example.com", "10.1.2.3", 443)).rules()).hasSize(1);
    }
}
