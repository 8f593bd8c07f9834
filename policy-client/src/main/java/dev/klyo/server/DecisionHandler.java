package dev.klyo.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.klyo.action.Action;
import dev.klyo.central.DecisionPoint;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Rule;
import dev.klyo.remote.ActionInput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OPA's data API over Klyo's own engine: {@code POST /v1/data/klyo/decision} answers
 * {@code {"result": {"allow", "effect", "enforced", "rule", "rules", "reason", "redact", "revision"}}},
 * {@code POST /v1/data/klyo/allow} answers {@code {"result": <bool>}}; any other document is
 * undefined ({@code {}}), as in OPA.
 */
final class DecisionHandler implements HttpHandler {

    static final String PREFIX = "/v1/data/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_INPUT = 4 << 20;

    private final Supplier<DecisionPoint> decisions;

    DecisionHandler(Supplier<DecisionPoint> decisions) {
        this.decisions = decisions;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                ex.getResponseHeaders().set("Allow", "POST");
                Exchanges.send(ex, 405, "text/plain", "POST only\n");
                return;
            }
            String document = ex.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = Exchanges.body(ex, MAX_INPUT);
            if (body == null) {
                return;
            }
            if (!document.equals("klyo/decision") && !document.equals("klyo/allow")) {
                Exchanges.send(ex, 200, "application/json", "{}");
                return;
            }
            Action action;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> root = JSON.readValue(body, Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> input = (Map<String, Object>) root.get("input");
                if (input == null) {
                    throw new IllegalArgumentException("no input");
                }
                action = ActionInput.toAction(input);
            } catch (IOException | RuntimeException e) {
                Exchanges.send(ex, 400, "application/json", JSON.writeValueAsString(
                        Map.of("code", "invalid_parameter", "message", String.valueOf(e.getMessage()))));
                return;
            }
            Decision d = decisions.get().decide(action, Map.of());
            Object result = document.equals("klyo/allow") ? !d.blocked() : result(d);
            Exchanges.send(ex, 200, "application/json", JSON.writeValueAsBytes(Map.of("result", result)));
        }
    }

    private static Map<String, Object> result(Decision d) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("allow", d.effect() != Effect.DENY);
        r.put("effect", d.effect().key());
        r.put("enforced", d.enforced());
        r.put("rule", d.ruleId());
        r.put("rules", d.rules().stream().map(Rule::id).toList());
        r.put("reason", d.message());
        r.put("redact", d.redactions());
        r.put("revision", d.policyRevision());
        return r;
    }
}
