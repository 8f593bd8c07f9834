package dev.klyo.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/audit}: a batch of audit events as JSON Lines. All or nothing: a batch with a
 * malformed line is refused with {@code 400} and nothing of it is stored. Answers
 * {@code {"accepted": n, "duplicates": m}}; {@code GET /v1/audit} answers the count stored.
 */
final class AuditHandler implements HttpHandler {

    static final String PATH = "/v1/audit";
    private static final int MAX_BATCH = 16 << 20;

    private final AuditStore store;

    AuditHandler(AuditStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestMethod().equals("GET")) {
                Exchanges.send(ex, 200, "application/json", "{\"stored\": " + store.size() + "}");
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                ex.getResponseHeaders().set("Allow", "GET, POST");
                Exchanges.send(ex, 405, "text/plain", "GET or POST\n");
                return;
            }
            byte[] body = Exchanges.body(ex, MAX_BATCH);
            if (body == null) {
                return;
            }
            List<AuditEvent> events = new ArrayList<>();
            int lineNo = 0;
            for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    AuditEvent e = AuditJson.fromJson(line);
                    if (e.eventId() == null || e.eventId().isEmpty()) {
                        throw new IllegalArgumentException("no eventId");
                    }
                    events.add(e);
                } catch (RuntimeException e) {
                    Exchanges.send(ex, 400, "text/plain", "line " + lineNo + " is not an audit event\n");
                    return;
                }
            }
            AuditStore.Outcome outcome = store.store(events);
            Exchanges.send(ex, 200, "application/json",
                    "{\"accepted\": " + outcome.accepted() + ", \"duplicates\": " + outcome.duplicates() + "}");
        }
    }
}
