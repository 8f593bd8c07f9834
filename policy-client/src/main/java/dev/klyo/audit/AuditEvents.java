package dev.klyo.audit;

import dev.klyo.action.Action;
import dev.klyo.action.AgentContext;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Rule;
import dev.klyo.redact.Redactor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds audit events from decisions, removing what must never be recorded. */
public final class AuditEvents {

    /** Headers that carry credentials: always masked in events, whatever the policy says. */
    static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "api-key", "x-auth-token");

    private AuditEvents() {
    }

    /**
     * @param redactor the detectors the decision asked for; their findings are replaced in every
     *                 string attribute, so redacted values never reach a sink
     * @param message  overrides the decision's message (for evaluation failures); null to keep it
     */
    public static AuditEvent of(Action action, Decision decision, long latencyNanos, Redactor redactor, String message) {
        AgentContext ctx = action.context();
        List<String> ruleIds = new ArrayList<>(decision.rules().size());
        for (Rule r : decision.rules()) {
            ruleIds.add(r.id());
        }
        String traceId = "";
        String spanId = "";
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            traceId = span.getTraceId();
            spanId = span.getSpanId();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) clean(action.attributes(), redactor, "");
        return new AuditEvent(
                Instant.now(),
                UUID.randomUUID().toString(),
                decision.effect().key(),
                decision.enforced(),
                decision.mode().key(),
                decision.ruleId(),
                ruleIds,
                message == null ? decision.message() : message,
                action.kind().key(),
                redactor.redact(action.target()),
                attributes,
                ctx.principal(),
                ctx.agentId(),
                ctx.sessionId(),
                ctx.groups().stream().sorted().toList(),
                decision.policyRevision(),
                traceId,
                spanId,
                latencyNanos);
    }

    private static Object clean(Object value, Redactor redactor, String key) {
        if (value instanceof String s) {
            if (SECRET_HEADERS.contains(key.toLowerCase(Locale.ROOT)) && !s.isEmpty()) {
                return "[REDACTED:header]";
            }
            return redactor.redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), clean(v, redactor, String.valueOf(k))));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object v : list) {
                out.add(clean(v, redactor, key));
            }
            return out;
        }
        return value;
    }
}
