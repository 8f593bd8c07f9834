package dev.klyo.engine;

import dev.klyo.policy.Effect;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Rule;
import java.util.List;

/**
 * The outcome of evaluating one action.
 *
 * @param effect      deny, or the kind of allow: allow, redact (allow with values replaced), log (allow, flagged)
 * @param enforced    whether the effect takes hold: false when every rule behind a deny or a
 *                    redaction runs in observe mode, so the action proceeds untouched and the
 *                    audit log records what would have happened
 * @param mode        the policy's global mode
 * @param rules       the deciding rules, the one that set the effect first: every matching deny
 *                    for a deny (enforced first); for redact the redact rules, then allow and log
 *                    rules; for log the log rules, then allow rules; for allow the allow rules;
 *                    empty when a default decided
 * @param redactions  detector ids to apply to what the action sends, from enforced redact rules
 * @param policyRevision the exact policy that decided ({@code name@hash})
 * @param defaulted   true when no rule matched and the kind's default decided
 * @param auditRedactions detector ids to apply to the audit record: those of every matching
 *                    redact rule, observed ones included, because a value the policy calls
 *                    sensitive must never be written down, whatever the mode
 * @param sessionEffects the matching rules that change session state ({@code labels},
 *                    {@code count}), to apply if the action goes ahead; found while deciding, so
 *                    applying them needs no second evaluation
 */
public record Decision(Effect effect, boolean enforced, Mode mode, List<Rule> rules, List<String> redactions,
                       String policyRevision, boolean defaulted, List<String> auditRedactions,
                       List<Rule> sessionEffects) {

    public Decision {
        rules = List.copyOf(rules);
        redactions = List.copyOf(redactions);
        auditRedactions = List.copyOf(auditRedactions);
        sessionEffects = List.copyOf(sessionEffects);
    }

    /** A decision that changes no session state. */
    public Decision(Effect effect, boolean enforced, Mode mode, List<Rule> rules, List<String> redactions,
                    String policyRevision, boolean defaulted, List<String> auditRedactions) {
        this(effect, enforced, mode, rules, redactions, policyRevision, defaulted, auditRedactions, List.of());
    }

    /** A decision whose audit record is redacted exactly as the action is. */
    public Decision(Effect effect, boolean enforced, Mode mode, List<Rule> rules, List<String> redactions,
                    String policyRevision, boolean defaulted) {
        this(effect, enforced, mode, rules, redactions, policyRevision, defaulted, redactions);
    }

    /** True when the caller must not perform the action. */
    public boolean blocked() {
        return effect == Effect.DENY && enforced;
    }

    /** The first deciding rule's id, or {@code default} when a default decided. */
    public String ruleId() {
        return rules.isEmpty() ? "default" : rules.get(0).id();
    }

    /** The message for the caller: the deciding rule's message, or a generated one naming the rule. */
    public String message() {
        if (!rules.isEmpty() && !rules.get(0).message().isEmpty()) {
            return rules.get(0).message();
        }
        if (effect == Effect.DENY) {
            return defaulted ? "denied by default: no rule allows it" : "denied by rule " + ruleId();
        }
        return defaulted ? "allowed by default" : effect.key() + " by rule " + ruleId();
    }
}
