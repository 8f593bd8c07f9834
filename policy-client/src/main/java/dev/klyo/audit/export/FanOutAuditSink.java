package dev.klyo.audit.export;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditSink;
import java.util.List;

/** Every event to several sinks; one failing sink neither stops the others nor reaches the caller. */
public final class FanOutAuditSink implements AuditSink {

    private final List<AuditSink> sinks;

    public FanOutAuditSink(List<AuditSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void write(AuditEvent event) {
        for (AuditSink s : sinks) {
            try {
                s.write(event);
            } catch (RuntimeException e) {
                // Each sink counts its own losses; the next sink still gets the event.
            }
        }
    }

    @Override
    public void flush() {
        sinks.forEach(AuditSink::flush);
    }

    @Override
    public void close() {
        sinks.forEach(AuditSink::close);
    }

    public List<AuditSink> sinks() {
        return sinks;
    }
}
