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
import java.util.function.Function;
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
        return f.node("hosts") == null ? HostList.ANY : new HostList(each(f, "hosts", HostPattern::parse, ""));
    }

    private PortSet ports(Field f) {
        if (f.node("ports") == null) {
            return PortSet.ANY;
        }
        // Each entry is parsed alone first, so a bad one is reported at its own line.
        return PortSet.parse(each(f, "ports", text -> {
            PortSet.parse(List.of(text));
            return text;
        }, ""));
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
        return each(f, name, text -> {
            String v = text.toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                String s = Suggestions.closest(v, allowed);
                throw new IllegalArgumentException("'" + text + "' is not one of " + String.join(", ", allowed)
                        + (s == null ? "" : " (did you mean '" + s + "'?)"));
            }
            return v;
        }, "");
    }

    private List<Glob> globs(Field f, String name, char separator) {
        return each(f, name, text -> Glob.compile(text, separator, false), "bad pattern");
    }

    private List<Glob> filePaths(Field f) {
        return each(f, "paths", text -> Glob.path(paths.expand(text)), "bad path");
    }

    /**
     * Every string entry of a list field, parsed; an entry that is not a string or that the parser
     * rejects is reported at its own location (prefixed with {@code what} and the entry, if given)
     * and left out, so one bad entry never hides the others' errors.
     */
    private <T> List<T> each(Field f, String name, Function<String, T> parser, String what) {
        Node node = f.node(name);
        List<T> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Node item : problems.items(node, f.key(name))) {
            String text = problems.string(item, f.key(name));
            if (text == null) {
                continue;
            }
            try {
                out.add(parser.apply(text));
            } catch (IllegalArgumentException e) {
                problems.add(item, f.key(name), (what.isEmpty() ? "" : what + " '" + text + "': ") + e.getMessage());
            }
        }
        return out;
    }
}
