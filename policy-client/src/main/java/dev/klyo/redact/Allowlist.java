package dev.klyo.redact;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Values that are never findings: exact strings (documentation keys such as
 * {@code AKIAIOSFODNN7EXAMPLE}) and regular expressions that must match the whole value.
 */
public final class Allowlist {

    public static final Allowlist NONE = new Allowlist(Set.of(), List.of());

    private final Set<String> values;
    private final List<Pattern> patterns;

    private Allowlist(Set<String> values, List<Pattern> patterns) {
        this.values = values;
        this.patterns = patterns;
    }

    /**
     * @param values   exact values
     * @param patterns RE2 syntax, matched against the whole value
     * @throws com.google.re2j.PatternSyntaxException when a pattern is not valid RE2 syntax
     */
    public static Allowlist of(Collection<String> values, Collection<String> patterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            compiled.add(Pattern.compile(p));
        }
        return new Allowlist(Set.copyOf(values), List.copyOf(compiled));
    }

    public static Allowlist values(String... values) {
        return of(List.of(values), List.of());
    }

    public boolean isEmpty() {
        return values.isEmpty() && patterns.isEmpty();
    }

    public boolean allows(String value) {
        if (values.contains(value)) {
            return true;
        }
        for (Pattern p : patterns) {
            if (p.matches(value)) {
                return true;
            }
        }
        return false;
    }

    /** Both allowlists: a value either allows is allowed. */
    public Allowlist and(Allowlist other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Set<String> v = new java.util.HashSet<>(values);
        v.addAll(other.values);
        List<Pattern> p = new ArrayList<>(patterns);
        p.addAll(other.patterns);
        return new Allowlist(Set.copyOf(v), List.copyOf(p));
    }
}
