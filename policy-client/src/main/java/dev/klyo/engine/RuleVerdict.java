package dev.klyo.engine;

import dev.klyo.policy.Rule;

/** For "why was I denied?": whether one rule matched an action, and if not, why not. */
public record RuleVerdict(Rule rule, boolean matched, String reason) {
}
