package dev.klyo.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * Values written into policy text. JSON is YAML's flow syntax, so a value written as JSON is a
 * valid YAML scalar or flow collection whatever it contains: an operator's value can never
 * close a quote, start a new key or otherwise change the structure around it.
 */
final class YamlText {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private YamlText() {
    }

    /**
     * A map or list the way people write YAML flow collections: keys plain (they come from Klyo,
     * never from the operator), every string value quoted as JSON.
     */
    static String readable(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append(": ").append(readable(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(v -> out.append(out.length() > 1 ? ", " : "").append(readable(v)));
            return out.append(']').toString();
        }
        return flow(value);
    }

    /** A string, list or map as JSON, which is also YAML flow text. */
    static String flow(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings, lists and maps are always JSON", e);
        }
    }
}
