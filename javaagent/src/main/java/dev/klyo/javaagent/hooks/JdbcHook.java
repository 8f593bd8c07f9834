package dev.klyo.javaagent.hooks;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import dev.klyo.javaagent.bootstrap.Gate;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * SQL through any JDBC driver or pool: every class implementing {@code java.sql.Statement} or
 * {@code java.sql.Connection}. Statements are decided where their text is known: the
 * {@code Statement} methods that take SQL ({@code execute*}, {@code addBatch}) and
 * {@code Connection.prepareStatement}/{@code prepareCall}, so a prepared statement is decided
 * once when prepared, before any execution. A pool's proxy and the driver's statement both
 * match; the call-depth family makes that one decision per call. A denial is a
 * {@link SQLSyntaxErrorException} with SQLState 42000 ("syntax error or access rule
 * violation"), which applications already handle as a failed statement. Asks: sql (text,
 * data source URL).
 */
public final class JdbcHook implements Hook {

    @Override
    public List<String> typeNames() {
        return List.of();
    }

    /** Every JDBC 4 driver registers itself in this service file. */
    @Override
    public String library() {
        return "META-INF/services/java.sql.Driver";
    }

    /**
     * Only a class named like a statement or connection is parsed (for isInterface) and has its
     * super types resolved. The JDK's own wrappers are left alone.
     */
    @Override
    public boolean mayMatch(String className, boolean librarySeen) {
        return (className.contains("Statement") || className.contains("Connection"))
                && !className.startsWith("java.") && !className.startsWith("javax.")
                && !className.startsWith("sun.") && !className.startsWith("jdk.");
    }

    @Override
    public ElementMatcher<? super TypeDescription> type() {
        return not(isInterface()).and(hasSuperType(namedOneOf("java.sql.Statement", "java.sql.Connection")));
    }

    @Override
    public List<Advised> advice() {
        return List.of(
                Advised.of(not(isAbstract()).and(namedOneOf("execute", "executeQuery", "executeUpdate",
                                "executeLargeUpdate", "addBatch"))
                        .and(takesArgument(0, String.class)), Run.class),
                Advised.of(not(isAbstract()).and(namedOneOf("prepareStatement", "prepareCall"))
                        .and(takesArgument(0, String.class)), Run.class));
    }

    /** {@code this} is the statement or the connection: the gate finds the data source from it. */
    public static final class Run {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object jdbc, @Advice.Argument(0) String sql) throws SQLException {
            String denial = Gate.sql(sql, jdbc);
            if (denial != null) {
                throw new SQLSyntaxErrorException(denial, "42000");
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            Gate.exit(Gate.SQL);
        }
    }
}
