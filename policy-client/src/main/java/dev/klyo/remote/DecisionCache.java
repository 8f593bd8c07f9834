package dev.klyo.remote;

import dev.klyo.engine.Decision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Remote answers by input document: at most {@code maxEntries} (least recently used go first),
 * each for at most {@code ttlNanos}. One lock: a lookup is far cheaper than the round trip it saves.
 */
final class DecisionCache {

    private record Cached(Decision decision, long expiresAt) {
    }

    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<String, Cached> entries;

    DecisionCache(int maxEntries, long ttlNanos, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.ttlNanos = ttlNanos;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > DecisionCache.this.maxEntries;
            }
        };
    }

    synchronized Decision get(String key) {
        Cached e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() - e.expiresAt >= 0) {
            entries.remove(key);
            return null;
        }
        return e.decision;
    }

    synchronized void put(String key, Decision decision) {
        if (maxEntries > 0 && ttlNanos > 0) {
            entries.put(key, new Cached(decision, clock.getAsLong() + ttlNanos));
        }
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
