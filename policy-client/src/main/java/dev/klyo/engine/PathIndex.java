package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.action.FileAccess;
import dev.klyo.match.Glob;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Path globs indexed by their literal leading directory ({@code /home/u/.ssh} for
 * {@code /home/u/.ssh/**}); a path is looked up once per ancestor, so the cost follows the
 * path's depth, not the number of rules.
 */
final class PathIndex implements CandidateIndex {

    private final RuleBuckets<String> byDirectory = new RuleBuckets<>();
    private final List<Rule> any = new ArrayList<>();
    private Rule[] anyRules;
    /**
     * Which lengths the directories have: an ancestor of another length cannot be one of them, so
     * it is skipped without a substring or a hash (most paths an application opens skip them all).
     */
    private final BitSet keyLengths = new BitSet();

    void add(Rule rule, List<Glob> paths) {
        if (paths.isEmpty()) {
            any.add(rule);
            return;
        }
        for (Glob g : paths) {
            String prefix = g.literalPrefix();
            if (g.isLiteral()) {
                directory(prefix, rule);
            } else if (prefix.startsWith("/")) {
                int slash = prefix.lastIndexOf('/');
                directory(slash == 0 ? "/" : prefix.substring(0, slash), rule);
            } else {
                any.add(rule);
            }
        }
    }

    private void directory(String directory, Rule rule) {
        byDirectory.add(directory, rule);
        keyLengths.set(directory.length());
    }

    PathIndex freeze() {
        byDirectory.freeze();
        anyRules = any.toArray(Rule[]::new);
        return this;
    }

    @Override
    public void candidates(Action action, List<Rule> out) {
        for (Rule r : anyRules) {
            out.add(r);
        }
        String path = ((FileAccess) action).path();
        collect(path, path.length(), out);
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            collect(path, slash, out);
        }
        if (path.startsWith("/")) {
            collect(path, 1, out);
        }
    }

    /** The rules of the directory {@code path.substring(0, end)}. */
    private void collect(String path, int end, List<Rule> out) {
        if (keyLengths.get(end)) {
            byDirectory.collect(end == path.length() ? path : path.substring(0, end), out);
        }
    }
}
