package dev.klyo.cli;

import dev.klyo.action.Action;
import dev.klyo.engine.Decision;
import dev.klyo.policy.Effect;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One policy unit test: an action (with optional session state) and what the policy must
 * decide for it. {@code rule}, {@code enforced} and {@code redact} are checked only when given.
 */
record PolicyCase(String name, String location, Action action, Map<String, Object> session, Effect effect,
                  String rule, Boolean enforced, List<String> redact) {

    /** What differs between the expectation and the decision; empty when the case passes. */
    List<String> failures(Decision d) {
        List<String> out = new ArrayList<>();
        if (d.effect() != effect) {
            out.add("expected effect " + effect.key() + ", got " + d.effect().key());
        }
        if (rule != null && d.rules().stream().map(Rule::id).noneMatch(rule::equals)
                && !(rule.equals("default") && d.defaulted())) {
            out.add("expected rule " + rule + ", got " + d.ruleId());
        }
        if (enforced != null && d.enforced() != enforced) {
            out.add("expected enforced " + enforced + ", got " + d.enforced());
        }
        if (redact != null && !redact.equals(d.redactions())) {
            out.add("expected redactions " + redact + ", got " + d.redactions());
        }
        return out;
    }
}
