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
import dev.skillpath.quiz.store.ItemParameterStore;
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
    /** Before a fit, a question's slip is the skills' starting slip (docs/learning.md, "Question parameters"). */
    public static final double STARTING_SLIP = 0.1;

    @Inject
    EntityManager em;

    @Inject
    EstimateSnapshots snapshots;

    @Inject
    QuizEvents events;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    VersionShapes shapes;

    /**
     * {@code skillpath_practice_pick_seconds}: the pick itself (the candidate query and {@link PracticePicker}), a
     * histogram so that a bench can tell its p99 from the whole request's (docs/benchmarks.md, "Practice").
     */
    private final Timer pickTimer;

    @Inject
    Practice(MeterRegistry registry) {
        this.pickTimer = Timer.builder("skillpath.practice.pick")
                .description("Picking a practice session's next question: the candidate query and the picker")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
    }

    /** A question the learner saw less than this long ago (in a quiz or a session) is not given again. */
    @ConfigProperty(name = "skillpath.practice.recent", defaultValue = "P1D")
    Duration recent;

    /** Starts a session for a skill (resolved by the caller) or, with {@code skill} null, the learner's frontier. */
    public PracticeSession start(String learnerId, UUID skill, Integer maxQuestions, Double targetChance) {
        UUID[] targets;
        if (skill != null) {
            targets = new UUID[] {skill};
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
        s.target = skill != null ? "skill" : "frontier";
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
        PracticePicker.Context context = new PracticePicker.Context(targets, estimates,
                EstimateSnapshots.UNKNOWN_ESTIMATE, mastered, given, now.toInstant(), recent, s.targetChance);
        long picking = System.nanoTime();
        PracticePicker.Result result = PracticePicker.pick(candidates(s.learnerId, s.targetSkillIds), context);
        pickTimer.record(System.nanoTime() - picking, TimeUnit.NANOSECONDS);
        if (result.pick().isEmpty()) {
            s.end(result.empty() == PracticePicker.Empty.TARGET_MASTERED ? "target-mastered" : "pool-exhausted", now);
            return Next.ended(s);
        }
        PracticePicker.Pick pick = result.pick().get();
        // a share lock: an edit of the question waits until the session has recorded the version it gives
        Question question = Question.findById(pick.question().questionId(), LockModeType.PESSIMISTIC_READ);
        QuestionVersion version = question.current();
        if (!version.id.equals(pick.question().versionId())) {
            // edited between the read and the lock: pick again next time with the new version
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
     * shape's starting guess and slip), and when this learner was last given it, in a quiz attempt or a practice
     * session. One query of ids, times and fitted values (it reads {@code item_parameter}, the table
     * {@link ItemParameterStore} documents, by join); the versions' skills and shapes come from {@link VersionShapes}.
     */
    List<Candidate> candidates(String learnerId, UUID[] targets) {
        record Row(UUID question, VersionShapes.Key version, Instant lastSeen, Double guess, double slip,
                double difficulty) {
        }
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
            ps.setString(1, learnerId);
            ps.setString(2, learnerId);
            ps.setArray(3, c.createArrayOf("uuid", new LinkedHashSet<>(List.of(targets)).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime seen = rs.getObject("seen_at", OffsetDateTime.class);
                    double guess = rs.getDouble("guess");
                    boolean fitted = !rs.wasNull();
                    rows.add(new Row(rs.getObject("question_id", UUID.class), new VersionShapes.Key(
                            rs.getObject("version_id", UUID.class), rs.getObject("edited", OffsetDateTime.class)),
                            seen == null ? null : seen.toInstant(), fitted ? guess : null, rs.getDouble("slip"),
                            rs.getDouble("difficulty")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the practice candidates: " + e.getMessage(), e);
        }
        Map<VersionShapes.Key, VersionShapes.Shape> shapes = this.shapes.of(rows.stream().map(Row::version).toList());
        List<Candidate> candidates = new ArrayList<>(rows.size());
        for (Row r : rows) {
            VersionShapes.Shape shape = shapes.get(r.version());
            candidates.add(r.guess() != null
                    // the learner model's fit of this version (docs/learning.md, "Question parameters")
                    ? new Candidate(r.question(), r.version().version(), shape.skills(), r.guess(), r.slip(),
                            r.difficulty(), r.lastSeen())
                    : new Candidate(r.question(), r.version().version(), shape.skills(), shape.startingGuess(),
                            STARTING_SLIP, Double.NaN, r.lastSeen()));
        }
        return candidates;
    }

    /** The statement {@link #candidates} runs; bench/practice.sh reads it from this file to time it in psql. */
    static final String CANDIDATES = """
            with seen as (
                select question_id, max(at) as at from (
                    select i.question_id, i.served_at as at from practice_item i
                    join practice_session s on s.id = i.session_id where s.learner_id = ?
                    union all
                    select q.question_id, a.started_at from attempt_question q
                    join attempt a on a.id = q.attempt_id where a.learner_id = ?) given
                group by question_id)
            select q.id as question_id, v.id as version_id, q.updated_at as edited, seen.at as seen_at,
                   p.guess, p.slip, p.difficulty
            from question q join question_version v on v.question_id = q.id and v.version = q.current_version
            left join seen on seen.question_id = q.id
            left join item_parameter p on p.question_id = q.id and p.question_version = v.version
            where v.skill_ids && ?
            """;

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
