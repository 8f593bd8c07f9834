package dev.klyo;

import dev.klyo.action.Action;
import dev.klyo.engine.Decision;

/**
 * Thrown where an enforced policy denies an action. A {@link SecurityException}, as the JDK's
 * own permission checks threw from the same call sites, so callers already expect it there.
 */
public class ActionDeniedException extends SecurityException {

    private final transient Action action;
    private final transient Decision decision;

    public ActionDeniedException(Action action, Decision decision) {
        super("Klyo denied " + action.kind().key() + " " + action.target() + ": " + decision.message()
                + " [rule " + decision.ruleId() + "]");
        this.action = action;
        this.decision = decision;
    }

    public Action action() {
        return action;
    }

    public Decision decision() {
        return decision;
    }
}
