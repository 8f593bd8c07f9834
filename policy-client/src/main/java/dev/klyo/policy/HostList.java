package dev.klyo.policy;

import dev.klyo.match.HostPattern;
import java.util.List;

/** A {@code hosts:} list; empty means any host. */
public record HostList(List<HostPattern> patterns) {

    public static final HostList ANY = new HostList(List.of());

    public HostList {
        patterns = List.copyOf(patterns);
    }

    public boolean isAny() {
        return patterns.isEmpty();
    }

    /** True when any entry matches the name or the address (either may be empty). */
    public boolean matches(String name, String address) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (HostPattern p : patterns) {
            if (p.matches(name) || p.matches(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
