package dev.klyo.policy;

import dev.klyo.action.ActionKind;
import java.util.List;
import java.util.Set;

/**
 * One rule of a policy. {@code mode} is {@code null} when the rule follows the policy's mode;
 * {@code condition} and {@code redaction} are optional. {@code labels} and {@code counter} change
 * the session when the rule matches an action that goes ahead: the session gains the labels
 * (the agent has now seen, say, {@code untrusted} data) and the counter goes up by one.
 */
public record Rule(String id, String description, Effect effect, Mode mode, Criteria criteria,
                   Condition condition, String message, RedactionSpec redaction, String location,
                   List<String> labels, String counter) {

    public Rule {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A rule that leaves the session as it is. */
    public Rule(String id, String description, Effect effect, Mode mode, Criteria criteria, Condition condition,
                String message, RedactionSpec redaction, String location) {
        this(id, description, effect, mode, criteria, condition, message, redaction, location, List.of(), null);
    }

    /** Whether matching this rule changes session state. */
    public boolean changesSession() {
        return !labels.isEmpty() || counter != null;
    }

    public Set<ActionKind> kinds() {
        return criteria.kinds();
    }

    /** The mode this rule runs in under a policy whose mode is {@code policyMode}: observe anywhere wins. */
    public Mode effectiveMode(Mode policyMode) {
        return policyMode == Mode.OBSERVE || mode == Mode.OBSERVE ? Mode.OBSERVE : Mode.ENFORCE;
    }
}
