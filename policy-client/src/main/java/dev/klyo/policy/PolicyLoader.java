package dev.klyo.policy;

import dev.klyo.action.ActionKind;
import dev.klyo.redact.Detector;
import dev.klyo.redact.Detectors;
import dev.klyo.redact.DetectorDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a policy from YAML or JSON and validates all of it before returning anything: either a
 * complete {@link Policy} or a {@link PolicyException} listing every error with file, line,
 * column and key. Never a partial policy.
 */
public final class PolicyLoader {

    static final List<String> TOP_KEYS =
            List.of("version", "name", "description", "mode", "preset", "defaults", "detectors", "rules");
    static final List<String> RULE_KEYS =
            List.of("id", "description", "effect", "mode", "match", "when", "message", "redact", "labels", "count");
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final Pattern SESSION_NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private final UnaryOperator<String> environment;

    public PolicyLoader() {
        this(System::getenv);
    }

    /** With an explicit environment for {@code ${NAME}} expansion (tests, the CLI's {@code --env}). */
    public PolicyLoader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public Policy load(Path file) throws IOException, PolicyException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public Policy parse(String text, String sourceName) throws PolicyException {
        Problems problems = new Problems(sourceName);
        Policy policy = read(text, problems, true);
        if (!problems.errors().isEmpty() || policy == null) {
            throw new PolicyException(problems.errors());
        }
        return policy;
    }

    private Policy read(String text, Problems problems, boolean presetsAllowed) {
        Node root = problems.root(text, "the policy");
        if (root == null) {
            return null;
        }

        Map<String, NodeTuple> top = problems.mapping(root, "", TOP_KEYS);
        if (top.isEmpty() && !problems.errors().isEmpty()) {
            return null;
        }
        NodeTuple version = top.get("version");
        if (version == null) {
            problems.add(root, "version", "missing; write 'version: 1' at the top");
        } else if (!"1".equals(problems.string(version.getValueNode(), "version"))) {
            problems.add(version.getValueNode(), "version", "unsupported policy language version; this Klyo reads version 1");
        }
        String name = optionalString(top, "name", problems, "unnamed");
        Mode mode = Mode.ENFORCE;
        if (top.containsKey("mode")) {
            mode = parseMode(top.get("mode").getValueNode(), "mode", problems);
        }

        Policy preset = null;
        if (top.containsKey("preset")) {
            Node node = top.get("preset").getValueNode();
            String presetName = problems.string(node, "preset");
            if (!presetsAllowed) {
                problems.add(node, "preset", "a preset cannot itself use a preset");
            } else if (presetName != null) {
                preset = loadPreset(presetName, node, problems);
            }
        }

        Map<ActionKind, Effect> defaults = new EnumMap<>(ActionKind.class);
        if (preset != null) {
            defaults.putAll(preset.defaults());
        }
        if (top.containsKey("defaults")) {
            readDefaults(top.get("defaults").getValueNode(), defaults, problems);
        }

        Map<String, Detector> detectors = new LinkedHashMap<>(Detectors.builtIn());
        if (preset != null) {
            detectors.putAll(preset.detectors());
        }
        if (top.containsKey("detectors")) {
            readDetectors(top.get("detectors").getValueNode(), detectors, problems);
        }

        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        if (preset != null) {
            for (Rule r : preset.rules()) {
                rules.add(r);
                ids.add(r.id());
            }
        }
        if (top.containsKey("rules")) {
            RuleReader reader = new RuleReader(problems, new MatchParser(problems, new PathExpander(environment)),
                    detectors.keySet(), text.split("\n", -1));
            List<Node> items = problems.items(top.get("rules").getValueNode(), "rules");
            for (int i = 0; i < items.size(); i++) {
                Rule rule = reader.read(items.get(i), "rules[" + i + "]");
                if (rule != null && !ids.add(rule.id())) {
                    problems.add(items.get(i), "rules[" + i + "].id", "duplicate rule id '" + rule.id() + "'");
                } else if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return new Policy(name, name + "@" + hash(text), mode, defaults, rules, detectors, problems.file());
    }

    private Policy loadPreset(String presetName, Node at, Problems problems) {
        String resource = "/dev/klyo/presets/" + presetName + ".yaml";
        try (InputStream in = PolicyLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                String s = Suggestions.closest(presetName, Presets.NAMES);
                problems.add(at, "preset", "unknown preset '" + presetName + "'; expected one of "
                        + String.join(", ", Presets.NAMES) + (s == null ? "" : " (did you mean '" + s + "'?)"));
                return null;
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Problems presetProblems = new Problems("preset:" + presetName);
            Policy preset = read(text, presetProblems, false);
            problems.errors().addAll(presetProblems.errors());
            return preset;
        } catch (IOException e) {
            problems.add(at, "preset", "cannot read preset '" + presetName + "': " + e.getMessage());
            return null;
        }
    }

    private void readDefaults(Node node, Map<ActionKind, Effect> defaults, Problems problems) {
        List<String> kinds = Arrays.stream(ActionKind.values()).map(ActionKind::key).toList();
        for (Map.Entry<String, NodeTuple> e : problems.mapping(node, "defaults", kinds).entrySet()) {
            Node value = e.getValue().getValueNode();
            String key = "defaults." + e.getKey();
            String text = problems.string(value, key);
            if (text == null) {
                continue;
            }
            Effect effect = Effect.fromKey(text);
            if (effect != Effect.ALLOW && effect != Effect.DENY) {
                problems.add(value, key, "a default is 'allow' or 'deny', not '" + text + "'");
            } else {
                defaults.put(ActionKind.fromKey(e.getKey()), effect);
            }
        }
    }

    private void readDetectors(Node node, Map<String, Detector> detectors, Problems problems) {
        List<Node> items = problems.items(node, "detectors");
        for (int i = 0; i < items.size(); i++) {
            String key = "detectors[" + i + "]";
            Node item = items.get(i);
            int errorsBefore = problems.errors().size();
            Map<String, NodeTuple> d = problems.mapping(item, key, DetectorDeclaration.KEYS);
            if (!(item instanceof MappingNode)) {
                continue;
            }
            if (!d.containsKey("id")) {
                problems.add(item, key + ".id", "a detector needs an 'id'");
                continue;
            }
            String id = problems.string(d.get("id").getValueNode(), key + ".id");
            String pattern = d.containsKey("pattern") ? problems.string(d.get("pattern").getValueNode(), key + ".pattern")
                    : null;
            List<String> keywords = d.containsKey("keywords")
                    ? problems.strings(d.get("keywords").getValueNode(), key + ".keywords") : List.of();
            Double entropy = d.containsKey("entropy") ? number(d.get("entropy").getValueNode(), key + ".entropy", problems)
                    : null;
            List<String> allowValues = List.of();
            List<String> allowPatterns = List.of();
            if (d.containsKey("allowlist")) {
                Map<String, NodeTuple> allow = problems.mapping(d.get("allowlist").getValueNode(), key + ".allowlist",
                        DetectorDeclaration.ALLOWLIST_KEYS);
                if (allow.containsKey("values")) {
                    allowValues = problems.strings(allow.get("values").getValueNode(), key + ".allowlist.values");
                }
                if (allow.containsKey("patterns")) {
                    allowPatterns = problems.strings(allow.get("patterns").getValueNode(), key + ".allowlist.patterns");
                }
            }
            if (problems.errors().size() > errorsBefore) {
                continue;
            }
            try {
                detectors.put(id, new DetectorDeclaration(id, pattern, keywords, entropy, allowValues, allowPatterns)
                        .build(detectors));
            } catch (DetectorDeclaration.Invalid e) {
                NodeTuple at = d.get(e.key());
                problems.add(at == null ? item : at.getValueNode(), key + "." + e.key(), e.getMessage());
            }
        }
    }

    private static Double number(Node node, String key, Problems problems) {
        String text = problems.string(node, key);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            problems.add(node, key, "expected a number, found '" + text + "'");
            return null;
        }
    }

    static Mode parseMode(Node node, String key, Problems problems) {
        String text = problems.string(node, key);
        if (text == null) {
            return Mode.ENFORCE;
        }
        Mode mode = Mode.fromKey(text);
        if (mode == null) {
            String s = Suggestions.closest(text, List.of("enforce", "observe"));
            problems.add(node, key, "'" + text + "' is not a mode; use 'enforce' or 'observe'"
                    + (s == null ? "" : " (did you mean '" + s + "'?)"));
            return Mode.ENFORCE;
        }
        return mode;
    }

    static String optionalString(Map<String, NodeTuple> map, String key, Problems problems, String fallback) {
        NodeTuple t = map.get(key);
        if (t == null) {
            return fallback;
        }
        String s = problems.string(t.getValueNode(), key);
        return s == null ? fallback : s;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Reads one entry of {@code rules:}. */
    private static final class RuleReader {
        private final Problems problems;
        private final MatchParser matchParser;
        private final Set<String> detectorIds;
        private final String[] lines;

        RuleReader(Problems problems, MatchParser matchParser, Set<String> detectorIds, String[] lines) {
            this.problems = problems;
            this.matchParser = matchParser;
            this.detectorIds = detectorIds;
            this.lines = lines;
        }

        Rule read(Node node, String key) {
            int errorsBefore = problems.errors().size();
            Map<String, NodeTuple> r = problems.mapping(node, key, RULE_KEYS);
            if (!(node instanceof MappingNode)) {
                return null;
            }
            String id = null;
            if (!r.containsKey("id")) {
                problems.add(node, key + ".id", "every rule needs an id");
            } else {
                Node idNode = r.get("id").getValueNode();
                id = problems.string(idNode, key + ".id");
                if (id != null && !RULE_ID.matcher(id).matches()) {
                    problems.add(idNode, key + ".id", "'" + id
                            + "' is not a valid id (letters, digits and . _ : / -, at most 128)");
                }
            }
            Effect effect = null;
            if (!r.containsKey("effect")) {
                problems.add(node, key + ".effect", "every rule needs an effect: allow, deny, redact, log or approve");
            } else {
                Node effectNode = r.get("effect").getValueNode();
                String text = problems.string(effectNode, key + ".effect");
                effect = text == null ? null : Effect.fromKey(text);
                if (text != null && effect == null) {
                    List<String> names = Arrays.stream(Effect.values()).map(Effect::key).toList();
                    String s = Suggestions.closest(text, names);
                    problems.add(effectNode, key + ".effect", "'" + text + "' is not an effect; use "
                            + String.join(", ", names) + (s == null ? "" : " (did you mean '" + s + "'?)"));
                }
            }
            Mode mode = r.containsKey("mode") ? parseMode(r.get("mode").getValueNode(), key + ".mode", problems) : null;
            Criteria criteria = null;
            if (!r.containsKey("match")) {
                problems.add(node, key + ".match", "every rule needs a match naming one action kind");
            } else {
                criteria = matchParser.parse(r.get("match").getValueNode(), key + ".match");
            }
            Condition condition = r.containsKey("when") ? condition(r.get("when").getValueNode(), key + ".when") : null;
            String message = optionalString(r, "message", problems, "");
            RedactionSpec redaction = redaction(r, effect, node, key);
            if (problems.errors().size() > errorsBefore || id == null || effect == null || criteria == null) {
                return null;
            }
            String description = optionalString(r, "description", problems, "");
            List<String> labels = r.containsKey("labels")
                    ? sessionNames(r.get("labels").getValueNode(), key + ".labels") : List.of();
            String counter = null;
            if (r.containsKey("count")) {
                List<String> names = sessionNames(r.get("count").getValueNode(), key + ".count");
                if (names.size() == 1) {
                    counter = names.get(0);
                } else if (!names.isEmpty()) {
                    problems.add(r.get("count").getValueNode(), key + ".count", "a rule counts into one counter");
                }
            }
            if (problems.errors().size() > errorsBefore) {
                return null;
            }
            return new Rule(id, description, effect, mode, criteria, condition, message, redaction,
                    Problems.location(problems.file(), node), labels, counter);
        }

        /** Label and counter names: lower case, so that conditions can spell them predictably. */
        private List<String> sessionNames(Node node, String key) {
            List<String> out = new ArrayList<>();
            for (Node item : problems.items(node, key)) {
                String name = problems.string(item, key);
                if (name != null && !SESSION_NAME.matcher(name).matches()) {
                    problems.add(item, key, "'" + name
                            + "' is not a valid name (lower-case letters, digits and . _ -, starting with a letter)");
                } else if (name != null) {
                    out.add(name);
                }
            }
            return out;
        }

        private Condition condition(Node node, String key) {
            String expression = problems.string(node, key);
            if (expression == null) {
                return null;
            }
            try {
                return Condition.compile(expression);
            } catch (Condition.CompileException e) {
                Mark mark = node.getStartMark().orElse(null);
                int line = mark == null ? 1 : mark.getLine() + 1;
                int column = mark == null ? 1 : mark.getColumn() + 1;
                ScalarStyle style = node instanceof ScalarNode s ? s.getScalarStyle() : ScalarStyle.PLAIN;
                if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
                    // A block scalar starts on the line after its '|' or '>', at that line's indentation.
                    line += e.line();
                    column = indentation(line) + e.column();
                } else if (e.line() == 1) {
                    boolean quoted = style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED;
                    column += e.column() - 1 + (quoted ? 1 : 0);
                } else {
                    line += e.line() - 1;
                }
                problems.add(line, column, key, "CEL: " + e.getMessage());
                return null;
            }
        }

        private int indentation(int line) {
            if (line < 1 || line > lines.length) {
                return 0;
            }
            String text = lines[line - 1];
            int i = 0;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            return i;
        }

        private RedactionSpec redaction(Map<String, NodeTuple> r, Effect effect, Node ruleNode, String key) {
            if (!r.containsKey("redact")) {
                if (effect == Effect.REDACT) {
                    problems.add(ruleNode, key + ".redact", "a redact rule lists the detectors to apply under 'redact:'");
                }
                return null;
            }
            Node node = r.get("redact").getValueNode();
            if (effect != null && effect != Effect.REDACT) {
                problems.add(node, key + ".redact", "'redact' only applies to rules with effect 'redact'");
            }
            List<String> ids = new ArrayList<>();
            for (Node item : problems.items(node, key + ".redact")) {
                String id = problems.string(item, key + ".redact");
                if (id == null) {
                    continue;
                }
                if (!detectorIds.contains(id)) {
                    String s = Suggestions.closest(id, detectorIds);
                    problems.add(item, key + ".redact", "unknown detector '" + id + "'"
                            + (s == null ? "; declare it under 'detectors:'" : " (did you mean '" + s + "'?)"));
                } else {
                    ids.add(id);
                }
            }
            return new RedactionSpec(ids);
        }
    }
}
