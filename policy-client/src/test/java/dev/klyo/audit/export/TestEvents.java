package dev.klyo.audit.export;

import dev.klyo.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Audit events for tests, told apart by id. */
public final class TestEvents {

    private TestEvents() {
    }

    public static AuditEvent event(String id) {
        return new AuditEvent(Instant.now(), id, "allow", true, "enforce", "r", List.of("r"), "allowed by rule r", "tool",
                "t", Map.of("name", "t"), "p", "a", "s", List.of(), "rev", "", "", 1);
    }
}
