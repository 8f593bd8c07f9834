package dev.klyo.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.action.AgentContext;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ToolCall;
import dev.klyo.central.DecisionPoint;
import dev.klyo.engine.Decision;
import dev.klyo.engine.PolicyEngine;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import dev.klyo.policy.PolicyLoader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpaDecisionPointTest {

    private final FakeOpa opa = fakeOpa();
    private final ToolCall call = new ToolCall(new AgentContext("alice", "agent-1", "s1", Set.of("payments")),
            "refund", "billing", "{\"amount\":5}", Map.of());

    private static FakeOpa fakeOpa() {
        try {
            return new FakeOpa();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        opa.close();
    }

    private OpaDecisionPoint point(FailureMode failure, DecisionPoint local) {
        return new OpaDecisionPoint(OpaSettings.of(opa.url("klyo/decision"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1500))
                .withCache(100, Duration.ofMinutes(5))
                .withFailure(failure, Duration.ZERO), Mode.ENFORCE, local);
    }

    private OpaDecisionPoint point(FailureMode failure) {
        return point(failure, null);
    }

    @Test
    void postsTheActionAsInputAndFollowsABooleanResult() {
        assertThat(point(FailureMode.CLOSED).decide(call, Map.of()).effect()).isEqualTo(Effect.ALLOW);
        assertThat(opa.paths).containsExactly("POST /v1/data/klyo/decision");
        var input = opa.inputs.get(0);
        assertThat(input.path("kind").asText()).isEqualTo("tool");
        assertThat(input.path("name").asText()).isEqualTo("refund");
        assertThat(input.path("attributes").path("server").asText()).isEqualTo("billing");
        assertThat(input.path("target").asText()).isEqualTo("billing/refund");
        assertThat(input.path("context").path("principal").asText()).isEqualTo("alice");
        assertThat(input.path("context").path("groups").get(0).asText()).isEqualTo("payments");

        opa.answer = "{\"result\": false}";
        Decision d = point(FailureMode.CLOSED).decide(call, Map.of());
        assertThat(d.blocked()).isTrue();
        assertThat(d.policyRevision()).isEqualTo("opa:/v1/data/klyo/decision");
    }

    @Test
    void anObjectResultCarriesRuleReasonAndEffect() {
        opa.answer = "{\"result\": {\"allow\": false, \"deny\": [\"refunds need approval\"], \"rule\": \"refund-limit\"}}";
        Decision d = point(FailureMode.CLOSED).decide(call, Map.of());
        assertThat(d.blocked()).isTrue();
        assertThat(d.ruleId()).isEqualTo("refund-limit");
        assertThat(d.message()).isEqualTo("refunds need approval");

        opa.answer = "{\"result\": {\"effect\": \"redact\", \"redact\": [\"email\"], \"reason\": \"pii\"}}";
        Decision r = point(FailureMode.CLOSED).decide(call, Map.of());
        assertThat(r.effect()).isEqualTo(Effect.REDACT);
        assertThat(r.redactions()).containsExactly("email");

        opa.answer = "{\"result\": {\"allow\": true, \"deny\": false}}";
        assertThat(point(FailureMode.CLOSED).decide(call, Map.of()).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void anUndefinedResultIsADenyNotAFailure() {
        opa.answer = "{}";
        Decision d = point(FailureMode.OPEN).decide(call, Map.of());
        assertThat(d.blocked()).isTrue();
        assertThat(d.ruleId()).isEqualTo("opa.undefined");
    }

    @Test
    void identicalInputsAreAnsweredFromTheCache() {
        OpaDecisionPoint p = point(FailureMode.CLOSED);
        for (int i = 0; i < 5; i++) {
            p.decide(call, Map.of());
        }
        p.decide(ToolCall.of("other", "{}"), Map.of());
        assertThat(opa.inputs).hasSize(2);
        assertThat(p.remoteCalls()).isEqualTo(2);
    }

    @Test
    void theCacheForgetsAfterItsTtl() throws Exception {
        OpaDecisionPoint p = new OpaDecisionPoint(OpaSettings.of(opa.url("klyo/decision"))
                .withCache(100, Duration.ofMillis(1)), Mode.ENFORCE, null);
        p.decide(call, Map.of());
        Thread.sleep(20);
        p.decide(call, Map.of());
        assertThat(opa.inputs).hasSize(2);
    }

    @Test
    void serverErrorsMalformedAnswersAndTimeoutsFailClosedByDefault() {
        opa.status = 500;
        assertThat(point(FailureMode.CLOSED).decide(call, Map.of()))
                .satisfies(d -> assertThat(d.blocked()).isTrue())
                .satisfies(d -> assertThat(d.message()).contains("HTTP 500").contains("failing closed"));
        opa.status = 200;
        opa.answer = "<html>gateway</html>";
        assertThat(point(FailureMode.CLOSED).decide(call, Map.of()).ruleId()).isEqualTo("klyo.remote.unavailable");
        opa.answer = "{\"result\": \"yes\"}";
        assertThat(point(FailureMode.CLOSED).decide(call, Map.of()).blocked()).isTrue();
        opa.answer = "{\"result\": true}";
        opa.delayMillis = 5_000;
        Decision slow = point(FailureMode.CLOSED).decide(call, Map.of());
        assertThat(slow.blocked()).isTrue();
        assertThat(slow.message()).containsIgnoringCase("timed out");
    }

    @Test
    void failOpenAllowsAndSaysWhy() {
        opa.close();
        Decision d = point(FailureMode.OPEN).decide(call, Map.of());
        assertThat(d.effect()).isEqualTo(Effect.ALLOW);
        assertThat(d.message()).contains("failing open");
    }

    @Test
    void localFallbackDecidesWithTheLocalPolicyWhenThePointIsDown() throws Exception {
        PolicyEngine local = new PolicyEngine(new PolicyLoader().parse(
                "version: 1\nname: local\ndefaults: {tool: deny}\nrules:\n  - id: refunds\n    effect: allow\n"
                        + "    match: {tool: {names: [refund]}}\n", "local"));
        opa.close();
        OpaDecisionPoint p = point(FailureMode.LOCAL, local::decide);
        assertThat(p.decide(call, Map.of()).ruleId()).isEqualTo("refunds");
        assertThat(p.decide(ToolCall.of("delete", "{}"), Map.of()).blocked()).isTrue();
        assertThat(p.failures()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void afterAFailureThePointIsNotAskedAgainUntilRetryAfter() {
        opa.status = 500;
        OpaDecisionPoint p = new OpaDecisionPoint(OpaSettings.of(opa.url("klyo/decision"))
                .withFailure(FailureMode.CLOSED, Duration.ofHours(1)), Mode.ENFORCE, null);
        p.decide(call, Map.of());
        opa.status = 200;
        for (int i = 0; i < 5; i++) {
            assertThat(p.decide(ToolCall.of("t" + i, "{}"), Map.of()).blocked()).isTrue();
        }
        assertThat(opa.inputs).hasSize(1);
    }

    @Test
    void observeModeRecordsARemoteDenyWithoutBlocking() {
        opa.answer = "{\"result\": false}";
        OpaDecisionPoint p = point(FailureMode.CLOSED).with(Mode.OBSERVE, null);
        Decision d = p.decide(call, Map.of());
        assertThat(d.effect()).isEqualTo(Effect.DENY);
        assertThat(d.blocked()).isFalse();
    }

    @Test
    void inputRoundTripsToTheSameAction() {
        HttpRequest req = new HttpRequest(new AgentContext("bob", "a", "s", Set.of("g")), "POST",
                URI.create("https://api.example.com/v1/x?y=1"), Map.of("Content-Type", List.of("text/plain")),
                HttpBody.of("hello"));
        var back = (HttpRequest) ActionInput.toAction(new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(ActionInput.of(req), Map.class));
        assertThat(back.attributes()).isEqualTo(req.attributes());
        assertThat(back.context()).isEqualTo(req.context());
    }
}
