package dev.klyo.engine;

import java.util.List;

/** A decision together with every rule of the action's kind and why each did or did not match. */
public record Explanation(Decision decision, List<RuleVerdict> verdicts) {

    public Explanation {
        verdicts = List.copyOf(verdicts);
    }

    /** A readable multi-line account, as printed by {@code klyo eval}. */
    public String render() {
        StringBuilder out = new StringBuilder();
        Decision d = decision;
        out.append("decision: ").append(d.effect().key()).append(d.enforced() ? "" : " (observe only, not enforced)")
                .append('\n');
        out.append("rule: ").append(d.ruleId()).append('\n');
        out.append("message: ").append(d.message()).append('\n');
        if (!d.redactions().isEmpty()) {
            out.append("redact: ").append(String.join(", ", d.redactions())).append('\n');
        }
        out.append("policy: ").append(d.policyRevision()).append('\n');
        out.append("rules considered:\n");
        for (RuleVerdict v : verdicts) {
            out.append("  ").append(v.matched() ? "MATCH   " : "no      ").append(v.rule().id())
                    .append(" (").append(v.rule().effect().key()).append(')');
            if (v.reason() != null) {
                out.append(": ").append(v.reason());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
