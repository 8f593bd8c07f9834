package dev.klyo.central;

import dev.klyo.audit.AuditSink;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Keeps a policy current: starts from the source, else from its last good copy, else from a
 * fallback; then polls on one daemon thread and applies every change through {@code apply}.
 * Whatever is rejected is audited and leaves the current policy in place. Unreachable sources
 * are retried silently (counted in {@link #failures()}): an outage changes nothing.
 */
public final class PolicyUpdater implements AutoCloseable {

    private final PolicySource source;
    private final Consumer<PolicySet> apply;
    private final AuditSink audit;
    private final Duration interval;
    private final Thread thread;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private volatile PolicySet current;
    private volatile String lastError = "";
    private volatile boolean closed;

    public PolicyUpdater(PolicySource source, Consumer<PolicySet> apply, AuditSink audit, Duration interval) {
        this.source = source;
        this.apply = apply;
        this.audit = audit;
        this.interval = interval;
        this.thread = new Thread(this::run, "klyo-policy-updater");
        this.thread.setDaemon(true);
    }

    /**
     * Loads and applies the first policy on the calling thread, then starts polling.
     *
     * @param fallback applied when neither the source nor a kept copy has a policy
     * @return what was applied
     */
    public PolicySet start(PolicySet fallback) {
        Optional<PolicySet> kept = source.lastGood();
        String reason;
        try {
            Optional<PolicySet> fetched = source.poll();
            if (fetched.isPresent()) {
                install(fetched.get(), "source", "none");
            } else if (kept.isPresent()) {
                install(kept.get(), "kept copy (source unchanged)", "none");
            }
            reason = "the source has no policy";
        } catch (IOException e) {
            failures.incrementAndGet();
            reason = lastError = String.valueOf(e.getMessage());
        } catch (BundleException e) {
            reason = reject(e.getMessage(), "nothing");
        }
        if (current == null) {
            if (kept.isPresent()) {
                install(kept.get(), "kept copy (source unavailable: " + reason + ")", "none");
            } else {
                audit(PolicyEvents.unavailable(source.location(), reason, fallback.revision()));
                install(fallback, "built-in fallback", "none");
            }
        }
        thread.start();
        return current;
    }

    /** One poll, applied if it brings a valid change. Runs on the updater thread; tests call it directly. */
    public synchronized void pollOnce() {
        polls.incrementAndGet();
        String kept = current == null ? "nothing" : current.revision();
        try {
            source.poll().ifPresent(set -> install(set, "source", kept));
            lastError = "";
        } catch (IOException e) {
            failures.incrementAndGet();
            lastError = String.valueOf(e.getMessage());
        } catch (BundleException e) {
            reject(e.getMessage(), kept);
        } catch (RuntimeException e) {
            reject("could not apply: " + e, kept);
        }
    }

    private void install(PolicySet set, String how, String previous) {
        apply.accept(set);
        current = set;
        audit(PolicyEvents.applied(source.location(), set, previous, how));
    }

    private String reject(String reason, String kept) {
        rejections.incrementAndGet();
        lastError = reason;
        audit(PolicyEvents.rejected(source.location(), reason, kept));
        return reason;
    }

    private void audit(dev.klyo.audit.AuditEvent event) {
        try {
            audit.write(event);
        } catch (RuntimeException e) {
            // Losing an audit line must not stop policy updates; sinks count their own losses.
        }
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                pollOnce();
            }
        }
    }

    /** The policy set in force. */
    public PolicySet current() {
        return current;
    }

    /** The polling thread: enforcement points exempt its traffic to the policy server. */
    public Thread thread() {
        return thread;
    }

    public long polls() {
        return polls.get();
    }

    /** Polls that could not reach the source. */
    public long failures() {
        return failures.get();
    }

    /** Fetched policies refused (each also audited). */
    public long rejections() {
        return rejections.get();
    }

    /** Why the last poll failed; empty after a good one. */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
