package dev.klyo.intent;

import dev.klyo.action.Action;
import dev.klyo.action.FileAccess;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.SqlStatement;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.ToolArguments;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Attributes inferred from an action for rules to use: {@code intent} (read, write or
 * destructive) for every kind, {@code statement} (the parsed SQL) for SQL statements and tool
 * arguments carrying SQL,
 * {@code shell} for process starts.
 */
public final class IntentInference {

    /** Annotation key listing the hints a tool declared itself, as opposed to MCP defaults filled in. */
    public static final String DECLARED_HINTS = "declaredHints";

    private static final Set<String> SQL_ARGUMENTS = Set.of("sql", "query", "statement", "stmt");
    private static final List<String> READ_VERBS =
            List.of("get", "list", "read", "search", "find", "fetch", "query", "lookup", "describe", "show", "view",
                    "count", "check", "retrieve");
    private static final List<String> DESTRUCTIVE_VERBS =
            List.of("delete", "remove", "drop", "destroy", "purge", "wipe", "truncate", "erase", "revoke", "terminate",
                    "kill", "rm");

    private IntentInference() {
    }

    public static Map<String, Object> infer(Action action) {
        Map<String, Object> out = new LinkedHashMap<>();
        Intent intent;
        if (action instanceof HttpRequest r) {
            intent = switch (r.method()) {
                case "GET", "HEAD", "OPTIONS", "TRACE" -> Intent.READ;
                case "DELETE" -> Intent.DESTRUCTIVE;
                default -> Intent.WRITE;
            };
        } else if (action instanceof FileAccess f) {
            intent = switch (f.operation()) {
                case READ, LIST -> Intent.READ;
                case DELETE -> Intent.DESTRUCTIVE;
                default -> Intent.WRITE;
            };
        } else if (action instanceof SqlStatement s) {
            SqlAnalysis sql = SqlAnalysis.of(s.sql());
            out.put("statement", sql.toMap());
            intent = sql.intent();
        } else if (action instanceof ProcessStart p) {
            CommandAnalysis shell = CommandAnalysis.of(p.command());
            out.put("shell", shell.toMap());
            intent = shell.intent();
        } else if (action instanceof ToolCall t) {
            intent = toolIntent(t, out);
        } else {
            intent = Intent.READ;
        }
        out.put("intent", intent.key());
        return out;
    }

    private static Intent toolIntent(ToolCall t, Map<String, Object> out) {
        Map<String, Object> args = ToolArguments.parse(t.arguments());
        Intent declared = declared(t.annotations());
        Intent fromSql = null;
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (SQL_ARGUMENTS.contains(e.getKey().toLowerCase(Locale.ROOT)) && e.getValue() instanceof String sql) {
                SqlAnalysis analysis = SqlAnalysis.of(sql);
                if (analysis.parsed()) {
                    out.put("statement", analysis.toMap());
                    fromSql = fromSql == null ? analysis.intent() : fromSql.max(analysis.intent());
                }
            }
        }
        // A tool that runs the SQL it is given does what the SQL does; a declared hint can only raise that.
        if (fromSql != null) {
            return declared == null ? fromSql : declared.max(fromSql);
        }
        return declared != null ? declared : fromName(t.name());
    }

    /**
     * MCP's hints: {@code destructiveHint} true is destructive; {@code readOnlyHint} true is a
     * read. The framework integrations fill in MCP's defaults for hints a tool does not declare
     * (so a tool that says nothing has {@code destructiveHint: true}) and list the hints the tool
     * really declared under {@link #DECLARED_HINTS}; only those count here, otherwise every
     * undeclared tool would look destructive and its name would never be consulted.
     */
    private static Intent declared(Map<String, Object> annotations) {
        Object declaredKeys = annotations.get(DECLARED_HINTS);
        Predicate<String> declared = key -> !(declaredKeys instanceof Collection<?> keys) || keys.contains(key);
        if ((declared.test("destructiveHint") && isTrue(annotations.get("destructiveHint")))
                || isTrue(annotations.get("destructive"))) {
            return Intent.DESTRUCTIVE;
        }
        if ((declared.test("readOnlyHint") && isTrue(annotations.get("readOnlyHint")))
                || isTrue(annotations.get("readOnly"))) {
            return Intent.READ;
        }
        return null;
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    /** Local tools rarely declare hints; their names usually start with a verb. Unknown verbs count as writes. */
    static Intent fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
        String firstWord = n.split("[_.]|(?<=[a-z])(?=[A-Z])", 2)[0];
        String camelFirst = name.split("(?=[A-Z])", 2)[0].toLowerCase(Locale.ROOT);
        for (String word : new String[] {firstWord, camelFirst}) {
            if (DESTRUCTIVE_VERBS.contains(word)) {
                return Intent.DESTRUCTIVE;
            }
            if (READ_VERBS.contains(word)) {
                return Intent.READ;
            }
        }
        return Intent.WRITE;
    }
}
