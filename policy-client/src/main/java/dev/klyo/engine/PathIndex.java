package dev.klyo.engine;

import dev.klyo.action.Action;
import dev.klyo.action.FileAccess;
import dev.klyo.match.Glob;
import dev.klyo.policy.Rule;
import java.util.ArrayList;
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

    void add(Rule rule, List<Glob> paths) {
        if (paths.isEmpty()) {
            any.add(rule);
            return;
        }
        for (Glob g : paths) {
            String prefix = g.literalPrefix();
            if (g.isLiteral()) {
                byDirectory.add(prefix, rule);
            } else if (prefix.startsWith("/")) {
                int slash = prefix.lastIndexOf('/');
                byDirectory.add(slash == 0 ? "/" : prefix.substring(0, slash), rule);
            } else {
                any.add(rule);
            }
        }
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
        byDirectory.collect(path, out);
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            byDirectory.collect(path.substring(0, slash), out);
        }
        if (path.startsWith("/")) {
            byDirectory.collect("/", out);
        }
    }
}
