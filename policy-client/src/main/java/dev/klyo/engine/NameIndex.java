package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.match.Glob;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Name globs (tools, commands) indexed by their literal prefix: exact names by hash, prefixed
 * globs ({@code github_*}) by looking up the name's prefixes of the lengths in use.
 */
final class NameIndex implements CandidateIndex {

    private final RuleBuckets<String> exact = new RuleBuckets<>();
    private final RuleBuckets<String> prefixed = new RuleBuckets<>();
    private final TreeSet<Integer> lengths = new TreeSet<>();
    private final List<Rule> any = new ArrayList<>();
    private final Function<Action, String[]> keys;
    private int[] prefixLengths;
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
                lengths.add(g.literalPrefix().length());
            }
        }
    }

    NameIndex freeze() {
        exact.freeze();
        prefixed.freeze();
        prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
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
            for (int len : prefixLengths) {
                if (len > name.length()) {
                    break;
                }
                prefixed.collect(name.substring(0, len), out);
            }
        }
    }
}
