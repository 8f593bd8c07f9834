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
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Callers between their check of {@code closed} and their enqueue; close waits for them. */
    private final AtomicInteger inFlight = new AtomicInteger();
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
        inFlight.incrementAndGet();
        try {
            // A dead writer would leave callers blocked on a full queue forever: count the loss instead.
            if (closed || !writer.isAlive()) {
                dropped.incrementAndGet();
                return;
            }
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
        } finally {
            inFlight.decrementAndGet();
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
            // A caller that saw the sink open before it closed is still enqueueing: STOP must come after its event.
            while (inFlight.get() > 0 && writer.isAlive()) {
                Thread.onSpinWait();
            }
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long written() {
        return written.get();
    }

    /** Events given after close, lost to an interrupted caller or a dead writer, or not serialisable. */
    public long dropped() {
        return dropped.get();
    }

    /** The last write error, if the file could not be written. */
    public IOException failure() {
        return failure;
    }

    private void append(BufferedWriter out, AuditEvent event) throws IOException {
        String line;
        try {
            line = AuditJson.toJson(event);
        } catch (RuntimeException e) {
            // One event that cannot be serialised must not stop the writer and with it every later event.
            dropped.incrementAndGet();
            return;
        }
        out.write(line);
        out.write('\n');
        written.incrementAndGet();
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
                        append(out, (AuditEvent) item);
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
                            append(out, e);
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
