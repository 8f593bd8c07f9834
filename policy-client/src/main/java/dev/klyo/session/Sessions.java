package dev.klyo.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sessions of one JVM, by id, bounded: the least recently used session is forgotten when
 * the limit is reached, so a long-running agent host cannot grow without end.
 */
public final class Sessions {

    private final Map<String, Session> byId;

    public Sessions(int maxSessions) {
        this.byId = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > maxSessions;
            }
        };
    }

    public Sessions() {
        this(10_000);
    }

    /** The session with this id, created on first use. */
    public synchronized Session get(String id) {
        return byId.computeIfAbsent(id, Session::new);
    }

    public synchronized int size() {
        return byId.size();
    }
}
