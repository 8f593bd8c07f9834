package dev.klyo.springai;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps events in memory, for tests that count decisions. */
final class RecordingAuditSink implements AuditSink {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void write(AuditEvent event) {
        events.add(event);
    }

    List<AuditEvent> ofKind(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }
}
