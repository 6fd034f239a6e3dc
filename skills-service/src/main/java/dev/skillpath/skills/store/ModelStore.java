package dev.skillpath.skills.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.platform.learning.SkillMemory;
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.skills.domain.model.ItemKey;
import dev.skillpath.skills.domain.model.ItemParameters;
import dev.skillpath.skills.domain.model.SkillEvidence;

/**
 * The learner model's tables (V2 migration), in plain JDBC on the transaction's own connection: evidence rows,
 * each learner's state rows, the effects of evidence on estimates, and fits. Batched, since the consumer writes
 * a few dozen rows per event.
 */
@ApplicationScoped
public class ModelStore {

    @Inject
    EntityManager em;

    /**
     * One stored piece of evidence. {@code id} is 0 before it is stored. {@code kind} is {@code answer} (an answer of a
     * graded attempt), {@code practice} (a practice answer: {@code attemptId} is its session, {@code quizId} null) or
     * {@code lesson}; answers and practice answers are both observations of their question.
     */
    public record EvidenceRow(long id, String learnerId, UUID eventId, String eventType, int position, String kind,
            UUID quizId, UUID attemptId, UUID lessonId, UUID questionId, Integer questionVersion, String questionType,
            int options, int correctOptions, Boolean answered, Boolean correct, List<UUID> skillIds,
            OffsetDateTime observedAt) {

        public static final String ANSWER = "answer";
        public static final String PRACTICE = "practice";
        public static final String LESSON = "lesson";

        public boolean isLesson() {
            return LESSON.equals(kind);
        }

        public EvidenceRow withId(long newId) {
            return new EvidenceRow(newId, learnerId, eventId, eventType, position, kind, quizId, attemptId, lessonId,
                    questionId, questionVersion, questionType, options, correctOptions, answered, correct, skillIds,
                    observedAt);
        }
    }

    /** One (learner, skill) row of the model's state and what people see of it. */
    /**
     * A learner's state of one skill. {@code memory} and {@code dueAt} are the skill's memory since it was first
     * mastered and its next review (docs/learning.md, "Forgetting and reviews"), both null before.
     */
    public record StateRow(UUID skillId, double probability, SkillEvidence evidence, int observations, int correct,
            int learningSteps, boolean direct, OffsetDateTime masteredAt, OffsetDateTime lastEvidenceAt,
            SkillMemory memory, Instant dueAt) {
        public StateRow {
            if ((memory == null) != (dueAt == null)) {
                throw new IllegalArgumentException("a memory and its due date go together");
            }
        }
    }

    public record Effect(long evidenceId, UUID skillId, double before, double after, boolean direct) {
    }

    public record FitRow(long id, String status, String requestedBy, OffsetDateTime startedAt,
            OffsetDateTime finishedAt, Integer learners, Integer observations, Integer iterations, Double logLikelihood,
            Double leak, Double abilitySpread, Double compensation, Double abilityEffect, String error) {
    }

    public record SkillFitRow(UUID skillId, KnowledgeTracing parameters, int observations, int learners) {
    }

    /** The bound of the fit's read of all evidence (its transaction has its own timeout too). */
    static final java.time.Duration FIT_READ_TIMEOUT = java.time.Duration.ofMinutes(10);

    private <T> T jdbc(SqlWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    // ------------------------------------------------------------------------------------------ learners

    /** Locks the learner's model row (creating it) for this transaction; answers the fit their state uses. */
    public long lockLearner(String learnerId) {
        return lockLearners(List.of(learnerId)).get(learnerId);
    }

    /**
     * Locks the learners' model rows (creating those missing) for this transaction, in learner id order (so that two
     * transactions locking overlapping sets cannot deadlock); answers the fit each one's state uses.
     */
    public Map<String, Long> lockLearners(Collection<String> learnerIds) {
        Object[] ids = new TreeSet<>(learnerIds).toArray();
        return jdbc(c -> {
            Array array = c.createArrayOf("text", ids);
            try (PreparedStatement ps = c.prepareStatement("insert into learner_model (learner_id, fit_id)"
                    + " select l, 0 from unnest(?::text[]) as l order by l on conflict do nothing")) {
                ps.setArray(1, array);
                ps.executeUpdate();
            }
            Map<String, Long> fits = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select learner_id, fit_id from learner_model"
                    + " where learner_id = any(?) order by learner_id for update")) {
                ps.setArray(1, array);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fits.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return fits;
        });
    }

    /** The fit the learner's state was computed with, without locking (−2 when the learner has no model row). */
    public long learnerFit(String learnerId) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("select fit_id from learner_model where learner_id = ?")) {
                ps.setString(1, learnerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -2L;
                }
            }
        });
    }

    public void setLearnerFit(String learnerId, long fitId) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update learner_model set fit_id = ?, updated_at = now() where learner_id = ?")) {
                ps.setLong(1, fitId);
                ps.setString(2, learnerId);
                return ps.executeUpdate();
            }
        });
    }

    /** Learners whose state was computed with another fit than {@code fitId}, at most {@code limit}. */
    public List<String> learnersNotAt(long fitId, int limit) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select learner_id from learner_model where fit_id <> ? order by learner_id limit ?")) {
                ps.setLong(1, fitId);
                ps.setInt(2, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------------------------------ state

    public Map<UUID, StateRow> state(String learnerId) {
        return states(List.of(learnerId)).getOrDefault(learnerId, new HashMap<>());
    }

    /** The stored state of each of the learners (a learner without rows is left out). */
    public Map<String, Map<UUID, StateRow>> states(Collection<String> learnerIds) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("select learner_id, skill_id, probability, log_known,"
                    + " log_learned_since, log_still_unknown, observations, correct_answers, learning_steps, direct,"
                    + " mastered_at, last_evidence_at, stability, difficulty, reviews, lapses, last_review_at, due_at"
                    + " from mastery where learner_id = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", learnerIds.toArray()));
                Map<String, Map<UUID, StateRow>> states = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double since = rs.getDouble(5);
                        if (rs.wasNull()) {
                            since = Double.NEGATIVE_INFINITY;
                        }
                        UUID skill = rs.getObject(2, UUID.class);
                        double stability = rs.getDouble(13);
                        SkillMemory memory = rs.wasNull() ? null : new SkillMemory(
                                new Fsrs.State(stability, rs.getDouble(14)), rs.getInt(15), rs.getInt(16),
                                rs.getObject(17, OffsetDateTime.class).toInstant());
                        OffsetDateTime due = rs.getObject(18, OffsetDateTime.class);
                        states.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(skill, new StateRow(skill,
                                rs.getDouble(3), new SkillEvidence(rs.getDouble(4), since, rs.getDouble(6)),
                                rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getBoolean(10),
                                rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class), memory,
                                due == null ? null : due.toInstant()));
                    }
                }
                return states;
            }
        });
    }

    public void saveState(String learnerId, List<StateRow> rows) {
        saveStates(Map.of(learnerId, rows));
    }

    /** Writes the learners' rows (one batch of statements). */
    public void saveStates(Map<String, ? extends Collection<StateRow>> byLearner) {
        if (byLearner.values().stream().allMatch(Collection::isEmpty)) {
            return;
        }
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into mastery (learner_id, skill_id, probability,"
                    + " log_known, log_learned_since, log_still_unknown, observations, correct_answers, learning_steps,"
                    + " direct, mastered_at, last_evidence_at, stability, difficulty, reviews, lapses, last_review_at,"
                    + " due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (learner_id, skill_id) do update set probability = excluded.probability,"
                    + " log_known = excluded.log_known, log_learned_since = excluded.log_learned_since,"
                    + " log_still_unknown = excluded.log_still_unknown, observations = excluded.observations,"
                    + " correct_answers = excluded.correct_answers, learning_steps = excluded.learning_steps,"
                    + " direct = excluded.direct, mastered_at = excluded.mastered_at,"
                    + " last_evidence_at = excluded.last_evidence_at, stability = excluded.stability,"
                    + " difficulty = excluded.difficulty, reviews = excluded.reviews, lapses = excluded.lapses,"
                    + " last_review_at = excluded.last_review_at, due_at = excluded.due_at")) {
                for (Map.Entry<String, ? extends Collection<StateRow>> learner : byLearner.entrySet()) {
                  for (StateRow r : learner.getValue()) {
                    ps.setString(1, learner.getKey());
                    ps.setObject(2, r.skillId());
                    ps.setDouble(3, r.probability());
                    ps.setDouble(4, r.evidence().logKnown());
                    if (r.evidence().logLearnedSince() == Double.NEGATIVE_INFINITY) {
                        ps.setNull(5, Types.DOUBLE);
                    } else {
                        ps.setDouble(5, r.evidence().logLearnedSince());
                    }
                    ps.setDouble(6, r.evidence().logStillUnknown());
                    ps.setInt(7, r.observations());
                    ps.setInt(8, r.correct());
                    ps.setInt(9, r.learningSteps());
                    ps.setBoolean(10, r.direct());
                    ps.setObject(11, r.masteredAt());
                    ps.setObject(12, r.lastEvidenceAt());
                    SkillMemory m = r.memory();
                    if (m == null) {
                        ps.setNull(13, Types.DOUBLE);
                        ps.setNull(14, Types.DOUBLE);
                        ps.setNull(15, Types.INTEGER);
                        ps.setNull(16, Types.INTEGER);
                        ps.setNull(17, Types.TIMESTAMP_WITH_TIMEZONE);
                        ps.setNull(18, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        ps.setDouble(13, m.state().stability());
                        ps.setDouble(14, m.state().difficulty());
                        ps.setInt(15, m.reviews());
                        ps.setInt(16, m.lapses());
                        ps.setObject(17, m.lastReviewAt().atOffset(ZoneOffset.UTC));
                        ps.setObject(18, r.dueAt().atOffset(ZoneOffset.UTC));
                    }
                    ps.addBatch();
                  }
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Forgets what the model derived for a learner (not their evidence): before a replay writes it anew. */
    public void clearDerived(String learnerId) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from evidence_effect where learner_id = ?")) {
                ps.setString(1, learnerId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from mastery where learner_id = ?")) {
                ps.setString(1, learnerId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------ evidence

    /** Rows per insert statement: 17 parameters each, under PostgreSQL's 32,767 parameters of a statement. */
    private static final int EVIDENCE_ROWS_PER_STATEMENT = 1_000;

    /**
     * Stores the rows (in order: their ids grow in that order, which is the order a replay applies them) and answers
     * them with their ids. The rows may be of many events and learners.
     */
    public List<EvidenceRow> addEvidence(List<EvidenceRow> rows) {
        List<EvidenceRow> out = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += EVIDENCE_ROWS_PER_STATEMENT) {
            out.addAll(insertEvidence(rows.subList(from, Math.min(rows.size(), from + EVIDENCE_ROWS_PER_STATEMENT))));
        }
        return out;
    }

    private List<EvidenceRow> insertEvidence(List<EvidenceRow> rows) {
        return jdbc(c -> {
            StringBuilder sql = new StringBuilder("insert into evidence (learner_id, event_id, event_type, position,"
                    + " kind, quiz_id, attempt_id, lesson_id, question_id, question_version, question_type, options,"
                    + " correct_options, answered, correct, skill_ids, observed_at) values ");
            for (int i = 0; i < rows.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            sql.append(" returning id, event_id, position");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (EvidenceRow r : rows) {
                    ps.setString(p++, r.learnerId());
                    ps.setObject(p++, r.eventId());
                    ps.setString(p++, r.eventType());
                    ps.setInt(p++, r.position());
                    ps.setString(p++, r.kind());
                    ps.setObject(p++, r.quizId());
                    ps.setObject(p++, r.attemptId());
                    ps.setObject(p++, r.lessonId());
                    ps.setObject(p++, r.questionId());
                    ps.setObject(p++, r.questionVersion(), Types.INTEGER);
                    ps.setString(p++, r.questionType());
                    ps.setInt(p++, r.options());
                    ps.setInt(p++, r.correctOptions());
                    ps.setObject(p++, r.answered(), Types.BOOLEAN);
                    ps.setObject(p++, r.correct(), Types.BOOLEAN);
                    ps.setArray(p++, c.createArrayOf("uuid", r.skillIds().toArray()));
                    ps.setObject(p++, r.observedAt());
                }
                Map<EvidenceKey, Long> ids = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.put(new EvidenceKey(rs.getObject(2, UUID.class), rs.getInt(3)), rs.getLong(1));
                    }
                }
                List<EvidenceRow> out = new ArrayList<>(rows.size());
                for (EvidenceRow r : rows) {
                    out.add(r.withId(ids.get(new EvidenceKey(r.eventId(), r.position()))));
                }
                return out;
            }
        });
    }

    /** A piece of evidence is the {@code position}-th of its event (unique, see the evidence table). */
    private record EvidenceKey(UUID eventId, int position) {
    }

    /** A learner's evidence in the order it was applied. */
    public List<EvidenceRow> evidenceOf(String learnerId) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(EVIDENCE + " where learner_id = ? order by id")) {
                ps.setString(1, learnerId);
                List<EvidenceRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(evidence(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Every learner's evidence, learner by learner (in id order), each in applied order: what a fit reads. */
    public void forEachLearner(Consumer<List<EvidenceRow>> learner) {
        jdbc(c -> {
            // the one long read of the service: it needs more than the 5 s statement and 7 s socket bounds of a
            // request (docs/reliability.md, "Bounded waits"), for this transaction and this connection only
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("set local statement_timeout = '" + FIT_READ_TIMEOUT.toSeconds() + "s'");
            }
            int networkTimeout = c.getNetworkTimeout();
            c.setNetworkTimeout(Runnable::run, (int) FIT_READ_TIMEOUT.toMillis());
            try (PreparedStatement ps = c.prepareStatement(EVIDENCE + " order by learner_id, id")) {
                ps.setFetchSize(5_000);
                List<EvidenceRow> current = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        EvidenceRow r = evidence(rs);
                        if (!current.isEmpty() && !current.get(0).learnerId().equals(r.learnerId())) {
                            learner.accept(current);
                            current = new ArrayList<>();
                        }
                        current.add(r);
                    }
                }
                if (!current.isEmpty()) {
                    learner.accept(current);
                }
            } finally {
                c.setNetworkTimeout(Runnable::run, networkTimeout);
            }
            return null;
        });
    }

    /** The observations stored (answers of attempts and of practice sessions): what the refit schedule counts. */
    public long evidenceCount() {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from evidence where kind <> 'lesson'");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static final String EVIDENCE = "select id, learner_id, event_id, event_type, position, kind, quiz_id,"
            + " attempt_id, lesson_id, question_id, question_version, question_type, options, correct_options,"
            + " answered, correct, skill_ids, observed_at from evidence";

    private static EvidenceRow evidence(ResultSet rs) throws SQLException {
        Array skills = rs.getArray(17);
        List<UUID> ids = new ArrayList<>();
        for (Object o : (Object[]) skills.getArray()) {
            ids.add((UUID) o);
        }
        return new EvidenceRow(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getInt(5), rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, UUID.class),
                rs.getObject(9, UUID.class), rs.getObject(10, UUID.class), (Integer) rs.getObject(11), rs.getString(12),
                rs.getInt(13), rs.getInt(14), (Boolean) rs.getObject(15), (Boolean) rs.getObject(16), ids,
                rs.getObject(18, OffsetDateTime.class));
    }

    public void addEffects(String learnerId, List<Effect> effects) {
        addEffects(Map.of(learnerId, effects));
    }

    /** Writes what each learner's evidence moved (one batch of statements). */
    public void addEffects(Map<String, List<Effect>> byLearner) {
        if (byLearner.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into evidence_effect (learner_id, skill_id,"
                    + " evidence_id, before, after, direct) values (?, ?, ?, ?, ?, ?) on conflict"
                    + " (learner_id, skill_id, evidence_id) do update set before = excluded.before,"
                    + " after = excluded.after, direct = excluded.direct")) {
                for (Map.Entry<String, List<Effect>> learner : byLearner.entrySet()) {
                    for (Effect e : learner.getValue()) {
                        ps.setString(1, learner.getKey());
                        ps.setObject(2, e.skillId());
                        ps.setLong(3, e.evidenceId());
                        ps.setDouble(4, e.before());
                        ps.setDouble(5, e.after());
                        ps.setBoolean(6, e.direct());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** One line of a learner's evidence for one skill: the evidence and how far it moved the estimate. */
    public record EffectLine(EvidenceRow evidence, double before, double after, boolean direct) {
    }

    /** The evidence behind one skill's estimate, newest first, and how many lines there are in all. */
    public record EffectPage(List<EffectLine> lines, long total) {
    }

    public EffectPage effects(String learnerId, UUID skillId, int offset, int limit) {
        return jdbc(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from evidence_effect where learner_id = ? and skill_id = ?")) {
                ps.setString(1, learnerId);
                ps.setObject(2, skillId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<EffectLine> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select e.id, e.learner_id, e.event_id, e.event_type,"
                    + " e.position, e.kind, e.quiz_id, e.attempt_id, e.lesson_id, e.question_id, e.question_version,"
                    + " e.question_type, e.options, e.correct_options, e.answered, e.correct, e.skill_ids,"
                    + " e.observed_at, f.before, f.after, f.direct from evidence_effect f join evidence e"
                    + " on e.id = f.evidence_id where f.learner_id = ? and f.skill_id = ? order by e.id desc"
                    + " offset ? limit ?")) {
                ps.setString(1, learnerId);
                ps.setObject(2, skillId);
                ps.setInt(3, offset);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new EffectLine(evidence(rs), rs.getDouble(19), rs.getDouble(20), rs.getBoolean(21)));
                    }
                }
            }
            return new EffectPage(lines, total);
        });
    }

    // ------------------------------------------------------------------------------------------ fits

    /** Starts a fit unless one is running (a running fit older than {@code staleAfter} counts as failed). */
    public Optional<Long> startFit(String requestedBy, java.time.Duration staleAfter) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("update model_fit set status = 'failed', finished_at = now(),"
                    + " error = 'abandoned: still running after ' || ? || ' s' where status = 'running'"
                    + " and started_at < now() - make_interval(secs => ?)")) {
                ps.setLong(1, staleAfter.toSeconds());
                ps.setLong(2, staleAfter.toSeconds());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into model_fit (status, requested_by, started_at)"
                    + " values ('running', ?, now()) on conflict do nothing returning id")) {
                ps.setString(1, requestedBy);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    public void finishFit(long fitId, int learners, int observations, int iterations, double logLikelihood, double leak,
            double abilitySpread, double compensation, double abilityEffect, List<SkillFitRow> skills, Map<ItemKey, ItemParameters> items, Map<ItemKey, String> itemTypes) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into skill_fit (fit_id, skill_id, prior, learn,"
                    + " guess, slip, observations, learners) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SkillFitRow s : skills) {
                    ps.setLong(1, fitId);
                    ps.setObject(2, s.skillId());
                    ps.setDouble(3, s.parameters().prior());
                    ps.setDouble(4, s.parameters().learn());
                    ps.setDouble(5, s.parameters().guess());
                    ps.setDouble(6, s.parameters().slip());
                    ps.setInt(7, s.observations());
                    ps.setInt(8, s.learners());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into item_fit (fit_id, question_id,"
                    + " question_version, question_type, guess, slip, difficulty, observations)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<ItemKey, ItemParameters> e : items.entrySet()) {
                    ps.setLong(1, fitId);
                    ps.setObject(2, e.getKey().questionId());
                    ps.setInt(3, e.getKey().version());
                    ps.setString(4, itemTypes.get(e.getKey()));
                    ps.setDouble(5, e.getValue().guess());
                    ps.setDouble(6, e.getValue().slip());
                    ps.setDouble(7, e.getValue().difficulty());
                    ps.setInt(8, e.getValue().observations());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("update model_fit set status = 'applied', finished_at = now(),"
                    + " learners = ?, observations = ?, iterations = ?, log_likelihood = ?, leak = ?, ability_spread = ?,"
                    + " compensation = ?, ability_effect = ? where id = ?")) {
                ps.setInt(1, learners);
                ps.setInt(2, observations);
                ps.setInt(3, iterations);
                ps.setDouble(4, logLikelihood);
                ps.setDouble(5, leak);
                ps.setDouble(6, abilitySpread);
                ps.setDouble(7, compensation);
                ps.setDouble(8, abilityEffect);
                ps.setLong(9, fitId);
                ps.executeUpdate();
            }
            // older fits' parameters are not needed once a newer one is in force; keep the last few for history
            try (PreparedStatement ps = c.prepareStatement("delete from model_fit where id < ? and id not in"
                    + " (select id from model_fit where id < ? order by id desc limit 9)")) {
                ps.setLong(1, fitId);
                ps.setLong(2, fitId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void failFit(long fitId, String error) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update model_fit set status = 'failed', finished_at = now(), error = ? where id = ?")) {
                ps.setString(1, error);
                ps.setLong(2, fitId);
                return ps.executeUpdate();
            }
        });
    }

    /** The fit in force: the newest applied one. */
    public Optional<FitRow> currentFit() {
        return fits("where status = 'applied' order by id desc limit 1").stream().findFirst();
    }

    public Optional<FitRow> fit(long id) {
        return fits("where id = " + id).stream().findFirst();
    }

    public List<FitRow> recentFits(int limit) {
        return fits("order by id desc limit " + Math.max(1, Math.min(limit, 100)));
    }

    private List<FitRow> fits(String where) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id, status, requested_by, started_at, finished_at,"
                    + " learners, observations, iterations, log_likelihood, leak, ability_spread, compensation, ability_effect,"
                    + " error from model_fit "
                    + where);
                    ResultSet rs = ps.executeQuery()) {
                List<FitRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new FitRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                            (Integer) rs.getObject(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8),
                            (Double) rs.getObject(9), (Double) rs.getObject(10), (Double) rs.getObject(11),
                            (Double) rs.getObject(12), (Double) rs.getObject(13), rs.getString(14)));
                }
                return out;
            }
        });
    }

    public Map<UUID, SkillFitRow> skillFits(long fitId) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("select skill_id, prior, learn, guess, slip, observations,"
                    + " learners from skill_fit where fit_id = ?")) {
                ps.setLong(1, fitId);
                Map<UUID, SkillFitRow> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        out.put(id, new SkillFitRow(id, new KnowledgeTracing(rs.getDouble(2), rs.getDouble(3),
                                rs.getDouble(4), rs.getDouble(5)), rs.getInt(6), rs.getInt(7)));
                    }
                }
                return out;
            }
        });
    }

    public record ItemFitRow(ItemKey key, String questionType, ItemParameters parameters) {
    }

    public List<ItemFitRow> itemFits(long fitId, UUID questionId) {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("select question_id, question_version, question_type,"
                    + " guess, slip, difficulty, observations from item_fit where fit_id = ?"
                    + (questionId == null ? "" : " and question_id = ?") + " order by question_id, question_version")) {
                ps.setLong(1, fitId);
                if (questionId != null) {
                    ps.setObject(2, questionId);
                }
                List<ItemFitRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ItemFitRow(new ItemKey(rs.getObject(1, UUID.class), rs.getInt(2)), rs.getString(3),
                                new ItemParameters(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getInt(7))));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------------------------------ published baseline

    /**
     * Takes the baseline's lock for this transaction (replicas publish one after the other) and answers the
     * fingerprint of the baseline last published, if any.
     */
    public Optional<String> lockBaseline() {
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('skills.model.baseline'))")) {
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("select fingerprint from model_baseline");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    public void saveBaseline(String fingerprint, long fitId, UUID eventId) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into model_baseline (fingerprint, fit_id, event_id,"
                    + " published_at) values (?, ?, ?, now()) on conflict (id) do update set fingerprint ="
                    + " excluded.fingerprint, fit_id = excluded.fit_id, event_id = excluded.event_id,"
                    + " published_at = excluded.published_at")) {
                ps.setString(1, fingerprint);
                ps.setLong(2, fitId);
                ps.setObject(3, eventId);
                return ps.executeUpdate();
            }
        });
    }
}
