package dev.skillpath.quiz.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * The learner model's fitted parameters of question versions, as the {@code item_parameter} projection holds them
 * (skills-service's {@code dev.skillpath.skill.model.item.fitted.v1}, newest fit only; see
 * {@code events/ItemParameterProjection}). What other code reads: the item statistics show them, and the practice
 * picker predicts a learner's chance with a version's guess and slip.
 *
 * <p>A version the model has not fitted yet is simply missing from the answer: the caller chooses its fallback
 * (the picker: the starting values of the question's shape). One query per call, whatever the number of versions;
 * in the caller's transaction when there is one.
 */
@ApplicationScoped
public class ItemParameterStore {

    private static final String COLUMNS = "p.question_id, p.question_version, p.guess, p.slip, p.difficulty, p.answers,"
            + " p.fit_id, p.fitted_at";

    @Inject
    AgroalDataSource dataSource;

    /** A question version by its question and version number. */
    public record VersionKey(UUID questionId, int version) {
    }

    /**
     * One version's parameters from the newest fit.
     *
     * @param guess      P(right | a tagged skill not known)
     * @param slip       P(wrong | every tagged skill known)
     * @param difficulty the Elo-style difficulty (logit of the share of wrong answers)
     * @param answers    the answers to this version the fit rested on
     */
    public record ItemParameters(UUID questionId, int questionVersion, double guess, double slip, double difficulty,
            int answers, long fitId, OffsetDateTime fittedAt) {
    }

    /** The parameters of these question versions (by {@code question_version.id}), for those that were fitted. */
    public Map<UUID, ItemParameters> byVersionIds(Collection<UUID> questionVersionIds) {
        Map<UUID, ItemParameters> found = new HashMap<>();
        if (questionVersionIds.isEmpty()) {
            return found;
        }
        String sql = "select v.id as version_id, " + COLUMNS + " from question_version v join item_parameter p"
                + " on p.question_id = v.question_id and p.question_version = v.version where v.id = any(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", questionVersionIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getObject("version_id", UUID.class), parameters(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the item parameters: " + e.getMessage(), e);
        }
    }

    /** The parameters of these (question id, version) pairs, for those that were fitted. */
    public Map<VersionKey, ItemParameters> byVersions(Collection<VersionKey> versions) {
        Map<VersionKey, ItemParameters> found = new HashMap<>();
        if (versions.isEmpty()) {
            return found;
        }
        String sql = "select " + COLUMNS + " from unnest(?, ?) as k(question_id, question_version)"
                + " join item_parameter p using (question_id, question_version)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", versions.stream().map(VersionKey::questionId).toArray()));
            ps.setArray(2, c.createArrayOf("int4", versions.stream().map(VersionKey::version).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ItemParameters p = parameters(rs);
                    found.put(new VersionKey(p.questionId(), p.questionVersion()), p);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the item parameters: " + e.getMessage(), e);
        }
    }

    private static ItemParameters parameters(ResultSet rs) throws SQLException {
        return new ItemParameters(rs.getObject("question_id", UUID.class), rs.getInt("question_version"),
                rs.getDouble("guess"), rs.getDouble("slip"), rs.getDouble("difficulty"), rs.getInt("answers"),
                rs.getLong("fit_id"), rs.getObject("fitted_at", OffsetDateTime.class));
    }
}
