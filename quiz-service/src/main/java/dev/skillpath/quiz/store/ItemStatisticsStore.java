package dev.skillpath.quiz.store;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.quiz.domain.ItemSums;
import dev.skillpath.quiz.domain.QuestionFlag;
import dev.skillpath.quiz.domain.QuestionType;
import io.agroal.api.AgroalDataSource;

/**
 * The running sums of the item statistics (per quiz, and per quiz and question version) and the question versions'
 * flags. Writes run in the caller's transaction (Agroal hands out the connection enlisted in it) and add to a row
 * with {@code insert … on conflict … do update set n = n + excluded.n, …}: two gradings at once both count, the
 * second waiting for the first's row lock and adding to what it left.
 */
@ApplicationScoped
public class ItemStatisticsStore {

    private static final String ADD_ATTEMPT = "insert into quiz_statistics as s (quiz_id, attempts, sum_percentage, passed)"
            + " values (?, 1, ?, ?) on conflict (quiz_id) do update set attempts = s.attempts + excluded.attempts,"
            + " sum_percentage = s.sum_percentage + excluded.sum_percentage, passed = s.passed + excluded.passed";

    private static final String ADD_ITEM = "insert into item_statistics as s (quiz_id, question_version_id, question_id,"
            + " n, sum_fraction, sum_x, sum_xx, sum_y, sum_yy, sum_xy, first_counted_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (quiz_id, question_version_id) do update set"
            + " n = s.n + excluded.n, sum_fraction = s.sum_fraction + excluded.sum_fraction,"
            + " sum_x = s.sum_x + excluded.sum_x, sum_xx = s.sum_xx + excluded.sum_xx,"
            + " sum_y = s.sum_y + excluded.sum_y, sum_yy = s.sum_yy + excluded.sum_yy,"
            + " sum_xy = s.sum_xy + excluded.sum_xy, first_counted_at = least(s.first_counted_at, excluded.first_counted_at)"
            + " returning n, sum_fraction, sum_x, sum_xx, sum_y, sum_yy, sum_xy";

    // on conflict do nothing: of two gradings that flag the same version at once, the second waits for the first
    // to commit and then inserts nothing, so it returns no row and announces nothing
    private static final String FLAG = "insert into question_flag (question_version_id, question_id, quiz_id, reasons,"
            + " first_attempts, facility, discrimination, flagged_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (question_version_id) do nothing returning question_version_id";

    private static final String FLAGS = "select f.*, v.version from question_flag f"
            + " join question_version v on v.id = f.question_version_id where f.question_version_id = any(?)";

    private static final String ITEMS = "select s.*, v.version, v.type, v.prompt from item_statistics s"
            + " join question_version v on v.id = s.question_version_id where s.quiz_id = ?";

    @Inject
    AgroalDataSource dataSource;

    /** A quiz's counted first attempts: how many, the sum of their percentages, how many passed. */
    public record QuizTotals(int attempts, BigDecimal sumPercentage, int passed) {
        public static final QuizTotals NONE = new QuizTotals(0, BigDecimal.ZERO, 0);
    }

    /** One (quiz, question version) row with what the statistics show of the version. */
    public record ItemRow(UUID questionId, UUID questionVersionId, int version, QuestionType type, String prompt,
            ItemSums sums, OffsetDateTime firstCountedAt) {
    }

    /** Counts one first attempt at the quiz; takes the quiz's row lock, so gradings of one quiz add one at a time. */
    public void addAttempt(UUID quizId, BigDecimal percentage, boolean passed) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADD_ATTEMPT)) {
            ps.setObject(1, quizId);
            ps.setBigDecimal(2, percentage);
            ps.setInt(3, passed ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the attempt in the statistics: " + e.getMessage(), e);
        }
    }

    /** Adds one observation of a question version to the quiz's sums; returns the sums with it. */
    public ItemSums addItem(UUID quizId, UUID questionVersionId, UUID questionId, ItemSums one, OffsetDateTime at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADD_ITEM)) {
            ps.setObject(1, quizId);
            ps.setObject(2, questionVersionId);
            ps.setObject(3, questionId);
            ps.setLong(4, one.n());
            ps.setBigDecimal(5, one.fraction());
            ps.setBigDecimal(6, one.x());
            ps.setBigDecimal(7, one.xx());
            ps.setBigDecimal(8, one.y());
            ps.setBigDecimal(9, one.yy());
            ps.setBigDecimal(10, one.xy());
            ps.setObject(11, at);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return sums(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not add to the item statistics: " + e.getMessage(), e);
        }
    }

    /** Flags a question version unless it is flagged already; true when this call raised the flag. */
    public boolean flag(QuestionFlag flag) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FLAG)) {
            ps.setObject(1, flag.questionVersionId());
            ps.setObject(2, flag.questionId());
            ps.setObject(3, flag.quizId());
            ps.setArray(4, c.createArrayOf("text", flag.reasons().toArray()));
            ps.setInt(5, flag.firstAttempts());
            ps.setDouble(6, flag.facility());
            ps.setObject(7, flag.discrimination());
            ps.setObject(8, flag.flaggedAt());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not flag the question version: " + e.getMessage(), e);
        }
    }

    /** The flags of these question versions, by version id; a version without a flag is not in the map. */
    public Map<UUID, QuestionFlag> flags(Collection<UUID> questionVersionIds) {
        Map<UUID, QuestionFlag> flags = new HashMap<>();
        if (questionVersionIds.isEmpty()) {
            return flags;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FLAGS)) {
            ps.setArray(1, c.createArrayOf("uuid", questionVersionIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array reasons = rs.getArray("reasons");
                    QuestionFlag flag = new QuestionFlag(rs.getObject("question_version_id", UUID.class),
                            rs.getObject("question_id", UUID.class), rs.getInt("version"), rs.getObject("quiz_id", UUID.class),
                            List.of((String[]) reasons.getArray()), rs.getInt("first_attempts"), rs.getDouble("facility"),
                            rs.getObject("discrimination", Double.class), rs.getObject("flagged_at", OffsetDateTime.class));
                    flags.put(flag.questionVersionId(), flag);
                }
            }
            return flags;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the question flags: " + e.getMessage(), e);
        }
    }

    /** The quiz's totals, {@link QuizTotals#NONE} before its first counted attempt. */
    public QuizTotals totals(UUID quizId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select * from quiz_statistics where quiz_id = ?")) {
            ps.setObject(1, quizId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new QuizTotals(rs.getInt("attempts"), rs.getBigDecimal("sum_percentage"), rs.getInt("passed"))
                        : QuizTotals.NONE;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the quiz statistics: " + e.getMessage(), e);
        }
    }

    /** Every (quiz, question version) row of the quiz: one per version its counted first attempts were given. */
    public List<ItemRow> items(UUID quizId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ITEMS)) {
            ps.setObject(1, quizId);
            List<ItemRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ItemRow(rs.getObject("question_id", UUID.class), rs.getObject("question_version_id", UUID.class),
                            rs.getInt("version"), QuestionType.of(rs.getString("type")), rs.getString("prompt"), sums(rs),
                            rs.getObject("first_counted_at", OffsetDateTime.class)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the item statistics: " + e.getMessage(), e);
        }
    }

    private static ItemSums sums(ResultSet rs) throws SQLException {
        return new ItemSums(rs.getLong("n"), rs.getBigDecimal("sum_fraction"), rs.getBigDecimal("sum_x"),
                rs.getBigDecimal("sum_xx"), rs.getBigDecimal("sum_y"), rs.getBigDecimal("sum_yy"), rs.getBigDecimal("sum_xy"));
    }
}
