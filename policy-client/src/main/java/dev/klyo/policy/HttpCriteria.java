package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.HttpRequest;
import dev.klyo.match.Glob;
import dev.klyo.match.PortSet;
import java.util.List;
import java.util.Set;

/** {@code match: {http: ...}}: hosts, ports, schemes, methods and URL path globs. */
public record HttpCriteria(HostList hosts, PortSet ports, Set<String> schemes, Set<String> methods,
                           List<Glob> paths) implements Criteria {

    public HttpCriteria {
        schemes = Set.copyOf(schemes);
        methods = Set.copyOf(methods);
        paths = List.copyOf(paths);
    }

    @Override
    public Set<ActionKind> kinds() {
        return Set.of(ActionKind.HTTP);
    }

    @Override
    public String mismatch(Action action, boolean explain) {
        if (!(action instanceof HttpRequest r)) {
            return explain ? "rule does not apply to " + action.kind().key() : NO;
        }
        if (!hosts.matches(r.host(), "")) {
            return Globs.reason(explain, "host", r.host(), hosts);
        }
        if (!ports.contains(r.port())) {
            return Globs.reason(explain, "port", r.port(), ports);
        }
        if (!schemes.isEmpty() && !schemes.contains(r.scheme())) {
            return Globs.reason(explain, "scheme", r.scheme(), schemes);
        }
        if (!methods.isEmpty() && !methods.contains(r.method())) {
            return Globs.reason(explain, "method", r.method(), methods);
        }
        if (!Globs.anyMatches(paths, r.path())) {
            return Globs.reason(explain, "path", r.path(), paths);
        }
        return null;
    }
}
