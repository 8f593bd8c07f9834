package dev.klyo.javaagent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The agent's settings from three sources, highest precedence first: agent arguments
 * ({@code -javaagent:klyo.jar=policy=p.yaml,mode=observe}), system properties
 * ({@code -Dklyo.policy=p.yaml}) and environment variables ({@code KLYO_POLICY=p.yaml}) — the
 * order the OpenTelemetry Java agent uses. Keys are documented in docs/javaagent.md.
 */
final class AgentSettings {

    static final List<String> KEYS = List.of("policy", "mode", "audit", "fail.open", "policy.error", "principal",
            "agent.id", "session.id", "groups", "debug");

    private final Map<String, String> values;

    private AgentSettings(Map<String, String> values) {
        this.values = values;
    }

    static AgentSettings resolve(String agentArgs, UnaryOperator<String> properties, UnaryOperator<String> env) {
        Map<String, String> args = parseArgs(agentArgs);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = firstSet(args.get(key), properties.apply("klyo." + key), env.apply(envName(key)));
            if (value != null) {
                values.put(key, value.trim());
            }
        }
        return new AgentSettings(values);
    }

    /** A blank value counts as unset, so {@code policy=} falls through to the next source. */
    private static String firstSet(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }

    /** {@code agent.id} is read from {@code KLYO_AGENT_ID}. */
    static String envName(String key) {
        return "KLYO_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** {@code key=value} pairs separated by commas; an unknown key is an error, not silently ignored. */
    static Map<String, String> parseArgs(String agentArgs) {
        Map<String, String> args = new LinkedHashMap<>();
        if (agentArgs == null || agentArgs.isBlank()) {
            return args;
        }
        for (String pair : agentArgs.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("agent argument '" + pair + "' is not key=value");
            }
            String key = pair.substring(0, eq).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown agent argument '" + key + "'; known: " + String.join(", ", KEYS));
            }
            args.put(key, pair.substring(eq + 1).trim());
        }
        return args;
    }

    String get(String key) {
        return values.get(key);
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
