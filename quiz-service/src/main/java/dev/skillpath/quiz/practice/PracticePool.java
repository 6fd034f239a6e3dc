package dev.skillpath.quiz.practice;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.agroal.api.AgroalDataSource;

import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.quiz.domain.ItemsChanged;

/**
 * The practice pool per skill: the current version of every question tagged with it, the version's tagged skills,
 * its shape's starting guess and the learner model's fit of it ({@code item_parameter}), read from the database once
 * and kept, so that a pick reads only what belongs to the learner (what they saw recently), not the whole pool
 * (docs/quiz.md, "What a pick costs").
 *
 * <p>A pool in use is read again in the background every {@link #refresh} ({@code skillpath.practice.pool-refresh},
 * default 2 s), the picks meanwhile taking the one kept, so no pick waits for the read (at 1,000 questions it costs
 * more than a pick); a pool unused for twice that long is dropped. So what a pick sees is at most twice the refresh
 * old: an edit made by another replica, a question added by SQL, or a fit applied by another replica's consumer
 * reaches the picks within that time. On this replica an edit or a fit empties the pool when its transaction commits ({@link ItemsChanged}),
 * so the next pick reads it afresh. A stale entry never gives a learner the wrong version: the pick is checked under
 * the question's lock against its current version ({@code Practice.next}), and a mismatch empties the pool too.
 */
@ApplicationScoped
public class PracticePool {

    /** At most this many skills' pools are kept (least recently used go first); a pool read again is reloaded. */
    static final int MAX_SKILLS = 10_000;

    /** Before a fit, a question's slip is the skills' starting slip (docs/learning.md, "Question parameters"). */
    public static final double STARTING_SLIP = 0.1;

    /**
     * A question of the pool as the picker needs it: its current version, the skills that version is tagged with,
     * and its guess, slip and difficulty: the learner model's fit of the version ({@code fitted}) or, before one, its
     * shape's starting guess, {@link #STARTING_SLIP} and no difficulty (NaN).
     */
    public record Entry(UUID questionId, UUID versionId, List<UUID> skills, double guess, double slip,
            double difficulty, boolean fitted) {
    }

    /** The statement that loads the pools of a set of skills; bench/practice.sh reads it from this file. */
    static final String POOL = """
            select q.id as question_id, v.id as version_id, v.skill_ids, v.type,
                   coalesce(jsonb_array_length(v.body -> 'options'), 0) as options,
                   (select count(*) from jsonb_array_elements(coalesce(v.body -> 'options', '[]'::jsonb)) o
                     where (o ->> 'correct') = 'true') as correct,
                   p.guess, p.slip, p.difficulty
            from question q join question_version v on v.question_id = q.id and v.version = q.current_version
            left join item_parameter p on p.question_id = q.id and p.question_version = v.version
            where v.skill_ids && ?
            """;

    private final LoadingCache<UUID, List<Entry>> bySkill;

    /** How old a kept pool may be before it is read again. */
    final Duration refresh;

    private final AgroalDataSource dataSource;

    /**
     * Where the background reads run: one thread of its own (a read blocks on JDBC; the common fork-join pool has
     * one thread on two cores, and a managed executor would carry the caller's transaction along).
     */
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "practice-pool-refresh");
        t.setDaemon(true);
        return t;
    });

    /** A pool reading this database and keeping what it read for {@code refresh}; one per service instance. */
    @Inject
    public PracticePool(@ConfigProperty(name = "skillpath.practice.pool-refresh", defaultValue = "PT2S") Duration refresh,
            AgroalDataSource dataSource) {
        this.refresh = refresh;
        this.dataSource = dataSource;
        // a pool in use is read again in the background once it is refresh old (the picks meanwhile take the kept
        // one), so no pick waits for the read; one left unused for twice that is dropped, and read at its next use
        this.bySkill = Caffeine.newBuilder().maximumSize(MAX_SKILLS).executor(refresher).refreshAfterWrite(refresh)
                .expireAfterWrite(refresh.multipliedBy(2)).build(new CacheLoader<UUID, List<Entry>>() {
                    @Override
                    public List<Entry> load(UUID skill) {
                        return PracticePool.this.load(Set.of(skill)).get(skill);
                    }

                    @Override
                    public Map<UUID, List<Entry>> loadAll(Set<? extends UUID> skills) {
                        return PracticePool.this.load(skills);
                    }
                });
    }

    /** The questions tagged with any of these skills, each once; one query for the skills not kept, none else. */
    public List<Entry> of(Collection<UUID> skills) {
        Map<UUID, List<Entry>> pools = bySkill.getAll(skills);
        Map<UUID, Entry> union = new LinkedHashMap<>();
        for (UUID skill : skills) {
            for (Entry e : pools.getOrDefault(skill, List.of())) {
                union.putIfAbsent(e.questionId(), e);
            }
        }
        return new ArrayList<>(union.values());
    }

    /**
     * The bank or a fit changed: every kept pool is read again by the next pick, once the change's transaction has
     * committed (emptied before, a pick in between could keep what the transaction had not yet made visible).
     */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ItemsChanged change) {
        bySkill.invalidateAll();
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /** Empties every kept pool now (a pick found one stale). */
    void forget() {
        bySkill.invalidateAll();
    }

    private Map<UUID, List<Entry>> load(Set<? extends UUID> skills) {
        Map<UUID, List<Entry>> pools = new HashMap<>();
        skills.forEach(s -> pools.put(s, new ArrayList<>()));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(POOL)) {
            ps.setArray(1, c.createArrayOf("uuid", skills.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<UUID> tagged = skills(rs.getArray("skill_ids"));
                    double guess = rs.getDouble("guess");
                    Entry e = rs.wasNull()
                            ? new Entry(rs.getObject("question_id", UUID.class), rs.getObject("version_id", UUID.class),
                                    tagged, startingGuess(rs.getString("type"), rs.getInt("options"),
                                            rs.getInt("correct")), STARTING_SLIP, Double.NaN, false)
                            // the learner model's fit of this version (docs/learning.md, "Question parameters")
                            : new Entry(rs.getObject("question_id", UUID.class), rs.getObject("version_id", UUID.class),
                                    tagged, guess, rs.getDouble("slip"), rs.getDouble("difficulty"), true);
                    for (UUID skill : tagged) {
                        List<Entry> pool = pools.get(skill);
                        if (pool != null) {
                            pool.add(e);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the practice pool: " + e.getMessage(), e);
        }
        pools.replaceAll((skill, pool) -> List.copyOf(pool));
        return pools;
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
