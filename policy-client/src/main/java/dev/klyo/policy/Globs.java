package dev.klyo.policy;

import dev.klyo.match.Glob;
import java.util.List;

/** Helpers over lists of globs, where an empty list means "anything". */
final class Globs {

    private Globs() {
    }

    static boolean anyMatches(List<Glob> globs, String value) {
        if (globs.isEmpty()) {
            return true;
        }
        for (Glob g : globs) {
            if (g.matches(value)) {
                return true;
            }
        }
        return false;
    }

    static String reason(boolean explain, String attribute, Object value, Object expected) {
        return explain ? attribute + " '" + value + "' not in " + expected : Criteria.NO;
    }
}
