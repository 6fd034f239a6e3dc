package dev.skillpath.quiz.practice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.learning.PracticePicker;
import dev.skillpath.platform.learning.PracticePicker.Candidate;
import dev.skillpath.problems.ProblemType;
import dev.skillpath.quiz.domain.Answer;
import dev.skillpath.quiz.domain.Attempts;
import dev.skillpath.quiz.domain.Grading;
import dev.skillpath.quiz.domain.JsonColumns;
import dev.skillpath.quiz.domain.Question;
import dev.skillpath.quiz.domain.QuestionBody;
import dev.skillpath.quiz.domain.QuestionVersion;
import dev.skillpath.quiz.events.QuizEvents;
import dev.skillpath.quiz.practice.EstimateSnapshots.Snapshot;

/**
 * Practice sessions (docs/quiz.md, "Practice sessions"): a learner practises one skill or their frontier; each next
 * question is picked by {@link PracticePicker} from the bank's current versions with the learner model's estimates
 * (the local projection, never a call to skills-service) and the items' parameters; each answer is graded at once and
 * announced as {@code quiz.practice.answered}. Every change holds the session's row lock, so two requests at once
 * act one after the other: two answers to one question, one counts; two {@code next} calls, one pick.
 */
@ApplicationScoped
@Transactional
public class Practice {

    public static final int DEFAULT_MAX_QUESTIONS = 20;
    public static final int MAX_QUESTIONS = 100;
    @Inject
    EntityManager em;

    @Inject
    EstimateSnapshots snapshots;

    @Inject
    QuizEvents events;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PracticePool pool;

    /**
     * {@code skillpath_practice_pick_seconds}: the pick itself (the pool, the query of what the learner saw and
     * {@link PracticePicker}), a histogram from 0.1 ms so that a bench can tell its p99 from the whole request's
     * (docs/benchmarks.md, "Practice").
     */
    private final Timer pickTimer;

    @Inject
    Practice(MeterRegistry registry) {
        this.pickTimer = Timer.builder("skillpath.practice.pick")
                .description("Picking a practice session's next question: the pool, what the learner saw, the picker")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
    }

    /** A question the learner saw less than this long ago (in a quiz or a session) is not given again. */
    @ConfigProperty(name = "skillpath.practice.recent", defaultValue = "P1D")
    Duration recent;

    /** What a session practises: one skill, the learner's frontier, or their reviews due. */
    public enum Target {
        SKILL, FRONTIER, REVIEWS;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Starts a session for a skill (resolved by the caller; null unless the target is {@link Target#SKILL}), the
     * learner's frontier, or the reviews due now (the mastered skills whose review date, as the learner model last
     * published it, has come).
     */
    public PracticeSession start(String learnerId, Target target, UUID skill, Integer maxQuestions,
            Double targetChance) {
        UUID[] targets;
        if (target == Target.SKILL) {
            targets = new UUID[] {skill};
        } else if (target == Target.REVIEWS) {
            Snapshot snapshot = snapshots.of(learnerId).orElse(null);
            List<UUID> due = snapshot == null ? List.of() : snapshot.dueReviews(now().toInstant());
            if (due.isEmpty()) {
                throw ProblemException.conflict(ProblemType.NO_REVIEWS_DUE, "No review is due now: every skill you"
                        + " mastered is still fresh (GET /api/v1/learners/me/reviews says when each is due).");
            }
            targets = due.toArray(UUID[]::new);
        } else {
            Snapshot snapshot = snapshots.of(learnerId).orElseThrow(() -> new ProblemException(
                    ProblemType.ESTIMATES_NOT_KNOWN, "The learner model has not published any estimates yet, so"
                            + " there is no frontier to practise; practise a skill, or try again shortly."));
            // ready to learn; else (a newcomer) the skills to confirm: practice tells whether they are known
            List<UUID> fringe = !snapshot.frontier().isEmpty() ? snapshot.frontier() : snapshot.toConfirm();
            if (fringe.isEmpty()) {
                throw ProblemException.conflict(ProblemType.FRONTIER_EMPTY, "Your frontier is empty: every skill"
                        + " is mastered or waits for a prerequisite; practise a skill instead.");
            }
            targets = fringe.toArray(UUID[]::new);
        }
        PracticeSession s = new PracticeSession();
        s.id = UUID.randomUUID();
        s.learnerId = learnerId;
        s.target = target.value();
        s.targetSkillIds = targets;
        s.status = PracticeSession.ACTIVE;
        s.maxQuestions = maxQuestions == null ? DEFAULT_MAX_QUESTIONS : maxQuestions;
        s.targetChance = targetChance == null ? PracticePicker.TARGET_CHANCE : targetChance;
        s.startedAt = now();
        s.persist();
        return s;
    }

    /**
     * What {@link #next} gives: the session as the call left it and, unless it has ended, the question to answer now
     * (the session's item and the question version it gives).
     */
    public record Next(PracticeSession session, Optional<PracticeItem> item, Optional<QuestionVersion> version) {

        static Next ended(PracticeSession s) {
            return new Next(s, Optional.empty(), Optional.empty());
        }

        static Next given(PracticeSession s, PracticeItem item, QuestionVersion version) {
            return new Next(s, Optional.of(item), Optional.of(version));
        }
    }

    /** The session's open question, or a new pick; or the session ended (then no question). */
    public Next next(UUID sessionId, String callerId, boolean admin) {
        PracticeSession s = ownedForChange(sessionId, callerId, admin);
        if (!s.active()) {
            return Next.ended(s);
        }
        List<PracticeItem> items = itemsOf(s.id);
        Optional<PracticeItem> open = items.stream().filter(i -> !i.answered()).findFirst();
        if (open.isPresent()) {
            return Next.given(s, open.get(), QuestionVersion.findById(open.get().questionVersionId));
        }
        OffsetDateTime now = now();
        if (items.size() >= s.maxQuestions) {
            s.end("question-limit", now);
            return Next.ended(s);
        }
        Snapshot snapshot = snapshots.of(s.learnerId).orElse(null);
        Set<UUID> targets = Set.of(s.targetSkillIds);
        Set<UUID> mastered = new HashSet<>();
        Map<UUID, Double> estimates = new HashMap<>();
        if (snapshot != null) {
            estimates.putAll(snapshot.estimates());
            targets.stream().filter(snapshot.mastered()::contains).forEach(mastered::add);
        }
        Set<UUID> given = new HashSet<>();
        items.forEach(i -> given.add(i.questionId));
        boolean reviews = Target.REVIEWS.value().equals(s.target);
        if (reviews) {
            // the targets are mastered skills: each is done once it was reviewed (answered) in this session
            mastered.clear();
            items.stream().filter(PracticeItem::answered).forEach(i -> mastered.add(i.skillId));
        }
        PracticePicker.Context context = new PracticePicker.Context(targets, estimates,
                EstimateSnapshots.UNKNOWN_ESTIMATE, mastered, given, now.toInstant(), recent, s.targetChance);
        long picking = System.nanoTime();
        PracticePicker.Result result = PracticePicker.pick(candidates(s.learnerId, s.targetSkillIds, now), context);
        pickTimer.record(System.nanoTime() - picking, TimeUnit.NANOSECONDS);
        if (result.pick().isEmpty()) {
            s.end(result.empty() == PracticePicker.Empty.TARGET_MASTERED ? reviews ? "reviews-done" : "target-mastered"
                    : "pool-exhausted", now);
            return Next.ended(s);
        }
        PracticePicker.Pick pick = result.pick().get();
        // a share lock: an edit of the question waits until the session has recorded the version it gives
        Question question = Question.findById(pick.question().questionId(), LockModeType.PESSIMISTIC_READ);
        QuestionVersion version = question.current();
        if (!version.id.equals(pick.question().versionId())) {
            // edited after the pool was read: read it afresh and pick again with the new version
            pool.forget();
            return next(sessionId, callerId, admin);
        }
        PracticeItem item = new PracticeItem();
        item.id = UUID.randomUUID();
        item.sessionId = s.id;
        item.position = items.size() + 1;
        item.questionId = question.id;
        item.questionVersionId = version.id;
        item.skillId = pick.skill();
        item.skillEstimate = pick.skillEstimate();
        item.predicted = pick.predicted();
        item.guess = pick.question().guess();
        item.slip = pick.question().slip();
        item.difficulty = Double.isNaN(pick.question().difficulty()) ? null : pick.question().difficulty();
        item.parameters = item.difficulty == null ? "shape" : "fitted";
        item.optionOrder = JsonColumns.write(Attempts.optionOrder(version, true));
        item.servedAt = now;
        item.persist();
        return Next.given(s, item, version);
    }

    /** Grades the answer to the session's open question; the second answer to a question is refused (one counts). */
    public PracticeItem answer(UUID sessionId, UUID questionId, String callerId, boolean admin, Answer answer) {
        PracticeSession s = ownedForChange(sessionId, callerId, admin);
        PracticeItem item = PracticeItem.find("sessionId = ?1 and questionId = ?2", s.id, questionId).firstResult();
        if (item == null) {
            throw ProblemException.notFound("Question " + questionId + " was not given in this practice session.");
        }
        if (item.answered()) {
            throw ProblemException.conflict(ProblemType.ALREADY_ANSWERED, "Question " + questionId
                    + " was answered in this session at " + item.answeredAt + "; only the first answer counts.");
        }
        if (!s.active()) {
            throw ProblemException.conflict(ProblemType.PRACTICE_ENDED, "This practice session ended ("
                    + s.endReason + "); start a new one to go on.");
        }
        QuestionVersion v = QuestionVersion.findById(item.questionVersionId);
        QuestionBody body = JsonColumns.body(v.body);
        var problems = Grading.check(v.type, body, answer);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("The answer does not fit this " + v.type.value().replace('_', ' ')
                    + " question.", problems);
        }
        OffsetDateTime now = now();
        Grading.Grade grade = Grading.grade(v.type, body, answer);
        item.answer = JsonColumns.write(answer);
        item.answeredAt = now;
        item.credit = grade.credit();
        item.correct = grade.correct();
        s.answered++;
        if (grade.correct()) {
            s.correct++;
        }
        if (s.answered >= s.maxQuestions) {
            s.end("question-limit", now);
        }
        QuizAttemptGraded.Answer observation = Attempts.observation(item.questionId, true, v, body, grade);
        events.practiced(s, item.position, observation, now.toInstant());
        return item;
    }

    /** Ends the session at the learner's request; ending an ended session changes nothing. */
    public PracticeSession end(UUID sessionId, String callerId, boolean admin) {
        PracticeSession s = ownedForChange(sessionId, callerId, admin);
        if (s.active()) {
            s.end("by-learner", now());
        }
        return s;
    }

    /** The session if the caller may read it: its learner or an admin; anyone else gets the 404 of a wrong id. */
    public PracticeSession owned(UUID sessionId, String callerId, boolean admin) {
        PracticeSession s = PracticeSession.findById(sessionId);
        if (s == null || !(s.learnerId.equals(callerId) || admin)) {
            throw ProblemException.notFound("There is no practice session " + sessionId + ".");
        }
        return s;
    }

    public List<PracticeItem> itemsOf(UUID sessionId) {
        return PracticeItem.list("sessionId = ?1 order by position", sessionId);
    }

    /**
     * The session, under its row lock, if the caller may use it: only its learner (an admin who may read it gets a
     * 403; anyone else the 404 of a wrong id).
     */
    private PracticeSession ownedForChange(UUID sessionId, String callerId, boolean admin) {
        PracticeSession s = owned(sessionId, callerId, admin);
        em.refresh(s, LockModeType.PESSIMISTIC_WRITE);
        if (!s.learnerId.equals(callerId)) {
            throw ProblemException.forbidden("Only the learner of practice session " + sessionId
                    + " can take its questions or answer them; admins can read it.");
        }
        return s;
    }

    /**
     * The current version of every question tagged with a target skill, with the learner model's fit of it (else its
     * shape's starting guess and slip), and when this learner was last given it within the recent window, in a quiz
     * attempt or a practice session. The pool comes from {@link PracticePool}; the one query per pick is
     * {@link #SEEN}, what this learner was given since {@code now - recent} (an index range on each side).
     */
    List<Candidate> candidates(String learnerId, UUID[] targets, OffsetDateTime now) {
        List<PracticePool.Entry> entries = pool.of(new LinkedHashSet<>(List.of(targets)));
        Map<UUID, Instant> seen = new HashMap<>();
        OffsetDateTime since = now.minus(recent);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SEEN)) {
            ps.setString(1, learnerId);
            ps.setObject(2, since);
            ps.setString(3, learnerId);
            ps.setObject(4, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.put(rs.getObject("question_id", UUID.class), rs.getObject("at", OffsetDateTime.class)
                            .toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the questions the learner saw: " + e.getMessage(), e);
        }
        List<Candidate> candidates = new ArrayList<>(entries.size());
        for (PracticePool.Entry e : entries) {
            candidates.add(new Candidate(e.questionId(), e.versionId(), e.skills(), e.guess(), e.slip(),
                    e.difficulty(), seen.get(e.questionId())));
        }
        return candidates;
    }

    /**
     * What the learner was given since a time, each question once with the latest time, in practice sessions and quiz
     * attempts; bench/practice.sh reads it from this file to time it in psql. Parameters: learner, since, learner,
     * since.
     */
    static final String SEEN = """
            select question_id, max(at) as at from (
                select i.question_id, i.served_at as at from practice_item i
                join practice_session s on s.id = i.session_id where s.learner_id = ? and i.served_at >= ?
                union all
                select q.question_id, a.started_at from attempt_question q
                join attempt a on a.id = q.attempt_id where a.learner_id = ? and a.started_at >= ?) given
            group by question_id
            """;

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
