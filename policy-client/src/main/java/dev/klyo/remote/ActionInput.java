package dev.klyo.remote;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.AgentContext;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.FileAccess;
import dev.klyo.action.FileOperation;
import dev.klyo.action.HttpBody;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ModelExchange;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.SqlStatement;
import dev.klyo.action.ToolCall;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code input} document a remote decision point receives for an action, and back:
 * {@code {"kind":"http","target":"GET https://…","action":{…attributes…},"context":{"principal":…,"groups":[…]}}}.
 * {@code action} holds exactly the attributes policies see ({@link Action#attributes()}), so a Rego
 * rule reads {@code input.action.host} where a Klyo rule matches {@code host}.
 */
public final class ActionInput {

    private ActionInput() {
    }

    public static Map<String, Object> of(Action action) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("kind", action.kind().key());
        input.put("target", action.target());
        input.put("action", action.attributes());
        input.put("context", action.context().toMap());
        return input;
    }

    /** Rebuilds the action from an input document (the reference server decides with the local engine). */
    public static Action toAction(Map<String, Object> input) {
        ActionKind kind = ActionKind.fromKey(string(input, "kind"));
        if (kind == null) {
            throw new IllegalArgumentException("input.kind must be one of http, network, dns, file, process, sql, tool, model");
        }
        Map<String, Object> a = map(input.get("action"));
        AgentContext ctx = context(map(input.get("context")));
        return switch (kind) {
            case HTTP -> new HttpRequest(ctx, string(a, "method"), URI.create(required(a, "url")), headers(a),
                    HttpBody.of(string(a, "body")));
            case NETWORK -> new NetworkConnect(ctx, string(a, "host"), string(a, "address"), (int) number(a, "port"),
                    "udp".equals(string(a, "protocol")) ? NetworkConnect.Protocol.UDP : NetworkConnect.Protocol.TCP);
            case DNS -> new DnsLookup(ctx, required(a, "host"));
            case FILE -> new FileAccess(ctx, required(a, "path"), operation(string(a, "operation")));
            case PROCESS -> new ProcessStart(ctx, command(a), string(a, "directory"));
            case SQL -> new SqlStatement(ctx, required(a, "sql"), string(a, "dataSource"));
            case TOOL -> new ToolCall(ctx, required(a, "name"), string(a, "server"), string(a, "arguments"),
                    map(a.get("annotations")));
            case MODEL -> new ModelExchange(ctx, "response".equals(string(a, "direction"))
                    ? ModelExchange.Direction.RESPONSE : ModelExchange.Direction.PROMPT, string(a, "model"),
                    string(a, "text"));
        };
    }

    private static AgentContext context(Map<String, Object> c) {
        List<String> groups = new ArrayList<>();
        if (c.get("groups") instanceof List<?> list) {
            list.forEach(g -> groups.add(String.valueOf(g)));
        }
        return new AgentContext(string(c, "principal"), string(c, "agentId"), string(c, "sessionId"),
                new LinkedHashSet<>(groups));
    }

    private static Map<String, List<String>> headers(Map<String, Object> a) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        map(a.get("headers")).forEach((k, v) -> out.put(k, List.of(String.valueOf(v))));
        return out;
    }

    private static List<String> command(Map<String, Object> a) {
        List<String> cmd = new ArrayList<>();
        cmd.add(required(a, "program"));
        if (a.get("args") instanceof List<?> args) {
            args.forEach(x -> cmd.add(String.valueOf(x)));
        }
        return cmd;
    }

    private static FileOperation operation(String key) {
        FileOperation op = FileOperation.fromKey(key.toLowerCase(Locale.ROOT));
        if (op == null) {
            throw new IllegalArgumentException("input.action.operation is not a file operation: " + key);
        }
        return op;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : String.valueOf(v);
    }

    private static String required(Map<String, Object> m, String key) {
        String v = string(m, key);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("input.action." + key + " is required");
        }
        return v;
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
