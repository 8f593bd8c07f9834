package dev.klyo.audit.export;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditSink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Audit events through the OpenTelemetry API, so whatever SDK or agent the application runs
 * exports them: one log record per event (event name {@code klyo.decision}), a span event on the
 * current span when there is one, and the counter {@code klyo.decisions} by effect and rule.
 * Without an SDK installed every call is a no-op.
 *
 * <p>Must be written to on the deciding thread (as {@link dev.klyo.Klyo} does) for the span event
 * to land on the span that made the request.
 */
public final class OpenTelemetryAuditSink implements AuditSink {

    public static final String SCOPE = "dev.klyo";
    public static final String EVENT = "klyo.decision";
    public static final String COUNTER = "klyo.decisions";

    static final AttributeKey<String> EFFECT = AttributeKey.stringKey("klyo.effect");
    static final AttributeKey<String> RULE = AttributeKey.stringKey("klyo.rule_id");

    /**
     * Whether the OpenTelemetry API on the class path can name log events (1.50 and later): the
     * application may bring an older API than Klyo was built with, and a decision must not fail on that.
     */
    private static final boolean EVENT_NAMES = hasEventNames();

    private final Logger logger;
    private final LongCounter decisions;

    public OpenTelemetryAuditSink(OpenTelemetry otel) {
        this.logger = otel.getLogsBridge().get(SCOPE);
        this.decisions = otel.getMeter(SCOPE).counterBuilder(COUNTER)
                .setDescription("Decisions made, by effect and deciding rule").setUnit("{decision}").build();
    }

    /** Publishes {@code klyo.audit.dropped}: events a sink had to give up, read from {@code dropped} at each collection. */
    public static void observeDropped(OpenTelemetry otel, String sink, LongSupplier dropped) {
        Meter meter = otel.getMeter(SCOPE);
        Attributes attrs = Attributes.of(AttributeKey.stringKey("klyo.sink"), sink);
        meter.counterBuilder("klyo.audit.dropped").setDescription("Audit events dropped, by sink").setUnit("{event}")
                .buildWithCallback(m -> m.record(dropped.getAsLong(), attrs));
    }

    @Override
    public void write(AuditEvent event) {
        Attributes attrs = attributes(event);
        LogRecordBuilder record = logger.logRecordBuilder();
        if (EVENT_NAMES) {
            record.setEventName(EVENT);
        } else {
            record.setAttribute(AttributeKey.stringKey("event.name"), EVENT);
        }
        record.setTimestamp(event.timestamp())
                .setSeverity(event.effect().equals("deny") ? Severity.WARN : Severity.INFO)
                .setBody(event.message())
                .setAllAttributes(attrs)
                .emit();
        Span span = Span.current();
        if (span.getSpanContext().isValid()) {
            span.addEvent(EVENT, attrs, event.timestamp());
        }
        decisions.add(1, Attributes.of(EFFECT, event.effect(), RULE, event.ruleId()));
    }

    private static boolean hasEventNames() {
        try {
            LogRecordBuilder.class.getMethod("setEventName", String.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static Attributes attributes(AuditEvent e) {
        AttributesBuilder b = Attributes.builder()
                .put("klyo.event_id", e.eventId())
                .put(EFFECT, e.effect())
                .put("klyo.enforced", e.enforced())
                .put("klyo.mode", e.mode())
                .put(RULE, e.ruleId())
                .put(AttributeKey.stringArrayKey("klyo.rules"), e.rules())
                .put("klyo.kind", e.kind())
                .put("klyo.target", e.target())
                .put("klyo.principal", e.principal())
                .put("klyo.agent_id", e.agentId())
                .put("klyo.session_id", e.sessionId())
                .put(AttributeKey.stringArrayKey("klyo.groups"), e.groups())
                .put("klyo.policy_revision", e.policyRevision())
                .put("klyo.latency_ns", e.latencyNanos());
        // Scalar action attributes only: nested maps (headers) have no attribute form and are in the JSON log.
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            String key = "klyo.action." + a.getKey();
            Object v = a.getValue();
            if (v instanceof String s) {
                b.put(key, s);
            } else if (v instanceof Long || v instanceof Integer) {
                b.put(key, ((Number) v).longValue());
            } else if (v instanceof Boolean flag) {
                b.put(key, flag);
            } else if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                b.put(AttributeKey.stringArrayKey(key), list.stream().map(String.class::cast).toList());
            }
        }
        return b.build();
    }
}
