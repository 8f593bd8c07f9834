package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.policy.Rule;
import java.util.List;

/** Finds the rules of one action kind that can possibly match an action, without scanning all of them. */
interface CandidateIndex {

    /** Adds every rule that may match (possibly with duplicates, never missing one) to {@code out}. */
    void candidates(Action action, List<Rule> out);
}
