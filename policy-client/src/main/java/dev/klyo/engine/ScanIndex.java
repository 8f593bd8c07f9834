package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.List;

/** Every rule is a candidate: for kinds whose rules have no attribute worth indexing (SQL, model). */
final class ScanIndex implements CandidateIndex {

    private final List<Rule> building = new ArrayList<>();
    private Rule[] rules;

    void add(Rule rule) {
        building.add(rule);
    }

    ScanIndex freeze() {
        rules = building.toArray(Rule[]::new);
        return this;
    }

    @Override
    public void candidates(Action action, List<Rule> out) {
        for (Rule r : rules) {
            out.add(r);
        }
    }
}
