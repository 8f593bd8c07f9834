package dev.klyo.audit.export;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import dev.klyo.audit.AuditSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON Lines with size-based rotation: when {@code audit.jsonl} would grow past {@code maxBytes} it
 * becomes {@code audit.jsonl.1} (older ones shift to {@code .2} …) and a new file starts; at most
 * {@code keep} rotated files are kept. A line is never split across files. Each line is handed
 * to the operating system as it is written, so a crash of the JVM loses nothing already written.
 */
public final class RotatingJsonLinesAuditSink implements AuditSink {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final AtomicLong dropped = new AtomicLong();
    private OutputStream out;
    private long size;
    private boolean closed;

    public RotatingJsonLinesAuditSink(Path file, long maxBytes, int keep) throws IOException {
        if (maxBytes <= 0 || keep < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and keep not negative");
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(this.file.getParent());
        open();
    }

    @Override
    public synchronized void write(AuditEvent event) {
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        byte[] line = (AuditJson.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            out.write(line);
            out.flush();
            size += line.length;
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
    }

    private void rotate() throws IOException {
        out.close();
        if (keep == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    /** The n-th rotated file: {@code audit.jsonl.n}. */
    public Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    public Path file() {
        return file;
    }

    /** Events that could not be written (I/O error, or written after close). */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                dropped.incrementAndGet();
            }
        }
    }
}
