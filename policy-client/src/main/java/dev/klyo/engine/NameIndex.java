package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.match.Glob;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Name globs (tools, commands) indexed by their literal prefix: exact names by hash, prefixed
 * globs ({@code github_*}) in a trie walked once along the name.
 */
final class NameIndex implements CandidateIndex {

    private final RuleBuckets<String> exact = new RuleBuckets<>();
    private final PrefixTrie prefixed = new PrefixTrie();
    private final List<Rule> any = new ArrayList<>();
    private final Function<Action, String[]> keys;
    private Rule[] anyRules;

    /** {@code keys} gives the names an action is looked up by (a process has its program and its file name). */
    NameIndex(Function<Action, String[]> keys) {
        this.keys = keys;
    }

    void add(Rule rule, List<Glob> names) {
        if (names.isEmpty()) {
            any.add(rule);
            return;
        }
        for (Glob g : names) {
            if (g.isLiteral()) {
                exact.add(g.source(), rule);
            } else if (g.literalPrefix().isEmpty()) {
                any.add(rule);
            } else {
                prefixed.add(g.literalPrefix(), rule);
            }
        }
    }

    NameIndex freeze() {
        exact.freeze();
        prefixed.freeze();
        anyRules = any.toArray(Rule[]::new);
        return this;
    }

    @Override
    public void candidates(Action action, List<Rule> out) {
        for (Rule r : anyRules) {
            out.add(r);
        }
        for (String name : keys.apply(action)) {
            exact.collect(name, out);
            prefixed.collect(name, out);
        }
    }
}
