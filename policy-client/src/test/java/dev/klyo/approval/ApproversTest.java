package dev.klyo.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.klyo.action.ToolCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApproversTest {

    private static final ApprovalRequest REQUEST =
            new ApprovalRequest(ToolCall.of("send_money", "{\"amount\": 5}"), List.of("payments"), "payments need a person");

    @Test
    void theConsoleApprovesOnlyAnExplicitYes() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        assertThat(console("y\n", shown).request(REQUEST).approved()).isTrue();
        assertThat(shown.toString(StandardCharsets.UTF_8)).contains("send_money").contains("payments need a person");
        assertThat(console("no\n", shown).request(REQUEST).approved()).isFalse();
        assertThat(console("", shown).request(REQUEST).reason()).contains("no terminal input");
    }

    @Test
    void aSilentConsoleIsARefusalAfterItsTimeout() {
        InputStream never = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return -1;
            }
        };
        ApprovalResult r = new ConsoleApprover(never, new PrintStream(new ByteArrayOutputStream()), Duration.ofMillis(200))
                .request(REQUEST);
        assertThat(r.approved()).isFalse();
        assertThat(r.reason()).contains("no answer");
    }

    @Test
    void theWebhookSeesTheActionAndOnlyItsApprovalCounts() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        AtomicReference<String> answer = new AtomicReference<>("{\"approved\": true, \"approver\": \"alice\"}");
        AtomicReference<Integer> status = new AtomicReference<>(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/approve", exchange -> {
            received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            WebhookApprover approver = new WebhookApprover(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/approve"), Duration.ofSeconds(5));
            ApprovalResult ok = approver.request(REQUEST);
            assertThat(ok.approved()).isTrue();
            assertThat(ok.approver()).isEqualTo("alice");
            assertThat(received.get()).contains("\"target\":\"send_money\"").contains("\"rules\":[\"payments\"]");

            answer.set("{\"approved\": false, \"reason\": \"not today\"}");
            assertThat(approver.request(REQUEST).reason()).isEqualTo("not today");

            answer.set("{\"approved\": true}");
            status.set(500);
            assertThat(approver.request(REQUEST).approved()).as("an error status never approves").isFalse();
        } finally {
            server.stop(0);
        }
        WebhookApprover down = new WebhookApprover(URI.create("http://127.0.0.1:9/approve"), Duration.ofSeconds(2));
        assertThat(down.request(REQUEST).approved()).isFalse();
    }

    private static ConsoleApprover console(String input, ByteArrayOutputStream shown) {
        return new ConsoleApprover(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(shown, true, StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }
}
