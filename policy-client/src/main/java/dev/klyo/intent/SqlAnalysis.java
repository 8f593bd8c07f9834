package dev.klyo.intent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * What a SQL text does, parsed with JSqlParser: every statement in it (so {@code SELECT 1; DROP
 * TABLE t} is seen as a drop), their types, the tables they touch, whether any is DDL and
 * whether an {@code UPDATE} or {@code DELETE} lacks a {@code WHERE}. Text that does not parse is
 * reported as such and counted as destructive: what cannot be understood is not trusted.
 */
public record SqlAnalysis(List<String> statementTypes, Set<String> tables, boolean ddl, boolean unboundedWrite,
                          Intent intent, boolean parsed) {

    /** Parsing runs on one shared daemon thread so JSqlParser's timeout never spawns a thread per call. */
    private static final ExecutorService PARSER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "klyo-sql-parser");
        t.setDaemon(true);
        return t;
    });

    public static SqlAnalysis of(String sql) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(sql, PARSER, parser -> { });
        } catch (JSQLParserException | RuntimeException e) {
            return new SqlAnalysis(List.of("unparsed"), Set.of(), false, false, Intent.DESTRUCTIVE, false);
        }
        if (statements == null || statements.isEmpty()) {
            return new SqlAnalysis(List.of("unparsed"), Set.of(), false, false, Intent.DESTRUCTIVE, false);
        }
        List<String> types = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        boolean ddl = false;
        boolean unbounded = false;
        Intent intent = Intent.READ;
        for (Statement s : statements) {
            Kind kind = kindOf(s);
            types.add(kind.name());
            try {
                for (String t : new TablesNamesFinder<Void>().getTables(s)) {
                    tables.add(t.toLowerCase(Locale.ROOT));
                }
            } catch (RuntimeException e) {
                // Some statements (DDL variants) are not supported by the finder; their type still counts.
            }
            ddl |= kind.ddl();
            boolean noWhere = (s instanceof Delete d && d.getWhere() == null)
                    || (s instanceof Update u && u.getWhere() == null);
            unbounded |= noWhere;
            Intent i = noWhere ? Intent.DESTRUCTIVE : kind.intent();
            intent = intent.max(i);
        }
        return new SqlAnalysis(List.copyOf(types), Set.copyOf(tables), ddl, unbounded, intent, true);
    }

    /** What one statement type is: its name in {@code action.statement.types}, whether it is DDL, what it does. */
    private record Kind(Class<? extends Statement> type, String name, boolean ddl, Intent intent) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind(Select.class, "select", false, Intent.READ),
            new Kind(Insert.class, "insert", false, Intent.WRITE),
            new Kind(Update.class, "update", false, Intent.WRITE),
            new Kind(Delete.class, "delete", false, Intent.DESTRUCTIVE),
            new Kind(Merge.class, "merge", false, Intent.WRITE),
            new Kind(Upsert.class, "merge", false, Intent.WRITE),
            new Kind(Drop.class, "drop", true, Intent.DESTRUCTIVE),
            new Kind(Truncate.class, "truncate", true, Intent.DESTRUCTIVE),
            new Kind(Alter.class, "alter", true, Intent.DESTRUCTIVE),
            new Kind(CreateTable.class, "create", true, Intent.WRITE));

    /** Any other statement is named after its parser class; the CREATE and GRANT families are DDL. */
    private static Kind kindOf(Statement s) {
        for (Kind k : KINDS) {
            if (k.type().isInstance(s)) {
                return k;
            }
        }
        String name = s.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        name = name.isEmpty() ? "other" : name;
        return new Kind(s.getClass(), name, name.startsWith("create") || name.equals("grant"), Intent.WRITE);
    }

    /** The form conditions see as {@code action.statement}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", statementTypes.get(0));
        m.put("types", statementTypes);
        m.put("tables", List.copyOf(tables));
        m.put("ddl", ddl);
        m.put("unboundedWrite", unboundedWrite);
        m.put("parsed", parsed);
        return m;
    }
}
