package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import java.util.Set;

/** The {@code match:} part of a rule for one kind of action: attributes that must all hold. */
public sealed interface Criteria
        permits NetworkCriteria, HttpCriteria, FileCriteria, ProcessCriteria, SqlCriteria, ToolCriteria,
        ModelCriteria {

    /** Returned by {@link #mismatch} when no explanation was asked for. */
    String NO = "no match";

    /** The action kinds this criteria can match. */
    Set<ActionKind> kinds();

    /**
     * {@code null} when the action matches; otherwise why not. With {@code explain == false} the
     * reason is the constant {@link #NO}, so the hot path allocates nothing.
     */
    String mismatch(Action action, boolean explain);

    default boolean matches(Action action) {
        return mismatch(action, false) == null;
    }
}
