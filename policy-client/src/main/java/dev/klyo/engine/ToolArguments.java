package dev.klyo.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * A tool call's JSON arguments as a CEL value ({@code action.args.amount > 1000}). Arguments
 * that are not a JSON object give an empty map: a condition reading a key then fails at run
 * time, which counts for deny rules and against every other rule.
 */
public final class ToolArguments {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ToolArguments() {
    }

    public static Map<String, Object> parse(String json) {
        try {
            Object value = MAPPER.readValue(json, Object.class);
            return value instanceof Map<?, ?> map ? CelValues.normalize(map) : Map.of();
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
