package dev.klyo.central;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event in memory, so a test can read what was audited. */
public final class RecordingAuditSink implements AuditSink {

    public final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void write(AuditEvent event) {
        events.add(event);
    }

    public List<AuditEvent> withRule(String ruleId) {
        return events.stream().filter(e -> ruleId.equals(e.ruleId())).toList();
    }
}
