package dev.klyo.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Adds a rule to a policy by editing its text, not by re-serialising it: comments, key order,
 * quoting and blank lines the operator wrote stay exactly as they were. The YAML is composed only
 * to learn where {@code rules:} is and how its items are indented; the new rule is inserted after
 * the last line of the last rule (block style) or before the closing bracket (flow style and
 * JSON). The caller validates the result before writing it.
 */
final class PolicyEditor {

    /** The rule to add: user values are written as JSON strings, so no value can change the structure. */
    record NewRule(String id, String effect, String kind, Map<String, Object> criteria, String message, String comment) {

        Map<String, Object> asMap() {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", id);
            rule.put("effect", effect);
            if (message != null && !message.isEmpty()) {
                rule.put("message", message);
            }
            rule.put("match", Map.of(kind, criteria));
            return rule;
        }
    }

    /** The edited text and exactly what was inserted into it. */
    record Edited(String text, String inserted) {
    }

    private PolicyEditor() {
    }

    /** The policy text with the rule added; {@link IllegalArgumentException} when the text is not a policy mapping. */
    static Edited addRule(String text, NewRule rule) {
        Optional<Node> composed = new Compose(LoadSettings.builder().build()).composeString(text);
        if (composed.isEmpty() || !(composed.get() instanceof MappingNode root)) {
            throw new IllegalArgumentException("the file is not a policy (a mapping with 'version' and 'rules')");
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        Lines lines = new Lines(text);
        NodeTuple rules = null;
        for (NodeTuple t : root.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("rules")) {
                rules = t;
            }
        }
        if (rules == null) {
            if (root.getFlowStyle() == FlowStyle.FLOW) {
                Mark end = root.getEndMark().orElseThrow();
                String sep = root.getValue().isEmpty() ? "" : ", ";
                return lines.insertAt(end.getLine(), end.getColumn() - 1, sep + "\"rules\": [" + YamlText.flow(rule.asMap()) + "]");
            }
            int keyIndent = root.getValue().isEmpty() ? 0 : start(root.getValue().get(0).getKeyNode()).getColumn();
            String block = " ".repeat(keyIndent) + "rules:" + newline + block(rule, keyIndent + 2, keyIndent + 4, newline);
            return lines.appendAtEnd(block, newline);
        }
        Node value = rules.getValueNode();
        if (value instanceof SequenceNode seq && seq.getFlowStyle() == FlowStyle.FLOW) {
            Mark end = seq.getEndMark().orElseThrow();
            String sep = seq.getValue().isEmpty() ? "" : ", ";
            return lines.insertAt(end.getLine(), end.getColumn() - 1, sep + YamlText.flow(rule.asMap()));
        }
        if (value instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
            Node last = seq.getValue().get(seq.getValue().size() - 1);
            Mark itemStart = start(last);
            int contentIndent = itemStart.getColumn();
            int dashIndent = lines.dashBefore(itemStart.getLine(), contentIndent);
            return lines.insertAfterLine(lastLine(last), block(rule, dashIndent, contentIndent, newline), newline);
        }
        throw new IllegalArgumentException("'rules' is not a list");
    }

    private static String block(NewRule rule, int dashIndent, int contentIndent, String newline) {
        String dash = " ".repeat(dashIndent);
        String pad = " ".repeat(contentIndent);
        StringBuilder out = new StringBuilder();
        if (rule.comment() != null) {
            out.append(dash).append("# ").append(rule.comment()).append(newline);
        }
        out.append(dash).append("- id: ").append(YamlText.flow(rule.id())).append(newline);
        out.append(pad).append("effect: ").append(rule.effect()).append(newline);
        if (rule.message() != null && !rule.message().isEmpty()) {
            out.append(pad).append("message: ").append(YamlText.flow(rule.message())).append(newline);
        }
        out.append(pad).append("match: ").append(YamlText.readable(Map.of(rule.kind(), rule.criteria()))).append(newline);
        return out.toString();
    }

    /** The last line holding any of the node's own text (comments after it are not its own). */
    private static int lastLine(Node node) {
        if (node instanceof ScalarNode) {
            Mark s = start(node);
            Mark e = node.getEndMark().orElse(s);
            // A block scalar ends at the start of the line after its last line.
            return e.getColumn() == 0 && e.getLine() > s.getLine() ? e.getLine() - 1 : e.getLine();
        }
        CollectionNode<?> collection = (CollectionNode<?>) node;
        if (collection.getFlowStyle() == FlowStyle.FLOW) {
            return collection.getEndMark().orElseThrow().getLine();
        }
        int last = start(node).getLine();
        List<Node> children = new ArrayList<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                children.add(t.getKeyNode());
                children.add(t.getValueNode());
            }
        } else {
            children.addAll(((SequenceNode) node).getValue());
        }
        for (Node child : children) {
            last = Math.max(last, lastLine(child));
        }
        return last;
    }

    private static Mark start(Node node) {
        return node.getStartMark().orElseThrow();
    }

    /** The text by lines, addressed as the YAML composer does (0-based lines, columns in code points). */
    private static final class Lines {
        private final String text;
        private final List<Integer> starts = new ArrayList<>();

        Lines(String text) {
            this.text = text;
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
        }

        private String line(int line) {
            int from = starts.get(line);
            int to = line + 1 < starts.size() ? starts.get(line + 1) : text.length();
            return text.substring(from, to);
        }

        private int offset(int line, int column) {
            return starts.get(line) + line(line).offsetByCodePoints(0, column);
        }

        Edited insertAt(int line, int column, String insertion) {
            int at = offset(line, column);
            return new Edited(text.substring(0, at) + insertion + text.substring(at), insertion);
        }

        Edited insertAfterLine(int line, String block, String newline) {
            if (line + 1 >= starts.size()) {
                return appendAtEnd(block, newline);
            }
            int at = starts.get(line + 1);
            return new Edited(text.substring(0, at) + block + text.substring(at), block);
        }

        Edited appendAtEnd(String block, String newline) {
            return new Edited(text + (text.isEmpty() || text.endsWith("\n") ? "" : newline) + block, block);
        }

        /** The column of the '-' that opens the sequence item whose content starts at (line, column). */
        int dashBefore(int line, int contentColumn) {
            String prefix = line(line).substring(0, line(line).offsetByCodePoints(0, contentColumn));
            String trimmed = prefix.stripTrailing();
            if (trimmed.endsWith("-") && trimmed.substring(0, trimmed.length() - 1).isBlank()) {
                return trimmed.length() - 1;
            }
            return Math.max(0, contentColumn - 2);
        }
    }
}
