package dev.klyo.cli;

import dev.klyo.action.Action;
import dev.klyo.action.ActionJson;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Placeholders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A file of policy test cases:
 *
 * <pre>
 * cases:
 *   - name: the GitHub API is reachable
 *     action: {kind: http, method: GET, url: https://api.github.com/repos}
 *     expect: {effect: allow, rule: balanced.code-hosts}
 * </pre>
 *
 * Each case is located by line so a failure points at it; a case that cannot be read is an error.
 * Strings in actions may use {@code ${NAME}}, expanded as in policies, so a case can follow the
 * machine's home directory like the policy's {@code ~} does.
 */
final class CasesFile {

    static final List<String> CASE_KEYS = List.of("name", "action", "session", "expect");
    static final List<String> EXPECT_KEYS = List.of("effect", "rule", "enforced", "redact");

    final List<PolicyCase> cases = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    private final String file;
    private final UnaryOperator<String> environment;

    private CasesFile(String file, UnaryOperator<String> environment) {
        this.file = file;
        this.environment = environment;
    }

    /** {@code environment} expands {@code ${NAME}} in the cases' actions, as in the policy's paths. */
    static CasesFile parse(String text, String file, UnaryOperator<String> environment) {
        CasesFile out = new CasesFile(file, environment);
        out.read(text);
        return out;
    }

    private void read(String text) {
        Node root;
        Object value;
        try {
            Optional<Node> composed = new Compose(LoadSettings.builder().build()).composeString(text);
            value = new Load(LoadSettings.builder().build()).loadFromString(text);
            if (composed.isEmpty()) {
                errors.add(file + ":1:1: the cases file is empty");
                return;
            }
            root = composed.get();
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(null);
            errors.add(file + ":" + (m == null ? 1 : m.getLine() + 1) + ":" + (m == null ? 1 : m.getColumn() + 1)
                    + ": malformed YAML: " + e.getProblem());
            return;
        } catch (YamlEngineException e) {
            errors.add(file + ":1:1: malformed YAML: " + e.getMessage());
            return;
        }
        if (!(value instanceof Map<?, ?> top) || !(top.get("cases") instanceof List<?> list)
                || !(root instanceof MappingNode)) {
            errors.add(file + ":1:1: cases: expected 'cases:' with a list of cases");
            return;
        }
        List<Node> nodes = casesNode((MappingNode) root);
        for (int i = 0; i < list.size(); i++) {
            String where = location(i < nodes.size() ? nodes.get(i) : root);
            try {
                cases.add(toCase(list.get(i), i, where));
            } catch (IllegalArgumentException e) {
                errors.add(where + ": cases[" + i + "]: " + e.getMessage());
            }
        }
    }

    private static List<Node> casesNode(MappingNode root) {
        for (NodeTuple t : root.getValue()) {
            if (t.getValueNode() instanceof SequenceNode seq && "cases".equals(scalar(t.getKeyNode()))) {
                return seq.getValue();
            }
        }
        return List.of();
    }

    private static String scalar(Node node) {
        return node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s ? s.getValue() : null;
    }

    private String location(Node node) {
        return file + ":" + node.getStartMark().map(m -> (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("1:1");
    }

    private PolicyCase toCase(Object item, int index, String where) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a case is an object with " + String.join(", ", CASE_KEYS));
        }
        checkKeys(map, CASE_KEYS, "a case");
        String name = map.get("name") == null ? "case " + (index + 1) : String.valueOf(map.get("name"));
        if (!(map.get("action") instanceof Map<?, ?> actionMap)) {
            throw new IllegalArgumentException("'action' is required: an object with 'kind' and its attributes");
        }
        Action action = ActionJson.fromMap((Map<?, ?>) expand(actionMap));
        Map<String, Object> session = Sessions.of(map.get("session"));
        Object expect = map.get("expect");
        if (expect == null) {
            throw new IllegalArgumentException("'expect' is required: an effect, or {effect, rule, enforced, redact}");
        }
        Map<?, ?> e = expect instanceof Map<?, ?> m ? m : Map.of("effect", expect);
        checkKeys(e, EXPECT_KEYS, "'expect'");
        Effect effect = Effect.fromKey(String.valueOf(e.get("effect")));
        if (effect == null) {
            throw new IllegalArgumentException("expected effect '" + e.get("effect") + "' is not allow, deny, redact or log");
        }
        Object enforced = e.get("enforced");
        if (enforced != null && !(enforced instanceof Boolean)) {
            throw new IllegalArgumentException("'enforced' is true or false");
        }
        List<String> redact = null;
        if (e.get("redact") instanceof Collection<?> c) {
            redact = c.stream().map(String::valueOf).toList();
        } else if (e.get("redact") != null) {
            redact = List.of(String.valueOf(e.get("redact")));
        }
        String rule = e.get("rule") == null ? null : String.valueOf(e.get("rule"));
        return new PolicyCase(name, where, action, session, effect, rule, (Boolean) enforced, redact);
    }

    /** Placeholders expanded in every string of a value read from YAML. */
    private Object expand(Object value) {
        if (value instanceof String s) {
            return Placeholders.expand(s, environment);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, expand(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::expand).toList();
        }
        return value;
    }

    private static void checkKeys(Map<?, ?> map, List<String> allowed, String what) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what + "; use "
                        + String.join(", ", allowed));
            }
        }
    }
}
