package dev.klyo.javaagent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's settings from three sources, highest precedence first: agent arguments
 * ({@code -javaagent:klyo.jar=policy=p.yaml,mode=observe}), system properties
 * ({@code -Dklyo.policy=p.yaml}) and environment variables ({@code KLYO_POLICY=p.yaml}) — the
 * order the OpenTelemetry Java agent uses. Keys are documented in docs/javaagent.md.
 *
 * <p>Keys are lower case and dotted ({@code fail.open}); every key may also be written in the
 * camel case docs/central-policy.md uses ({@code policyUrl} is {@code policy.url}), so a
 * central-policy settings line works unchanged as agent arguments. {@code team.<group>} keys
 * name a group, which is kept exactly as written.
 */
final class AgentSettings {

    static final List<String> KEYS = List.of("policy", "mode", "audit", "fail.open", "policy.error", "principal",
            "agent.id", "session.id", "groups", "debug", "secrets");

    /** Keys handed to the central-policy machinery, each under its camel-case name there. */
    static final List<String> CENTRAL_KEYS = List.of("policy.url", "policy.file", "public.key", "bundle.cache",
            "poll.interval", "connect.timeout", "read.timeout", "on.unavailable", "opa", "opa.failure",
            "opa.connect.timeout", "opa.read.timeout", "opa.cache.size", "opa.cache.ttl", "opa.retry.after", "otel",
            "audit.url", "audit.spool", "audit.queue", "audit.batch", "audit.spool.bytes", "audit.retry.max",
            "audit.rotate.file", "audit.rotate.bytes", "audit.rotate.keep");

    static final String TEAM = "team.";

    private final Map<String, String> values;

    private AgentSettings(Map<String, String> values) {
        this.values = values;
    }

    /** This JVM's settings: agent arguments, then system properties, then environment variables. */
    static AgentSettings of(String agentArgs) {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        return resolve(agentArgs, properties, System.getenv());
    }

    static AgentSettings resolve(String agentArgs, Map<String, String> properties, Map<String, String> env) {
        Map<String, String> args = parseArgs(agentArgs);
        Map<String, String> props = fromProperties(properties);
        Map<String, String> fromEnv = fromEnv(env);
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : known(args, props, fromEnv)) {
            String value = firstSet(args.get(key), props.get(key), fromEnv.get(key));
            if (value != null) {
                // Agent arguments are split at commas, so several public keys are separated by ';' there.
                values.put(key, key.equals("public.key") ? value.trim().replace(';', ',') : value.trim());
            }
        }
        return new AgentSettings(values);
    }

    /** The fixed keys and every {@code team.<group>} any source names, teams in name order. */
    private static List<String> known(Map<String, String> args, Map<String, String> props, Map<String, String> env) {
        Map<String, Boolean> teams = new TreeMap<>();
        for (Map<String, String> source : List.of(args, props, env)) {
            source.keySet().stream().filter(k -> k.startsWith(TEAM)).forEach(k -> teams.put(k, true));
        }
        List<String> all = new ArrayList<>(KEYS);
        all.addAll(CENTRAL_KEYS);
        all.addAll(teams.keySet());
        return all;
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

    /** {@code policyUrl} and {@code policy.url} are one key; a group name after {@code team.} is kept as written. */
    static String normalize(String key) {
        if (key.startsWith(TEAM)) {
            return key;
        }
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('.').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The camel-case name docs/central-policy.md and {@code CentralSettings} use for an agent key. */
    static String centralName(String key) {
        if (key.startsWith(TEAM)) {
            return key;
        }
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '.') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static boolean isKey(String key) {
        return KEYS.contains(key) || CENTRAL_KEYS.contains(key)
                || (key.startsWith(TEAM) && key.length() > TEAM.length());
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
            String written = pair.substring(0, eq).trim();
            String key = normalize(written);
            if (!isKey(key)) {
                throw new IllegalArgumentException("unknown agent argument '" + written + "'; known: "
                        + String.join(", ", KEYS) + ", " + String.join(", ", CENTRAL_KEYS) + ", team.<group>"
                        + " (or their camel-case forms, e.g. policyUrl)");
            }
            String value = pair.substring(eq + 1).trim();
            String before = args.put(key, value);
            if (before != null && !before.equals(value)) {
                throw new IllegalArgumentException("agent argument '" + key + "' is given twice, as '" + before
                        + "' and '" + value + "'");
            }
        }
        return args;
    }

    /** {@code klyo.<key>}, in the dotted or the camel-case spelling ({@code klyo.policy.url}, {@code klyo.policyUrl}). */
    private static Map<String, String> fromProperties(Map<String, String> properties) {
        Map<String, String> values = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (name.startsWith("klyo.")) {
                String key = normalize(name.substring("klyo.".length()));
                if (isKey(key)) {
                    values.merge(key, value, (a, b) -> a.isBlank() ? b : a);
                }
            }
        });
        return values;
    }

    /** {@code KLYO_<KEY>} with dots as underscores; {@code KLYO_TEAM_<GROUP>} names the group in lower case. */
    private static Map<String, String> fromEnv(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : KEYS) {
            putIfPresent(values, key, env.get(envName(key)));
        }
        for (String key : CENTRAL_KEYS) {
            putIfPresent(values, key, env.get(envName(key)));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("KLYO_TEAM_") && name.length() > "KLYO_TEAM_".length()) {
                values.put(TEAM + name.substring("KLYO_TEAM_".length()).toLowerCase(Locale.ROOT), value);
            }
        });
        return values;
    }

    private static void putIfPresent(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    String get(String key) {
        return values.get(key);
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    /** Team keys set, in group name order. */
    List<String> teams() {
        return values.keySet().stream().filter(k -> k.startsWith(TEAM)).sorted().toList();
    }

    /**
     * The central-policy settings under their camel-case names, {@code mode} included, for
     * {@code CentralSettings}/{@code AuditExport}; empty when none is set.
     */
    Map<String, String> central() {
        Map<String, String> central = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (CENTRAL_KEYS.contains(key) || key.startsWith(TEAM)) {
                central.put(centralName(key), value);
            }
        });
        if (!central.isEmpty() && values.containsKey("mode")) {
            central.put("mode", values.get("mode"));
        }
        return central;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
