package dev.klyo.engine;

import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A key to rules map that is built once and then only read, so lookups need no locking. */
final class RuleBuckets<K> {

    private final Map<K, List<Rule>> building = new HashMap<>();
    private Map<K, Rule[]> frozen;

    void add(K key, Rule rule) {
        building.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
    }

    RuleBuckets<K> freeze() {
        Map<K, Rule[]> out = new HashMap<>(Math.max(16, building.size() * 2));
        building.forEach((k, v) -> out.put(k, v.toArray(Rule[]::new)));
        frozen = out;
        return this;
    }

    boolean isEmpty() {
        return frozen.isEmpty();
    }

    void collect(K key, List<Rule> out) {
        Rule[] rules = frozen.get(key);
        if (rules != null) {
            for (Rule r : rules) {
                out.add(r);
            }
        }
    }
}
