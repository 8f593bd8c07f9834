package dev.klyo.policy;

import dev.klyo.action.ActionKind;
import dev.klyo.action.FileOperation;
import dev.klyo.action.ModelExchange;
import dev.klyo.action.NetworkConnect;
import dev.klyo.match.Glob;
import dev.klyo.match.HostPattern;
import dev.klyo.match.PortSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads the {@code match:} block of a rule into {@link Criteria}, reporting every bad entry with its location. */
final class MatchParser {

    static final Map<ActionKind, List<String>> KEYS = Map.of(
            ActionKind.HTTP, List.of("hosts", "ports", "schemes", "methods", "paths"),
            ActionKind.NETWORK, List.of("hosts", "ports", "protocols"),
            ActionKind.DNS, List.of("hosts"),
            ActionKind.FILE, List.of("paths", "operations"),
            ActionKind.PROCESS, List.of("commands", "args"),
            ActionKind.SQL, List.of("dataSources"),
            ActionKind.TOOL, List.of("names", "servers"),
            ActionKind.MODEL, List.of("directions", "models"));

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT");
    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");

    private final Problems problems;
    private final PathExpander paths;

    MatchParser(Problems problems, PathExpander paths) {
        this.problems = problems;
        this.paths = paths;
    }

    /** Parses {@code match:}; null when it is unusable (errors already reported). */
    Criteria parse(Node matchNode, String key) {
        List<String> kindKeys = Arrays.stream(ActionKind.values()).map(ActionKind::key).toList();
        int errorsBefore = problems.errors().size();
        Map<String, NodeTuple> kinds = problems.mapping(matchNode, key, kindKeys);
        if (kinds.size() != 1) {
            if (kinds.size() > 1 || problems.errors().size() == errorsBefore) {
                problems.add(matchNode, key, "name exactly one action kind (" + String.join(", ", kindKeys)
                        + "); found " + kinds.size() + ". Write one rule per kind");
            }
            return null;
        }
        Map.Entry<String, NodeTuple> entry = kinds.entrySet().iterator().next();
        ActionKind kind = ActionKind.fromKey(entry.getKey());
        String kindPath = key + "." + entry.getKey();
        Node body = entry.getValue().getValueNode();
        // 'process:' with nothing after it reads naturally as "any process".
        Map<String, NodeTuple> fields = isNull(body) ? Map.of() : problems.mapping(body, kindPath, KEYS.get(kind));
        Field f = new Field(fields, kindPath);
        return switch (kind) {
            case HTTP -> new HttpCriteria(hosts(f), ports(f), lowerSet(f, "schemes", SCHEMES),
                    upperSet(f, "methods", METHODS), globs(f, "paths", '/'));
            case NETWORK -> NetworkCriteria.network(hosts(f), ports(f), protocols(f));
            case DNS -> NetworkCriteria.dns(hosts(f));
            case FILE -> new FileCriteria(filePaths(f), operations(f));
            case PROCESS -> new ProcessCriteria(globs(f, "commands", (char) 0), globs(f, "args", (char) 0));
            case SQL -> new SqlCriteria(globs(f, "dataSources", (char) 0));
            case TOOL -> new ToolCriteria(globs(f, "names", (char) 0), globs(f, "servers", (char) 0));
            case MODEL -> new ModelCriteria(directions(f), globs(f, "models", (char) 0));
        };
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** The fields of one kind's block and the dotted path used in error keys. */
    private record Field(Map<String, NodeTuple> fields, String path) {
        Node node(String name) {
            NodeTuple t = fields.get(name);
            return t == null ? null : t.getValueNode();
        }

        String key(String name) {
            return path + "." + name;
        }
    }

    private HostList hosts(Field f) {
        Node node = f.node("hosts");
        if (node == null) {
            return HostList.ANY;
        }
        List<HostPattern> out = new ArrayList<>();
        for (Node item : problems.items(node, f.key("hosts"))) {
            String text = problems.string(item, f.key("hosts"));
            if (text == null) {
                continue;
            }
            try {
                out.add(HostPattern.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(item, f.key("hosts"), e.getMessage());
            }
        }
        return new HostList(out);
    }

    private PortSet ports(Field f) {
        Node node = f.node("ports");
        if (node == null) {
            return PortSet.ANY;
        }
        List<String> entries = new ArrayList<>();
        for (Node item : problems.items(node, f.key("ports"))) {
            String text = problems.string(item, f.key("ports"));
            if (text == null) {
                continue;
            }
            try {
                PortSet.parse(List.of(text));
                entries.add(text);
            } catch (IllegalArgumentException e) {
                problems.add(item, f.key("ports"), e.getMessage());
            }
        }
        return PortSet.parse(entries);
    }

    private Set<NetworkConnect.Protocol> protocols(Field f) {
        Set<NetworkConnect.Protocol> out = EnumSet.noneOf(NetworkConnect.Protocol.class);
        for (String p : enumValues(f, "protocols", List.of("tcp", "udp"))) {
            out.add(NetworkConnect.Protocol.valueOf(p.toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private Set<FileOperation> operations(Field f) {
        List<String> allowed = Arrays.stream(FileOperation.values()).map(FileOperation::key).toList();
        Set<FileOperation> out = EnumSet.noneOf(FileOperation.class);
        for (String op : enumValues(f, "operations", allowed)) {
            out.add(FileOperation.fromKey(op));
        }
        return out;
    }

    private Set<ModelExchange.Direction> directions(Field f) {
        Set<ModelExchange.Direction> out = EnumSet.noneOf(ModelExchange.Direction.class);
        for (String d : enumValues(f, "directions", List.of("prompt", "response"))) {
            out.add(ModelExchange.Direction.valueOf(d.toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private Set<String> lowerSet(Field f, String name, Set<String> allowed) {
        return new LinkedHashSet<>(enumValues(f, name, allowed.stream().sorted().toList()));
    }

    private Set<String> upperSet(Field f, String name, Set<String> allowed) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : enumValues(f, name, allowed.stream().map(s -> s.toLowerCase(Locale.ROOT)).sorted().toList())) {
            out.add(v.toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /** Values from a closed set, compared case-insensitively and returned in lower case. */
    private List<String> enumValues(Field f, String name, List<String> allowed) {
        Node node = f.node(name);
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Node item : problems.items(node, f.key(name))) {
            String text = problems.string(item, f.key(name));
            if (text == null) {
                continue;
            }
            String v = text.toLowerCase(Locale.ROOT);
            if (allowed.contains(v)) {
                out.add(v);
            } else {
                String s = Suggestions.closest(v, allowed);
                problems.add(item, f.key(name), "'" + text + "' is not one of " + String.join(", ", allowed)
                        + (s == null ? "" : " (did you mean '" + s + "'?)"));
            }
        }
        return out;
    }

    private List<Glob> globs(Field f, String name, char separator) {
        Node node = f.node(name);
        List<Glob> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Node item : problems.items(node, f.key(name))) {
            String text = problems.string(item, f.key(name));
            if (text == null) {
                continue;
            }
            try {
                out.add(Glob.compile(text, separator, false));
            } catch (IllegalArgumentException e) {
                problems.add(item, f.key(name), "bad pattern '" + text + "': " + e.getMessage());
            }
        }
        return out;
    }

    private List<Glob> filePaths(Field f) {
        Node node = f.node("paths");
        List<Glob> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Node item : problems.items(node, f.key("paths"))) {
            String text = problems.string(item, f.key("paths"));
            if (text == null) {
                continue;
            }
            try {
                out.add(Glob.path(paths.expand(text)));
            } catch (IllegalArgumentException e) {
                problems.add(item, f.key("paths"), "bad path '" + text + "': " + e.getMessage());
            }
        }
        return out;
    }
}
