package dev.skillpath.devinfra.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** What a test reads straight from a service's database: the first column of the first row of a query. */
public final class Rows {

    private Rows() {
    }

    /** The first column of the first row as text, or null when there is no row. */
    public static String text(DataSource db, String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** A count (or any whole number) the query answers. */
    public static long count(DataSource db, String sql, Object... params) throws SQLException {
        return Long.parseLong(text(db, sql, params));
    }

    /** Rows in a service's outbox of one event type with one key: what its relay will send, once each. */
    public static long outbox(DataSource db, String type, String key) throws SQLException {
        return count(db, "select count(*) from outbox where event_type = ? and event_key = ?", type, key);
    }
}
