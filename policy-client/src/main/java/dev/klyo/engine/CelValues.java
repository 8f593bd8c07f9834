package dev.klyo.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts values supplied by callers (session state) into the types CEL's runtime accepts:
 * CEL has 64-bit integers and doubles only, so an {@code Integer} in a session map would make
 * every comparison against it fail at run time.
 */
final class CelValues {

    private CelValues() {
    }

    static Object normalizeValue(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            return normalize(map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object v : list) {
                out.add(normalizeValue(v));
            }
            return out;
        }
        if (value instanceof java.util.Set<?> set) {
            return normalizeValue(new ArrayList<>(set));
        }
        return value;
    }

    static Map<String, Object> normalize(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), normalizeValue(v)));
        return out;
    }
}
