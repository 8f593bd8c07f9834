package dev.klyo.central;

import dev.klyo.action.Action;
import dev.klyo.engine.Decision;
import java.util.Map;

/**
 * Something that decides actions in place of a single local policy engine: layered org and team
 * policies, or a remote decision point. Implementations are immutable snapshots or thread-safe,
 * because {@link dev.klyo.Klyo} calls them from every thread that acts.
 */
@FunctionalInterface
public interface DecisionPoint {

    Decision decide(Action action, Map<String, Object> session);
}
