package dev.skillpath.quiz.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.skillpath.events.EventTypes;

/** Reads and one write of the service's own rows, for tests that must see what a request left in the database. */
final class AttemptRows {

    private AttemptRows() {
    }

    /**
     * Moves an attempt's start and deadline 700 s into the past: with a 600 s limit, its time ran out 100 s ago.
     * Faster and steadier than waiting out a short limit (and the sweep is off in {@link NoSweepProfile}).
     */
    static void expire(DataSource db, String attemptId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "update attempt set started_at = started_at - interval '700 seconds',"
                        + " deadline = deadline - interval '700 seconds' where id = ?")) {
            s.setObject(1, UUID.fromString(attemptId));
            assertEquals(1, s.executeUpdate(), "attempt " + attemptId);
        }
    }

    /** The statuses of a learner's attempts, in the order they were taken. */
    static List<String> statuses(DataSource db, String learner) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select status from attempt where learner_id = ? order by number")) {
            s.setString(1, learner);
            List<String> statuses = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    statuses.add(r.getString(1));
                }
            }
            return statuses;
        }
    }

    /** One column of an attempt's row, as text. */
    static String column(DataSource db, String attemptId, String column) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select " + column + "::text from attempt where id = ?")) {
            s.setObject(1, UUID.fromString(attemptId));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** quiz.attempt.graded rows in the outbox about this attempt (its id is the event's subject). */
    static int gradedEvents(DataSource db, String attemptId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from outbox where event_type = ? and envelope like ?")) {
            s.setString(1, EventTypes.QUIZ_ATTEMPT_GRADED.type());
            s.setString(2, "%\"subject\":\"" + attemptId + "\"%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * Runs the backfill of migration V4 (the statements between its {@code -- backfill:begin} and {@code -- backfill:end}
     * markers) on the connection: what rebuilds the statistics' sums from the graded first attempts.
     */
    static void backfillItemStatistics(Connection c) throws SQLException, java.io.IOException {
        String sql = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/main/resources/db/migration/V4__item_statistics_live.sql"), java.nio.charset.StandardCharsets.UTF_8);
        String backfill = sql.substring(sql.indexOf("-- backfill:begin"), sql.indexOf("-- backfill:end"));
        try (java.sql.Statement s = c.createStatement()) {
            for (String statement : backfill.split(";")) {
                if (!statement.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }
}
