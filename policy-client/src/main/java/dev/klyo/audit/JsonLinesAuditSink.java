package dev.klyo.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends one JSON line per event to a file. Callers only enqueue; one daemon thread writes,
 * so a decision never waits on disk. A full queue makes callers wait rather than lose events;
 * {@link #close()} drains everything before returning, which the shutdown hook relies on.
 */
public final class JsonLinesAuditSink implements AuditSink {

    private static final Object FLUSH = new Object();
    private static final Object STOP = new Object();

    private final Path file;
    private final BlockingQueue<Object> queue;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong flushRequests = new AtomicLong();
    private final AtomicLong flushesDone = new AtomicLong();
    private volatile boolean closed;
    private volatile IOException failure;

    public JsonLinesAuditSink(Path file) throws IOException {
        this(file, 65_536);
    }

    public JsonLinesAuditSink(Path file, int capacity) throws IOException {
        this.file = file.toAbsolutePath();
        Path parent = this.file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter out = Files.newBufferedWriter(this.file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(() -> run(out), "klyo-audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public Path file() {
        return file;
    }

    /** The thread that writes the file: enforcement points exempt its own file access. */
    public Thread writerThread() {
        return writer;
    }

    @Override
    public void write(AuditEvent event) {
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
        }
    }

    @Override
    public void flush() {
        if (closed || Thread.currentThread() == writer) {
            return;
        }
        long ticket = flushRequests.incrementAndGet();
        try {
            queue.put(FLUSH);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (flushesDone.get() < ticket && writer.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long written() {
        return written.get();
    }

    /** Events given after close or lost to an interrupted caller. */
    public long dropped() {
        return dropped.get();
    }

    /** The last write error, if the file could not be written. */
    public IOException failure() {
        return failure;
    }

    private void run(BufferedWriter out) {
        List<Object> batch = new ArrayList<>(512);
        try (out) {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, 511);
                boolean stop = false;
                for (Object item : batch) {
                    if (item == STOP) {
                        stop = true;
                    } else if (item == FLUSH) {
                        out.flush();
                        flushesDone.incrementAndGet();
                    } else {
                        out.write(AuditJson.toJson((AuditEvent) item));
                        out.write('\n');
                        written.incrementAndGet();
                    }
                }
                batch.clear();
                if (queue.isEmpty()) {
                    out.flush();
                }
                if (stop) {
                    List<Object> rest = new ArrayList<>();
                    queue.drainTo(rest);
                    for (Object item : rest) {
                        if (item instanceof AuditEvent e) {
                            out.write(AuditJson.toJson(e));
                            out.write('\n');
                            written.incrementAndGet();
                        }
                    }
                    return;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
