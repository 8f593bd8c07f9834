package dev.klyo.policy;

import dev.klyo.action.ActionKind;
import dev.klyo.redact.Detector;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated policy: immutable, so a reload swaps one reference and no decision ever
 * sees half of two policies. {@code revision} identifies the exact content (name and hash).
 */
public record Policy(String name, String revision, Mode mode, Map<ActionKind, Effect> defaults, List<Rule> rules,
                     Map<String, Detector> detectors, String source) {

    public Policy {
        EnumMap<ActionKind, Effect> copy = new EnumMap<>(ActionKind.class);
        copy.putAll(defaults);
        defaults = Collections.unmodifiableMap(copy);
        rules = List.copyOf(rules);
        detectors = Map.copyOf(detectors);
    }

    /** The effect for a kind when no rule grants or denies: allow or deny. */
    public Effect defaultFor(ActionKind kind) {
        return defaults.getOrDefault(kind, Effect.ALLOW);
    }

    /** The same policy with another global mode (the agent's {@code mode=observe} switch). */
    public Policy withMode(Mode newMode) {
        return new Policy(name, revision, newMode, defaults, rules, detectors, source);
    }
}
