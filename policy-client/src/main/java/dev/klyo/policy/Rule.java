package dev.klyo.policy;

import dev.klyo.action.ActionKind;
import java.util.Set;

/**
 * One rule of a policy. {@code mode} is {@code null} when the rule follows the policy's mode;
 * {@code condition} and {@code redaction} are optional.
 */
public record Rule(String id, String description, Effect effect, Mode mode, Criteria criteria,
                   Condition condition, String message, RedactionSpec redaction, String location) {

    public Set<ActionKind> kinds() {
        return criteria.kinds();
    }

    /** The mode this rule runs in under a policy whose mode is {@code policyMode}: observe anywhere wins. */
    public Mode effectiveMode(Mode policyMode) {
        return policyMode == Mode.OBSERVE || mode == Mode.OBSERVE ? Mode.OBSERVE : Mode.ENFORCE;
    }
}
