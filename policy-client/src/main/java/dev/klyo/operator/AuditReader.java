package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads audit events from JSON Lines files for the operator commands. A line that is not an
 * audit event (a torn write, a hand edit, something an attacker planted) is reported with its
 * file and line number and skipped: one bad line must never hide the rest of the log.
 */
final class AuditReader {

    /** Receives each event with where it was read. */
    interface EventHandler {
        void event(Path file, long line, AuditEvent event);
    }

    private final PrintWriter err;
    private long skipped;
    private long bytesDone;
    private AuditFile current;

    AuditReader(PrintWriter err) {
        this.err = err;
    }

    /** Lines skipped so far because they were not audit events. */
    long skipped() {
        return skipped;
    }

    /** Bytes of all files read so far, including the one being read. */
    long bytesRead() {
        return bytesDone + (current == null ? 0 : current.delivered());
    }

    /** Reads every file to its end, in the order given, telling {@code progress} after each event. */
    void readAll(List<Path> files, EventHandler out, Progress progress) throws IOException {
        long[] events = new long[1];
        readAll(files, (file, line, event) -> {
            out.event(file, line, event);
            progress.update(++events[0], bytesRead());
        });
        progress.finish(events[0]);
    }

    /** Reads every file to its end, in the order given. */
    void readAll(List<Path> files, EventHandler out) throws IOException {
        for (Path f : files) {
            try (AuditFile file = new AuditFile(f)) {
                current = file;
                file.readNew(true, (n, text) -> emit(f, n, text, out));
                bytesDone += file.position();
            } finally {
                current = null;
            }
        }
    }

    /**
     * Reads what the files hold, then keeps reading what is appended until the thread is
     * interrupted (Ctrl-C ends the JVM; tests interrupt).
     */
    void follow(List<Path> files, EventHandler out, long pollMillis) throws IOException {
        List<AuditFile> open = new ArrayList<>();
        try {
            for (Path f : files) {
                open.add(new AuditFile(f));
            }
            while (!Thread.currentThread().isInterrupted()) {
                boolean any = false;
                for (AuditFile file : open) {
                    long before = file.position();
                    if (file.readNew(false, (n, text) -> emit(file.path(), n, text, out))) {
                        err.println(Terminal.printable(file.path().toString())
                                + ": the file was rotated or truncated; reading it from the start");
                        err.flush();
                    }
                    any |= file.position() != before;
                }
                if (!any) {
                    try {
                        Thread.sleep(pollMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        } catch (ClosedByInterruptException e) {
            // The interrupt that ends following arrived during a read: a normal end.
        } finally {
            for (AuditFile file : open) {
                file.close();
            }
        }
    }

    private void emit(Path file, long line, String text, EventHandler out) {
        AuditEvent event = parse(file, line, text);
        if (event != null) {
            out.event(file, line, event);
        }
    }

    /** The event on this line; null for a blank line or (reported) a line that is not an event. */
    AuditEvent parse(Path file, long line, String text) {
        if (text.isBlank()) {
            return null;
        }
        String problem;
        try {
            AuditEvent event = AuditJson.fromJson(text);
            if (event.timestamp() != null && event.effect() != null && event.kind() != null) {
                return event;
            }
            problem = "missing timestamp, effect or kind";
        } catch (RuntimeException e) {
            problem = firstLine(e);
        }
        skipped++;
        err.println(Terminal.printable(file.toString()) + ":" + line + ": skipped, not an audit event: "
                + Terminal.printable(problem));
        err.flush();
        return null;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(root.getMessage());
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        return first.length() > 160 ? first.substring(0, 160) + "..." : first;
    }
}
