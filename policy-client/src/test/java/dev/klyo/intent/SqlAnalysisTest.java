package dev.klyo.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlAnalysisTest {

    @Test
    void selectIsARead() {
        SqlAnalysis a = SqlAnalysis.of("SELECT name FROM customers WHERE id = 7");
        assertThat(a.intent()).isEqualTo(Intent.READ);
        assertThat(a.statementTypes()).containsExactly("select");
        assertThat(a.tables()).containsExactly("customers");
        assertThat(a.ddl()).isFalse();
    }

    @Test
    void deleteWithoutWhereIsUnboundedAndDestructive() {
        SqlAnalysis a = SqlAnalysis.of("DELETE FROM orders");
        assertThat(a.intent()).isEqualTo(Intent.DESTRUCTIVE);
        assertThat(a.unboundedWrite()).isTrue();
        assertThat(SqlAnalysis.of("UPDATE users SET admin = true").unboundedWrite()).isTrue();
        assertThat(SqlAnalysis.of("UPDATE users SET admin = true WHERE id = 1").intent()).isEqualTo(Intent.WRITE);
    }

    @Test
    void aDropHiddenAfterASelectIsStillSeen() {
        SqlAnalysis a = SqlAnalysis.of("SELECT 1; DROP TABLE payments");
        assertThat(a.intent()).isEqualTo(Intent.DESTRUCTIVE);
        assertThat(a.ddl()).isTrue();
        assertThat(a.statementTypes()).containsExactly("select", "drop");
    }

    @Test
    void unparseableSqlIsNotTrusted() {
        SqlAnalysis a = SqlAnalysis.of("SELEKT * FROMM x WHERE");
        assertThat(a.parsed()).isFalse();
        assertThat(a.intent()).isEqualTo(Intent.DESTRUCTIVE);
    }

    @Test
    void insertIsAWriteAndTruncateIsDdl() {
        assertThat(SqlAnalysis.of("INSERT INTO t (a) VALUES (1)").intent()).isEqualTo(Intent.WRITE);
        SqlAnalysis t = SqlAnalysis.of("TRUNCATE TABLE audit_log");
        assertThat(t.intent()).isEqualTo(Intent.DESTRUCTIVE);
        assertThat(t.ddl()).isTrue();
    }
}
