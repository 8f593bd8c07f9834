package dev.klyo.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Collects located errors while a policy (or another of Klyo's YAML files: the agent's secrets
 * file) is read, and reads typed values from YAML nodes, reporting wrong types instead of
 * throwing, so that one load reports every problem.
 */
public final class Problems {

    private final String file;
    private final List<PolicyError> errors = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public List<PolicyError> errors() {
        return errors;
    }

    public void add(Node at, String key, String message) {
        Optional<Mark> mark = at == null ? Optional.empty() : at.getStartMark();
        add(mark.map(m -> m.getLine() + 1).orElse(1), mark.map(m -> m.getColumn() + 1).orElse(1), key, message);
    }

    public void add(int line, int column, String key, String message) {
        errors.add(new PolicyError(file, line, column, key, message));
    }

    /** The document's root node, or null with a located error when it is empty or malformed. */
    public Node root(String text, String what) {
        try {
            Optional<Node> composed = new Compose(LoadSettings.builder().setLabel(file).build())
                    .composeString(jsonTabsAsSpaces(text));
            if (composed.isEmpty()) {
                add(1, 1, "", what + " is empty");
                return null;
            }
            return composed.get();
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark();
            add(mark.map(m -> m.getLine() + 1).orElse(1), mark.map(m -> m.getColumn() + 1).orElse(1), "",
                    (isJson(text) ? "malformed JSON: " : "malformed YAML: ") + e.getProblem());
            return null;
        } catch (YamlEngineException e) {
            add(1, 1, "", "malformed YAML: " + e.getMessage());
            return null;
        }
    }

    /**
     * JSON may be indented with tabs, YAML may not. Outside strings a tab in JSON is only ever
     * whitespace (inside strings it must be escaped), so in a JSON document each tab can become
     * a space: the meaning and every column stay the same.
     */
    private static String jsonTabsAsSpaces(String text) {
        return isJson(text) ? text.replace('\t', ' ') : text;
    }

    private static boolean isJson(String text) {
        return text.stripLeading().startsWith("{");
    }

    static String location(String file, Node node) {
        return file + ":" + node.getStartMark().map(m -> (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("1:1");
    }

    /** The mapping's entries after checking every key is known; unknown keys get a suggestion. */
    public Map<String, NodeTuple> mapping(Node node, String path, Collection<String> allowed) {
        Map<String, NodeTuple> out = new java.util.LinkedHashMap<>();
        if (!(node instanceof MappingNode m)) {
            add(node, path, "expected a mapping, found " + describe(node));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                add(t.getKeyNode(), path, "keys must be plain strings");
                continue;
            }
            String key = k.getValue();
            String full = path.isEmpty() ? key : path + "." + key;
            if (!allowed.contains(key)) {
                String suggestion = Suggestions.closest(key, allowed);
                add(k, full, "unknown key" + (suggestion == null
                        ? "; expected one of " + String.join(", ", allowed)
                        : " (did you mean '" + suggestion + "'?)"));
            } else if (out.containsKey(key)) {
                add(k, full, "duplicate key");
            } else {
                out.put(key, t);
            }
        }
        return out;
    }

    /** A scalar's text, or null (with an error) when the node is not a scalar. */
    public String string(Node node, String key) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return s.getValue();
        }
        add(node, key, "expected a string, found " + describe(node));
        return null;
    }

    /** A list of scalars; a single scalar counts as a one-element list. */
    public List<String> strings(Node node, String key) {
        List<String> out = new ArrayList<>();
        if (node instanceof ScalarNode) {
            String s = string(node, key);
            if (s != null) {
                out.add(s);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String s = string(item, key);
                if (s != null) {
                    out.add(s);
                }
            }
        } else {
            add(node, key, "expected a list of strings, found " + describe(node));
        }
        return out;
    }

    /** The nodes of a list (a single scalar counts as one), for per-entry error locations. */
    public List<Node> items(Node node, String key) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return List.of(node);
        }
        add(node, key, "expected a list, found " + describe(node));
        return List.of();
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode s) {
            if (Tag.NULL.equals(s.getTag())) {
                return "nothing (null)";
            }
            return "'" + s.getValue() + "'";
        }
        return "an unknown node";
    }
}
