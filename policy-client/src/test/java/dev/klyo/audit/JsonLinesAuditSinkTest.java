package dev.klyo.audit;

import static dev.klyo.engine.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klyo.Klyo;
import dev.klyo.action.AgentContext;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditSinkTest {

    @TempDir
    Path dir;

    private static AuditEvent event(String id) {
        return new AuditEvent(Instant.now(), id, "allow", true, "enforce", "r", List.of("r"), "m", "tool", "t",
                Map.of("name", "t"), "p", "a", "s", List.of(), "rev", "", "", 1);
    }

    @Test
    void everyEventWrittenBeforeCloseIsOnDiskAfterIt() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 64);
        int threads = 8;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] writers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers[t] = new Thread(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    sink.write(event(id + "-" + i));
                }
            });
            writers[t].start();
        }
        start.countDown();
        for (Thread w : writers) {
            w.join();
        }
        sink.close();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            ids.add(AuditJson.fromJson(line).eventId());
        }
        assertThat(ids).hasSize(threads * perThread);
        assertThat(sink.dropped()).isZero();
    }

    @Test
    void closingWhileWritersRunLosesNothingItAccepted() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path file = dir.resolve("race-" + round + ".jsonl");
            JsonLinesAuditSink sink = new JsonLinesAuditSink(file, 16);
            AtomicLong attempts = new AtomicLong();
            CountDownLatch running = new CountDownLatch(4);
            Thread[] writers = new Thread[4];
            for (int t = 0; t < writers.length; t++) {
                writers[t] = new Thread(() -> {
                    running.countDown();
                    for (int i = 0; i < 20_000; i++) {
                        attempts.incrementAndGet();
                        sink.write(event("e"));
                    }
                });
                writers[t].start();
            }
            running.await();
            sink.close();
            for (Thread w : writers) {
                w.join();
            }
            long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
            assertThat(lines).as("lines on disk equal events the sink counted as written").isEqualTo(sink.written());
            assertThat(sink.written() + sink.dropped()).as("every write is either on disk or counted as dropped")
                    .isEqualTo(attempts.get());
        }
    }

    @Test
    void flushMakesEventsVisibleWithoutClosing() throws Exception {
        Path file = dir.resolve("flush.jsonl");
        try (JsonLinesAuditSink sink = new JsonLinesAuditSink(file)) {
            sink.write(event("one"));
            sink.flush();
            assertThat(Files.readAllLines(file)).hasSize(1);
        }
    }

    @Test
    void valuesThePolicyRedactsNeverReachTheFile() throws Exception {
        String key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
        String mail = "carol@example.org";
        Path file = dir.resolve("redacted.jsonl");
        try (Klyo klyo = Klyo.builder().policy(policy("""
                version: 1
                defaults: {tool: deny}
                rules:
                  - id: allow-tools
                    effect: allow
                    match: {tool: {names: [send, share]}}
                  - id: redact-send
                    effect: redact
                    redact: [openai-key, email]
                    match: {tool: {names: [send]}}
                  - id: watch-share
                    effect: redact
                    mode: observe
                    redact: [openai-key, email]
                    match: {tool: {names: [share, upload]}}
                  - id: redact-http
                    effect: redact
                    redact: [openai-key]
                    match: {http: {}}
                  - id: no-upload
                    effect: deny
                    match: {tool: {names: [upload]}}
                """)).auditFile(file).build()) {
            AgentContext ctx = new AgentContext("alice", "bot", "s1", Set.of());
            Decision send = klyo.decide(new ToolCall(ctx, "send", "mail", "{\"to\":\"" + mail + "\",\"key\":\"" + key
                    + "\"}", Map.of()));
            assertThat(send.effect()).isEqualTo(Effect.REDACT);
            Decision share = klyo.decide(new ToolCall(ctx, "share", "", "{\"text\":\"" + key + "\"}", Map.of()));
            assertThat(share.enforced()).isFalse();
            Decision upload = klyo.decide(new ToolCall(ctx, "upload", "", "{\"text\":\"" + mail + "\"}", Map.of()));
            assertThat(upload.blocked()).isTrue();
            klyo.decide(new HttpRequest(ctx, "POST", URI.create("https://api.example.com/v1?key=" + key),
                    Map.of("Authorization", List.of("Bearer abc.def.ghi"), "X-Trace", List.of(key)),
                    HttpBody.of("{\"k\":\"" + key + "\"}")));
        }
        String content = Files.readString(file);
        assertThat(content.lines()).hasSize(4);
        assertThat(content).doesNotContain(key).doesNotContain(mail).doesNotContain("abc.def.ghi");
        assertThat(content).contains("[REDACTED:openai-key]").contains("[REDACTED:email]")
                .contains("[REDACTED:header]");
        AuditEvent first = AuditJson.fromJson(content.lines().findFirst().orElseThrow());
        assertThat(first.ruleId()).isEqualTo("redact-send");
        assertThat(first.principal()).isEqualTo("alice");
        assertThat(first.kind()).isEqualTo("tool");
        assertThat(first.attributes().get("name")).isEqualTo("send");
        assertThat(first.attributes().get("arguments").toString()).contains("[REDACTED:email]");
    }

    @Test
    void observeModeDecisionsAreRecordedAsNotEnforced() throws Exception {
        Path file = dir.resolve("observe.jsonl");
        try (Klyo klyo = Klyo.builder().policy(policy("version: 1\ndefaults: {tool: deny}\n")).mode(Mode.OBSERVE)
                .auditFile(file).build()) {
            klyo.enforce(ToolCall.of("anything", "{}"));
        }
        AuditEvent e = AuditJson.fromJson(Files.readAllLines(file).get(0));
        assertThat(e.effect()).isEqualTo("deny");
        assertThat(e.enforced()).isFalse();
        assertThat(e.mode()).isEqualTo("observe");
        assertThat(e.ruleId()).isEqualTo("default");
        assertThat(e.policyRevision()).startsWith("unnamed@");
        assertThat(e.latencyNanos()).isPositive();
        assertThat(e.eventId()).isNotBlank();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
