package dev.klyo.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The one written form of an action, in JSON or YAML: {@code kind} plus that kind's
 * attributes, and an optional {@code context}. Used by {@code klyo eval}, policy test cases
 * and audit replay, so an action written once reads the same everywhere:
 *
 * <pre>
 * {"kind": "http", "method": "POST", "url": "https://api.example.com/v1", "headers": {"Accept": "*&#47;*"},
 *  "body": "...", "context": {"principal": "alice", "agentId": "bot", "sessionId": "s1", "groups": ["staff"]}}
 * </pre>
 */
public final class ActionJson {

    /** The keys each kind accepts besides {@code kind} and {@code context}. */
    public static final Map<ActionKind, List<String>> KEYS = Map.of(
            ActionKind.HTTP, List.of("method", "url", "headers", "body"),
            ActionKind.NETWORK, List.of("host", "address", "port", "protocol"),
            ActionKind.DNS, List.of("host"),
            ActionKind.FILE, List.of("path", "operation"),
            ActionKind.PROCESS, List.of("command", "directory"),
            ActionKind.SQL, List.of("sql", "dataSource"),
            ActionKind.TOOL, List.of("name", "server", "arguments", "annotations"),
            ActionKind.MODEL, List.of("direction", "model", "text"));

    private static final List<String> CONTEXT_KEYS = List.of("principal", "agentId", "sessionId", "groups");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ActionJson() {
    }

    /** Reads an action from JSON or YAML text; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Action parse(String text) {
        Object value;
        try {
            value = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not valid JSON or YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("an action is an object with 'kind' and its attributes");
        }
        return fromMap(map);
    }

    /** Builds an action from its map form (as read from JSON or YAML). */
    public static Action fromMap(Map<?, ?> map) {
        Object kindValue = map.get("kind");
        if (kindValue == null) {
            throw new IllegalArgumentException("missing 'kind' (one of " + kinds() + ")");
        }
        ActionKind kind = ActionKind.fromKey(String.valueOf(kindValue).toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind '" + kindValue + "'; use one of " + kinds());
        }
        List<String> allowed = new ArrayList<>(KEYS.get(kind));
        allowed.add("kind");
        allowed.add("context");
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' for a " + kind.key() + " action; use "
                        + String.join(", ", allowed));
            }
        }
        Fields f = new Fields(map, kind);
        AgentContext context = context(map.get("context"));
        return switch (kind) {
            case HTTP -> new HttpRequest(context, f.text("method", "GET"), uri(f.required("url")), headers(map.get("headers")),
                    HttpBody.of(f.text("body", null)));
            case NETWORK -> new NetworkConnect(context, f.text("host", ""), f.text("address", ""), f.port(),
                    NetworkConnect.Protocol.valueOf(f.choice("protocol", "tcp", List.of("tcp", "udp"))
                            .toUpperCase(Locale.ROOT)));
            case DNS -> new DnsLookup(context, f.required("host"));
            case FILE -> new FileAccess(context, f.required("path"), FileOperation.fromKey(f.choice("operation", null,
                    Arrays.stream(FileOperation.values()).map(FileOperation::key).toList())));
            case PROCESS -> new ProcessStart(context, command(map.get("command")), f.text("directory", ""));
            case SQL -> new SqlStatement(context, f.required("sql"), f.text("dataSource", ""));
            case TOOL -> new ToolCall(context, f.required("name"), f.text("server", ""), arguments(map.get("arguments")),
                    annotations(map.get("annotations")));
            case MODEL -> new ModelExchange(context, ModelExchange.Direction.valueOf(
                    f.choice("direction", null, List.of("prompt", "response")).toUpperCase(Locale.ROOT)),
                    f.text("model", ""), f.text("text", ""));
        };
    }

    /** The map form of an action, the inverse of {@link #fromMap}. */
    public static Map<String, Object> toMap(Action action) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", action.kind().key());
        if (action instanceof HttpRequest r) {
            out.put("method", r.method());
            out.put("url", r.uri().toString());
            Map<String, Object> headers = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> headers.put(k, v.size() == 1 ? v.get(0) : List.copyOf(v)));
            if (!headers.isEmpty()) {
                out.put("headers", headers);
            }
            if (r.body().size() > 0) {
                out.put("body", r.body().text());
            }
        } else if (action instanceof NetworkConnect c) {
            out.put("host", c.host());
            out.put("address", c.address());
            out.put("port", c.port());
            out.put("protocol", c.protocol().key());
        } else if (action instanceof DnsLookup d) {
            out.put("host", d.host());
        } else if (action instanceof FileAccess f) {
            out.put("path", f.path());
            out.put("operation", f.operation().key());
        } else if (action instanceof ProcessStart p) {
            out.put("command", p.command());
            if (!p.directory().isEmpty()) {
                out.put("directory", p.directory());
            }
        } else if (action instanceof SqlStatement s) {
            out.put("sql", s.sql());
            out.put("dataSource", s.dataSource());
        } else if (action instanceof ToolCall t) {
            out.put("name", t.name());
            out.put("server", t.server());
            out.put("arguments", t.arguments());
            if (!t.annotations().isEmpty()) {
                out.put("annotations", t.annotations());
            }
        } else if (action instanceof ModelExchange m) {
            out.put("direction", m.direction().key());
            out.put("model", m.model());
            out.put("text", m.text());
        }
        AgentContext ctx = action.context();
        if (!ctx.equals(AgentContext.ANONYMOUS)) {
            out.put("context", ctx.toMap());
        }
        return out;
    }

    /** The JSON text of {@link #toMap}. */
    public static String toJson(Action action) {
        try {
            return JSON.writeValueAsString(toMap(action));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an action's map form is always serialisable", e);
        }
    }

    private static String kinds() {
        return String.join(", ", Arrays.stream(ActionKind.values()).map(ActionKind::key).toList());
    }

    /** Typed access to one action's attributes, with errors that name the attribute. */
    private record Fields(Map<?, ?> map, ActionKind kind) {
        String text(String key, String fallback) {
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Map || v instanceof Collection) {
                throw new IllegalArgumentException("'" + key + "' of a " + kind.key() + " action is a string");
            }
            return String.valueOf(v);
        }

        String required(String key) {
            String v = text(key, null);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("a " + kind.key() + " action needs '" + key + "'");
            }
            return v;
        }

        String choice(String key, String fallback, List<String> allowed) {
            String v = fallback == null ? required(key) : text(key, fallback);
            String lower = v.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw new IllegalArgumentException("'" + key + "' is '" + v + "'; use one of " + String.join(", ", allowed));
            }
            return lower;
        }

        int port() {
            Object v = map.get("port");
            if (v == null) {
                throw new IllegalArgumentException("a network action needs 'port'");
            }
            try {
                int port = v instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(v).trim());
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'port' is '" + v + "'; use a number from 0 to 65535");
            }
        }
    }

    private static URI uri(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("'url' needs a scheme, such as https://");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'url' is not a URL: " + e.getMessage());
        }
    }

    private static Map<String, List<String>> headers(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'headers' is an object of header names to values");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            List<String> values = new ArrayList<>();
            if (v instanceof Collection<?> c) {
                c.forEach(x -> values.add(String.valueOf(x)));
            } else if (v != null) {
                values.add(String.valueOf(v));
            }
            out.put(String.valueOf(k), values);
        });
        return out;
    }

    private static List<String> command(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else if (value != null) {
            // A command line given as one string is split on white space, as a shell would without quoting.
            out.addAll(Arrays.asList(String.valueOf(value).trim().split("\\s+")));
            out.removeIf(String::isEmpty);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("a process action needs 'command': a list such as [bash, -c, id]");
        }
        return out;
    }

    private static String arguments(Object value) {
        if (value == null) {
            return "{}";
        }
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'arguments' cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> annotations(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'annotations' is an object, such as {readOnlyHint: true}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static AgentContext context(Object value) {
        if (value == null) {
            return AgentContext.ANONYMOUS;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("'context' is an object with " + String.join(", ", CONTEXT_KEYS));
        }
        for (Object key : map.keySet()) {
            if (!CONTEXT_KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' in 'context'; use "
                        + String.join(", ", CONTEXT_KEYS));
            }
        }
        Set<String> groups = new LinkedHashSet<>();
        Object g = map.get("groups");
        if (g instanceof Collection<?> c) {
            c.forEach(x -> groups.add(String.valueOf(x)));
        } else if (g != null) {
            groups.add(String.valueOf(g));
        }
        return new AgentContext(string(map.get("principal")), string(map.get("agentId")), string(map.get("sessionId")),
                groups);
    }

    private static String string(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
