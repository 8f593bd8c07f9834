package dev.klyo.audit.export;

import dev.klyo.audit.AuditEvent;
import dev.klyo.audit.AuditJson;
import dev.klyo.audit.AuditSink;
import dev.klyo.central.HttpCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships audit events in batches to an ingestion endpoint ({@code klyo serve}'s {@code /v1/audit},
 * one JSON line per event). Memory is bounded by the queue; a batch the server does not take
 * goes to an on-disk spool and is retried, oldest first, with exponential backoff, also after a
 * restart of this JVM. Only when the spool is full (or the server refuses a batch as malformed)
 * are events dropped, and {@link #dropped()} counts them. The server deduplicates by event id, so
 * a batch resent after a lost answer is stored once.
 *
 * <p>Does its I/O on its own thread ({@link #thread()}), which enforcement points exempt.
 */
public final class HttpAuditShipper implements AuditSink {

    /**
     * @param url            the ingestion endpoint, e.g. {@code http://127.0.0.1:8181/v1/audit}
     * @param spoolDir       where unsent batches wait
     * @param queueCapacity  events held in memory before callers spill straight to the spool
     * @param batchSize      events per request at most
     * @param linger         how long a partial batch waits for more events
     * @param connectTimeout bound on connecting
     * @param readTimeout    bound on the answer
     * @param retryMin       first backoff after a failure (doubles up to {@code retryMax})
     * @param retryMax       longest backoff
     * @param maxSpoolBytes  disk the spool may use
     */
    public record Settings(URI url, Path spoolDir, int queueCapacity, int batchSize, Duration linger,
                           Duration connectTimeout, Duration readTimeout, Duration retryMin, Duration retryMax,
                           long maxSpoolBytes) {

        public static Settings of(URI url, Path spoolDir) {
            return new Settings(url, spoolDir, 10_000, 500, Duration.ofMillis(200), Duration.ofSeconds(2),
                    Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(30), 256L << 20);
        }

        public Settings withRetry(Duration min, Duration max) {
            return new Settings(url, spoolDir, queueCapacity, batchSize, linger, connectTimeout, readTimeout, min, max,
                    maxSpoolBytes);
        }

        public Settings withBounds(int queue, int batch, long spoolBytes) {
            return new Settings(url, spoolDir, queue, batch, linger, connectTimeout, readTimeout, retryMin, retryMax,
                    spoolBytes);
        }
    }

    private final Settings settings;
    private final BlockingQueue<AuditEvent> queue;
    private final Spool spool;
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Object progress = new Object();
    private volatile boolean closed;
    private long backoffUntil;
    private long backoffNanos;

    public HttpAuditShipper(Settings settings) throws IOException {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.spool = new Spool(settings.spoolDir(), settings.maxSpoolBytes());
        this.backoffNanos = settings.retryMin().toNanos();
        this.backoffUntil = System.nanoTime();
        this.thread = new Thread(this::run, "klyo-audit-shipper");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void write(AuditEvent event) {
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        accepted.incrementAndGet();
        if (!queue.offer(event)) {
            // Memory is full: the event goes to disk on the caller's thread rather than being lost.
            if (!spool.append(lines(List.of(event)))) {
                dropped.incrementAndGet();
            }
            done(1);
        }
    }

    private void run() {
        List<AuditEvent> batch = new ArrayList<>(settings.batchSize());
        while (true) {
            try {
                AuditEvent first = queue.poll(idleWait(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    long lingerEnd = System.nanoTime() + settings.linger().toNanos();
                    while (batch.size() < settings.batchSize() && !closed) {
                        AuditEvent more = queue.poll(Math.max(0, lingerEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
                        if (more == null) {
                            break;
                        }
                        batch.add(more);
                    }
                    queue.drainTo(batch, settings.batchSize() - batch.size());
                }
            } catch (InterruptedException e) {
                // close() interrupts to cut the linger short; the loop below drains what is left.
            }
            if (!batch.isEmpty()) {
                ship(batch);
                batch.clear();
            }
            drainSpool();
            if (closed && queue.isEmpty()) {
                return;
            }
        }
    }

    /** Sends a fresh batch, unless a backlog is waiting (then it queues behind it on disk). */
    private void ship(List<AuditEvent> batch) {
        byte[] body = lines(batch);
        boolean sent = spool.isEmpty() && !backingOff() && send(body, batch.size());
        if (!sent && !spool.append(body)) {
            dropped.addAndGet(batch.size());
        }
        done(batch.size());
    }

    /** Sends spooled batches oldest first, several per request (up to a batch's worth of events). */
    private void drainSpool() {
        while (!backingOff()) {
            List<Path> segments = spool.oldest(settings.batchSize());
            if (segments.isEmpty()) {
                return;
            }
            try {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                List<Path> taken = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                int events = 0;
                for (Path p : segments) {
                    byte[] bytes = Files.readAllBytes(p);
                    if (!taken.isEmpty() && events + count(bytes) > settings.batchSize()) {
                        break;
                    }
                    body.write(bytes);
                    taken.add(p);
                    sizes.add(bytes.length);
                    events += count(bytes);
                }
                if (!send(body.toByteArray(), events)) {
                    return;
                }
                for (int i = 0; i < taken.size(); i++) {
                    spool.remove(taken.get(i), sizes.get(i));
                }
            } catch (IOException e) {
                failures.incrementAndGet();
                return;
            }
        }
    }

    /** True when the server took the batch (or refused it for good, counted as dropped); false to retry later. */
    private boolean send(byte[] body, int events) {
        try {
            HttpURLConnection c = HttpCalls.post(settings.url(), settings.connectTimeout(), settings.readTimeout(),
                    "application/x-ndjson", body);
            try {
                int status = c.getResponseCode();
                try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                if (status / 100 == 2) {
                    shipped.addAndGet(events);
                    backoffNanos = settings.retryMin().toNanos();
                    return true;
                }
                if (status / 100 == 4 && status != 408 && status != 429) {
                    // The server will never take this batch; retrying would block everything behind it.
                    dropped.addAndGet(events);
                    return true;
                }
                throw new IOException("HTTP " + status);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            failures.incrementAndGet();
            backoffUntil = System.nanoTime() + backoffNanos;
            backoffNanos = Math.min(backoffNanos * 2, settings.retryMax().toNanos());
            return false;
        }
    }

    private boolean backingOff() {
        return !closed && System.nanoTime() - backoffUntil < 0;
    }

    private long idleWait() {
        if (spool.isEmpty()) {
            return TimeUnit.MILLISECONDS.toNanos(500);
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), backoffUntil - System.nanoTime());
    }

    private void done(int events) {
        handled.addAndGet(events);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Waits (at most 30 s) until every event written so far has been sent or spooled. */
    @Override
    public void flush() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (progress) {
            while (handled.get() < target && thread.isAlive() && System.nanoTime() < deadline) {
                try {
                    progress.wait(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Stops taking events, makes one last attempt to send (spooling what does not go), and returns.
     * Spooled batches are sent by the next shipper started on the same spool directory.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events the server has taken. */
    public long shipped() {
        return shipped.get();
    }

    /** Events lost: spool full, refused by the server as malformed, or written after close. */
    public long dropped() {
        return dropped.get();
    }

    /** Requests that failed and will be retried. */
    public long failures() {
        return failures.get();
    }

    /** Batches waiting on disk. */
    public int spooledBatches() {
        return spool.segments();
    }

    /** The thread that talks to the server: enforcement points exempt its connections and files. */
    public Thread thread() {
        return thread;
    }

    private static byte[] lines(List<AuditEvent> events) {
        StringBuilder b = new StringBuilder();
        for (AuditEvent e : events) {
            b.append(AuditJson.toJson(e)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int count(byte[] body) {
        int n = 0;
        for (byte x : body) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }
}
