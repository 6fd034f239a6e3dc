package dev.skillpath.skills.xapi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * Reads {@code xapi_statement}. A page is one keyset range of the (stored, sequence) order, never an OFFSET: the
 * query's filters pick an index ending in (stored, sequence) (V7), and the page is the next {@code limit} entries of
 * it after the cursor, however deep the page is.
 */
@ApplicationScoped
public class StatementStore {

    /** One stored statement: its place in the order, whose it is, and its JSON as stored. */
    public record Row(Instant stored, long sequence, String learnerId, String json) {

        public StatementQuery.Cursor cursor() {
            return new StatementQuery.Cursor(stored, sequence);
        }
    }

    /** A page: at most {@code limit} rows, and whether there is at least one more after them. */
    public record Page(List<Row> rows, boolean more) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** A query's SQL and its arguments, in order. */
    public record Sql(String text, List<Object> args) {
    }

    /** The query's page; {@code learnerId} null reads every learner's (an admin without an agent). */
    public Page page(StatementQuery q, String learnerId) throws SQLException {
        Sql sql = pageSql(q, learnerId);
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.text())) {
            for (int i = 0; i < sql.args().size(); i++) {
                ps.setObject(i + 1, sql.args().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2), rs.getString(3),
                            rs.getString(4)));
                }
            }
        }
        boolean more = rows.size() > q.limit();
        return new Page(more ? rows.subList(0, q.limit()) : rows, more);
    }

    /**
     * The SQL of a page: the filters, the keyset condition after the cursor, the order, and one row more than the
     * limit (to know whether to give a more link). Public for the test that reads its plans.
     */
    public static Sql pageSql(StatementQuery q, String learnerId) {
        StringBuilder sql = new StringBuilder("select stored, sequence, learner_id, statement from xapi_statement where true");
        List<Object> args = new ArrayList<>();
        if (learnerId != null) {
            sql.append(" and learner_id = ?");
            args.add(learnerId);
        }
        if (q.verb() != null) {
            sql.append(" and verb_id = ?");
            args.add(q.verb());
        }
        if (q.activity() != null) {
            sql.append(" and activity_id = ?");
            args.add(q.activity());
        }
        if (q.registration() != null) {
            sql.append(" and registration = ?");
            args.add(q.registration());
        }
        if (q.since() != null) {
            sql.append(" and stored > ?");
            args.add(q.since().atOffset(ZoneOffset.UTC));
        }
        if (q.until() != null) {
            sql.append(" and stored <= ?");
            args.add(q.until().atOffset(ZoneOffset.UTC));
        }
        String direction = q.ascending() ? "" : " desc";
        if (q.after() != null) {
            // a row comparison, which PostgreSQL answers from the (…, stored, sequence) index as one range
            sql.append(q.ascending() ? " and (stored, sequence) > (?, ?)" : " and (stored, sequence) < (?, ?)");
            args.add(q.after().stored().atOffset(ZoneOffset.UTC));
            args.add(q.after().sequence());
        }
        sql.append(" order by stored").append(direction).append(", sequence").append(direction).append(" limit ?");
        args.add(q.limit() + 1); // one more than asked, to know whether to give a more link
        return new Sql(sql.toString(), args);
    }

    /** The statement with this id. */
    public Optional<Row> byId(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select stored, sequence, learner_id, statement from xapi_statement where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2),
                        rs.getString(3), rs.getString(4))) : Optional.empty();
            }
        }
    }
}
