package dev.klyo.audit;

/** Where audit events go. Implementations must be thread-safe and must not block callers for long. */
public interface AuditSink extends AutoCloseable {

    void write(AuditEvent event);

    /** Makes every event written so far durable. */
    default void flush() {
    }

    /** Flushes and releases resources; events written after close are dropped and counted. */
    @Override
    default void close() {
        flush();
    }

    AuditSink NONE = event -> { };
}
