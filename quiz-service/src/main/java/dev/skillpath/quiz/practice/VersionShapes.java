package dev.skillpath.quiz.practice;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.agroal.api.AgroalDataSource;

import dev.skillpath.platform.learning.QuestionShape;

/**
 * What the practice picker needs of a question version besides the learner and the fit: the skills it is tagged
 * with and its shape's starting guess (docs/learning.md, "Question parameters"). They are read from the database
 * once per version and edit and kept, so the candidate query of every {@code next} returns ids and times, not every
 * candidate's body. The key is the version and its question's {@code updated_at}: a version nobody was given yet is
 * edited in place ({@code QuestionBank.update}), and every edit moves {@code updated_at}, so an edited version is
 * read afresh under its new key and the old entry is never asked for again. Bounded at {@value #MAX_VERSIONS}
 * entries (least recently used go first); an entry read again after eviction is read again from the database, so the
 * bound costs time, never correctness.
 */
@ApplicationScoped
public class VersionShapes {

    static final int MAX_VERSIONS = 100_000;

    /** A question version as of an edit: the version's id and its question's {@code updated_at}. */
    public record Key(UUID version, OffsetDateTime edited) {
    }

    /** A version's tagged skills and the starting guess of its shape (before the learner model fits it). */
    public record Shape(List<UUID> skills, double startingGuess) {
    }

    private static final String SQL = """
            select v.id, v.skill_ids, v.type,
                   coalesce(jsonb_array_length(v.body -> 'options'), 0) as options,
                   (select count(*) from jsonb_array_elements(coalesce(v.body -> 'options', '[]'::jsonb)) o
                     where (o ->> 'correct') = 'true') as correct
            from question_version v where v.id = any(?)
            """;

    private final Cache<Key, Shape> cache = Caffeine.newBuilder().maximumSize(MAX_VERSIONS).build();

    @Inject
    AgroalDataSource dataSource;

    /** The shapes of these versions; one query for those not read before, none when all were. */
    public Map<Key, Shape> of(Collection<Key> versions) {
        return cache.getAll(versions, this::load);
    }

    private Map<Key, Shape> load(Set<? extends Key> versions) {
        Map<UUID, Key> byVersion = new HashMap<>();
        versions.forEach(k -> byVersion.put(k.version(), k));
        Map<Key, Shape> found = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setArray(1, c.createArrayOf("uuid", byVersion.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(byVersion.get(rs.getObject("id", UUID.class)), new Shape(skills(rs.getArray("skill_ids")),
                            startingGuess(rs.getString("type"), rs.getInt("options"), rs.getInt("correct"))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the question versions' shapes: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * The starting guess of a question of this type with so many options, so many of them right: what a learner who
     * does not know the skill gets right by chance ({@link QuestionShape}); an ordering has a right order, no right
     * options.
     */
    static double startingGuess(String type, int options, int correct) {
        int shown = switch (type) {
            case "single_choice", "multiple_choice", "ordering" -> options;
            default -> 0;
        };
        int right = type.equals("ordering") ? 0 : correct;
        return new QuestionShape(type, shown, right).startingGuess(QuestionShape.FLOOR);
    }

    private static List<UUID> skills(Array column) throws SQLException {
        Object[] ids = (Object[]) column.getArray();
        UUID[] skills = new UUID[ids.length];
        for (int i = 0; i < ids.length; i++) {
            skills[i] = (UUID) ids[i];
        }
        return List.of(skills);
    }
}
