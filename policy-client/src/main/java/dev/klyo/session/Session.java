package dev.klyo.session;

import java.util.ArrayDeque;
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
    }

    public void label(String label) {
        labels.add(label);
    }

    public boolean hasLabel(String label) {
        return labels.contains(label);
    }

    public long increment(String counter) {
        return counters.computeIfAbsent(counter, c -> new AtomicLong()).incrementAndGet();
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

    /** The {@code session} variable of conditions. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("labels", List.copyOf(labels));
        Map<String, Object> c = new LinkedHashMap<>();
        counters.forEach((k, v) -> c.put(k, v.get()));
        m.put("counters", c);
        m.put("scope", scope.toMap());
        synchronized (sensitiveValues) {
            // Read by SessionFacts to recognise an action carrying one of them; never audited.
            m.put("sensitiveValues", List.copyOf(sensitiveValues));
        }
        return m;
    }
}
