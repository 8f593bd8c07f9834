package dev.klyo.action;

import java.util.Map;
import java.util.Objects;

/** A SQL statement about to run, with the data source it runs against (a JDBC URL or a name). */
public record SqlStatement(AgentContext context, String sql, String dataSource) implements Action {

    public SqlStatement {
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        Objects.requireNonNull(sql, "sql");
        dataSource = Objects.requireNonNullElse(dataSource, "");
    }

    public static SqlStatement of(String sql) {
        return new SqlStatement(AgentContext.ANONYMOUS, sql, "");
    }

    @Override
    public ActionKind kind() {
        return ActionKind.SQL;
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("sql", sql, "dataSource", dataSource);
    }

    @Override
    public String target() {
        return sql;
    }
}
