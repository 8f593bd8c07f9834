package dev.klyo.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Session state as written on the command line or in test cases: a JSON or YAML object. */
final class Sessions {

    private Sessions() {
    }

    static Map<String, Object> parse(String text) {
        Object value;
        try {
            value = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("session is not valid JSON or YAML");
        }
        return of(value);
    }

    static Map<String, Object> of(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a session is an object of names to values");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
