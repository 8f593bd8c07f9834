package dev.klyo.javaagent.programs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs one SQL text through a real JDBC driver the way an application would: {@code exec}
 * ({@code Statement.execute}), {@code update} ({@code executeUpdate}), {@code query}
 * ({@code executeQuery}, first column of the first row), {@code batch} ({@code addBatch} +
 * {@code executeBatch}) or {@code prepare} ({@code prepareStatement} + {@code execute}). An
 * {@code SQLException} is reported with its class and SQLState, as an application sees it.
 */
final class JdbcCall {

    private JdbcCall() {
    }

    static String run(String url, String how, String sql) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            switch (how) {
                case "exec":
                    try (Statement s = c.createStatement()) {
                        return "OK " + s.execute(sql);
                    }
                case "update":
                    try (Statement s = c.createStatement()) {
                        return "OK " + s.executeUpdate(sql);
                    }
                case "query":
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                        return "OK " + (rs.next() ? rs.getString(1) : "no rows");
                    }
                case "batch":
                    try (Statement s = c.createStatement()) {
                        s.addBatch(sql);
                        return "OK " + s.executeBatch().length;
                    }
                case "prepare":
                    try (PreparedStatement s = c.prepareStatement(sql)) {
                        return "OK " + s.execute();
                    }
                default:
                    throw new IllegalArgumentException(how);
            }
        } catch (SQLException e) {
            return "SQLEXCEPTION " + e.getClass().getSimpleName() + " " + e.getSQLState() + " " + e.getMessage();
        }
    }
}
