package dev.klyo.javaagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL through a real H2 database in a forked JVM with the real agent. Ground truth is the
 * database itself, read afterwards by this (agent-free) JVM over a fresh connection.
 */
class JdbcHookIT {

    private static final String DENIED = "SQLEXCEPTION SQLSyntaxErrorException 42000 Klyo denied sql";

    @Test
    void ddlAndUnboundedWritesAreDeniedOnEveryJdbcPathWhileReadsAndBoundedWritesRun(@TempDir Path tmp)
            throws Exception {
        Fixture f = new Fixture(tmp);
        String url = database(f);
        String drop = "jdbc|" + url + "|exec|DROP TABLE t";
        String deleteAll = "jdbc|" + url + "|update|DELETE FROM t";
        String smuggled = "jdbc|" + url + "|exec|SELECT 1; DROP TABLE t";
        String preparedDeleteAll = "jdbc|" + url + "|prepare|DELETE FROM t";
        String batchedTruncate = "jdbc|" + url + "|batch|TRUNCATE TABLE t";
        String pooledDrop = "pool/jdbc|" + url + "|exec|DROP TABLE t";
        String select = "jdbc|" + url + "|query|SELECT count(*) FROM t";
        String boundedDelete = "jdbc|" + url + "|update|DELETE FROM t WHERE id = 1";
        String preparedBoundedDelete = "jdbc|" + url + "|prepare|DELETE FROM t WHERE id = 2";

        ForkedJvm.Result run = ForkedJvm.run(f.root, agentArgs(f, ""), f.jvmOptions(), List.of(drop, deleteAll,
                smuggled, preparedDeleteAll, batchedTruncate, pooledDrop, select, boundedDelete,
                preparedBoundedDelete));

        for (String denied : List.of(drop, deleteAll, smuggled, preparedDeleteAll, batchedTruncate, pooledDrop)) {
            assertThat(run.result(denied)).as(denied).startsWith(DENIED).contains("[rule no-schema-changes]");
        }
        assertThat(run.result(select)).isEqualTo("OK 3");
        assertThat(run.result(boundedDelete)).isEqualTo("OK 1");
        assertThat(run.result(preparedBoundedDelete)).isEqualTo("OK false");
        assertThat(remainingIds(url)).containsExactly(3);
    }

    @Test
    void observeModeRunsEveryStatementAndRecordsTheWouldBeDenials(@TempDir Path tmp) throws Exception {
        Fixture f = new Fixture(tmp);
        String url = database(f);
        String deleteAll = "jdbc|" + url + "|update|DELETE FROM t";
        String drop = "jdbc|" + url + "|exec|DROP TABLE t";

        ForkedJvm.Result run = ForkedJvm.run(f.root, agentArgs(f, "mode=observe"), f.jvmOptions(),
                List.of(deleteAll, drop));

        assertThat(run.result(deleteAll)).isEqualTo("OK 3");
        assertThat(run.result(drop)).isEqualTo("OK false");
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             ResultSet tables = c.getMetaData().getTables(null, null, "T", null)) {
            assertThat(tables.next()).as("table t was really dropped").isFalse();
        }
        assertThat(f.observedDenialsOf("sql", "DELETE FROM t")).isEqualTo(1);
        assertThat(f.observedDenialsOf("sql", "DROP TABLE t")).isEqualTo(1);
    }

    /** A file database holding t(id) = 1, 2, 3, created without the agent. */
    private static String database(Fixture f) throws SQLException {
        String url = "jdbc:h2:file:" + f.root.resolve("db").resolve("app");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1), (2), (3)");
        }
        return url;
    }

    private static List<Integer> remainingIds(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
            List<Integer> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
            return ids;
        }
    }

    /** Fixture's policy plus a rule on this database's statements; the data source must be seen to match. */
    private static String agentArgs(Fixture f, String extra) throws java.io.IOException {
        Path policy = Files.writeString(f.root.resolve("jdbc-policy.yaml"), """
                version: 1
                name: jdbc
                mode: enforce
                defaults: {http: allow, network: allow, dns: allow, file: allow, process: allow, tool: allow, sql: allow}
                rules:
                  - id: no-schema-changes
                    effect: deny
                    message: agents do not change schemas or rewrite whole tables
                    match: {sql: {dataSources: ["jdbc:h2:file:*"]}}
                    when: 'action.statement.ddl || action.statement.unboundedWrite'
                """);
        return "policy=" + policy + ",audit=" + f.audit + (extra.isEmpty() ? "" : "," + extra);
    }
}
