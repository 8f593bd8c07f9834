package dev.klyo.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.ToolCall;
import dev.klyo.policy.PolicyLoader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Decisions through the OpenTelemetry API, read back from the SDK's in-memory exporters. */
class OpenTelemetryAuditSinkTest {

    private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build())
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @AfterEach
    void close() {
        otel.close();
    }

    private Klyo klyo() throws Exception {
        return Klyo.builder().policy(new PolicyLoader().parse("""
                version: 1
                name: otel
                defaults: {tool: deny}
                rules:
                  - id: reads
                    effect: allow
                    match: {tool: {names: ["get_*"]}}
                  - id: no-delete
                    effect: deny
                    message: deleting is not allowed
                    match: {tool: {names: [delete]}}
                """, "otel")).audit(new OpenTelemetryAuditSink(otel)).build();
    }

    @Test
    void everyDecisionIsALogRecordWithItsRuleAndEffect() throws Exception {
        Klyo klyo = klyo();
        klyo.decide(ToolCall.of("get_user", "{}"));
        klyo.decide(ToolCall.of("delete", "{\"id\":1}"));

        List<LogRecordData> records = logs.getFinishedLogRecordItems();
        assertThat(records).hasSize(2);
        LogRecordData deny = records.get(1);
        assertThat(deny.getEventName()).isEqualTo("klyo.decision");
        assertThat(deny.getBodyValue().asString()).isEqualTo("deleting is not allowed");
        assertThat(deny.getSeverity().name()).isEqualTo("WARN");
        assertThat(deny.getAttributes().get(AttributeKey.stringKey("klyo.effect"))).isEqualTo("deny");
        assertThat(deny.getAttributes().get(AttributeKey.stringKey("klyo.rule_id"))).isEqualTo("no-delete");
        assertThat(deny.getAttributes().get(AttributeKey.stringKey("klyo.action.name"))).isEqualTo("delete");
        assertThat(deny.getAttributes().get(AttributeKey.booleanKey("klyo.enforced"))).isTrue();
    }

    @Test
    void aDecisionInsideASpanAddsAnEventToThatSpanAndCarriesItsTraceId() throws Exception {
        Klyo klyo = klyo();
        Span span = otel.getTracer("test").spanBuilder("agent-step").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            klyo.decide(ToolCall.of("delete", "{}"));
        } finally {
            span.end();
        }
        klyo.decide(ToolCall.of("get_x", "{}"));

        SpanData ended = spans.getFinishedSpanItems().get(0);
        assertThat(ended.getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("klyo.decision");
            assertThat(e.getAttributes().get(AttributeKey.stringKey("klyo.rule_id"))).isEqualTo("no-delete");
        });
        assertThat(logs.getFinishedLogRecordItems().get(0).getSpanContext().getTraceId()).isEqualTo(ended.getTraceId());
        assertThat(logs.getFinishedLogRecordItems().get(1).getSpanContext().isValid()).isFalse();
    }

    @Test
    void theDecisionsCounterCountsByEffectAndRule() throws Exception {
        Klyo klyo = klyo();
        for (int i = 0; i < 3; i++) {
            klyo.decide(ToolCall.of("get_" + i, "{}"));
        }
        klyo.decide(ToolCall.of("delete", "{}"));
        klyo.decide(ToolCall.of("unknown", "{}"));

        MetricData counter = metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("klyo.decisions")).findFirst().orElseThrow();
        Map<String, Long> byEffectAndRule = counter.getLongSumData().getPoints().stream().collect(Collectors.toMap(
                p -> p.getAttributes().get(OpenTelemetryAuditSink.EFFECT) + "/" + p.getAttributes().get(OpenTelemetryAuditSink.RULE),
                LongPointData::getValue));
        assertThat(byEffectAndRule).containsExactlyInAnyOrderEntriesOf(Map.of(
                "allow/reads", 3L, "deny/no-delete", 1L, "deny/default", 1L));
    }

    @Test
    void droppedEventsArePublishedAsACounter() {
        long[] dropped = {7};
        OpenTelemetryAuditSink.observeDropped(otel, "http", () -> dropped[0]);
        MetricData m = metrics.collectAllMetrics().stream()
                .filter(x -> x.getName().equals("klyo.audit.dropped")).findFirst().orElseThrow();
        assertThat(m.getLongSumData().getPoints()).singleElement().satisfies(p -> assertThat(p.getValue()).isEqualTo(7));
    }
}
