package dev.klyo.policy;

import dev.klyo.action.Action;
import dev.klyo.action.ActionKind;
import dev.klyo.action.SqlStatement;
import dev.klyo.match.Glob;
import java.util.List;
import java.util.Set;

/** {@code match: {sql: ...}}: data source globs (JDBC URLs or names). Statement semantics go in {@code when}. */
public record SqlCriteria(List<Glob> dataSources) implements Criteria {

    public SqlCriteria {
        dataSources = List.copyOf(dataSources);
    }

    @Override
    public Set<ActionKind> kinds() {
        return Set.of(ActionKind.SQL);
    }

    @Override
    public String mismatch(Action action, boolean explain) {
        if (!(action instanceof SqlStatement s)) {
            return explain ? "rule does not apply to " + action.kind().key() : NO;
        }
        if (!Globs.anyMatches(dataSources, s.dataSource())) {
            return Globs.reason(explain, "dataSource", s.dataSource(), dataSources);
        }
        return null;
    }
}
