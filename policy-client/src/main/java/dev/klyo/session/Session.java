package dev.klyo.session;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Klyo remembers about one agent session, as state rather than history: labels on data
 * the session has seen, counters, its authorised scope, and the sensitive values it has read (a
 * bounded set, so a later action carrying one of them can be recognised). Reading it costs the
 * size of that state, never the length of the session.
 */
public final class Session {

    /** At most this many sensitive values are remembered; the oldest go first. */
    static final int MAX_SENSITIVE_VALUES = 256;

    private final String id;
    private final Set<String> labels = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Deque<String> sensitiveValues = new ArrayDeque<>();
    private volatile Scope scope = Scope.NONE;
    /** Bumped by every change; a snapshot is reused only while it matches, so none is ever stale. */
    private final AtomicLong version = new AtomicLong();
    /** The last {@link #toMap()}, reused until the state changes: most decisions change nothing. */
    private volatile Snapshot snapshot;

    private record Snapshot(long version, Map<String, Object> state) {
    }

    Session(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public Scope scope() {
        return scope;
    }

    public void scope(Scope newScope) {
        this.scope = newScope;
        version.incrementAndGet();
    }

    public void label(String label) {
        if (labels.add(label)) {
            version.incrementAndGet();
        }
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }

    public long increment(String counter) {
        long value = counters.computeIfAbsent(counter, c -> new AtomicLong()).incrementAndGet();
        version.incrementAndGet();
        return value;
    }

    public long counter(String counter) {
        AtomicLong value = counters.get(counter);
        return value == null ? 0 : value.get();
    }

    /** Remembers a value found by a detector in data the session read. */
    public void rememberSensitive(String value) {
        if (value.length() < 4) {
            return;
        }
        synchronized (sensitiveValues) {
            if (sensitiveValues.contains(value)) {
                return;
            }
            if (sensitiveValues.size() == MAX_SENSITIVE_VALUES) {
                sensitiveValues.removeFirst();
            }
            sensitiveValues.addLast(value);
            version.incrementAndGet();
        }
    }

    /**
     * The state of an action that belongs to no session: nothing seen, nothing counted, and a
     * scope that allows reading only. Conditions always find every key.
     */
    public static Map<String, Object> emptyState() {
        return EMPTY_STATE;
    }

    private static final Map<String, Object> EMPTY_STATE = Map.copyOf(new Session("").toMap());

    /** The {@code session} variable of conditions: an immutable snapshot, rebuilt only after a change. */
    public Map<String, Object> toMap() {
        long current = version.get();
        Snapshot last = snapshot;
        if (last != null && last.version() == current) {
            return last.state();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("labels", List.copyOf(labels));
        Map<String, Object> c = new LinkedHashMap<>();
        counters.forEach((k, v) -> c.put(k, v.get()));
        m.put("counters", Collections.unmodifiableMap(c));
        m.put("scope", scope.toMap());
        synchronized (sensitiveValues) {
            // Read by SessionFacts to recognise an action carrying one of them; never audited.
            m.put("sensitiveValues", List.copyOf(sensitiveValues));
        }
        Map<String, Object> state = Collections.unmodifiableMap(m);
        snapshot = new Snapshot(current, state);
        return state;
    }
}
