package dev.skillpath.quiz.domain;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import dev.skillpath.problems.ProblemType;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.quiz.events.QuizEvents;
import dev.skillpath.quiz.store.QuizStore;

/**
 * The attempt lifecycle: start (questions and versions fixed, a deadline), save answers (idempotent, refused
 * after the deadline), submit (graded once, on the server), and grading with what was saved once the deadline
 * has passed. Each grading announces {@code quiz.attempt.graded} and counts in the item statistics
 * ({@link LiveItemStatistics}) in its own transaction.
 */
@ApplicationScoped
@Transactional
public class Attempts {

    private static final Random RANDOM = new SecureRandom();

    @Inject
    QuizStore store;

    @Inject
    QuizEvents events;

    @Inject
    EntityManager em;

    @Inject
    LiveItemStatistics statistics;

    /**
     * A started attempt (or the learner's open one, {@code created} false) with its quiz; for a new one also the
     * questions given and their versions, as the view of it needs them (null for an open one: read them).
     */
    public record Started(Attempt attempt, boolean created, Quiz quiz, List<AttemptQuestion> questions,
            Map<UUID, QuestionVersion> versions) {
    }

    /**
     * Starts an attempt, or returns the learner's open one. 404 for a quiz the caller cannot see, 409 for a quiz
     * that takes no attempts or when the attempts are used up. The learner's attempts at the quiz past their
     * deadline are graded first, and those gradings commit even when the start is then refused (every refusal
     * after them is a {@link ProblemException} thrown before anything else is written).
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Started start(UUID quizId, String learnerId, boolean canAuthor) {
        Quiz quiz = Quiz.findById(quizId);
        if (quiz == null || (quiz.status == QuizStatus.DRAFT && !canAuthor)) {
            throw ProblemException.notFound("There is no quiz " + quizId + ".");
        }
        if (quiz.status == QuizStatus.DRAFT) {
            throw ProblemException.conflict(ProblemType.QUIZ_NOT_PUBLISHED, "The quiz '" + quiz.title
                    + "' is a draft; publish it before taking it.");
        }
        if (quiz.status == QuizStatus.RETIRED) {
            throw ProblemException.conflict(ProblemType.QUIZ_RETIRED, "The quiz '" + quiz.title + "' is retired and takes no new attempts.");
        }
        // one start at a time per learner and quiz, so two clicks cannot exceed the limit or open two attempts
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "quiz.attempt:" + quizId + ":" + learnerId).getSingleResult();
        OffsetDateTime now = now();
        List<Attempt> previous = store.attemptsOf(quizId, learnerId);
        for (Attempt open : previous) {
            if (!open.graded()) {
                // a read, the sweep or a submit may be grading it right now: wait for it and see what it left
                em.refresh(open, LockModeType.PESSIMISTIC_WRITE);
            }
            if (!open.graded()) {
                if (!open.expired(now)) {
                    return new Started(open, false, quiz, null, null);
                }
                grade(open, true, now);
            }
        }
        if (quiz.maxAttempts != null && previous.size() >= quiz.maxAttempts) {
            throw ProblemException.conflict(ProblemType.ATTEMPT_LIMIT, "This quiz allows " + quiz.maxAttempts + " attempt"
                    + (quiz.maxAttempts == 1 ? "" : "s") + " and you have used " + (quiz.maxAttempts == 1 ? "it" : "all " + quiz.maxAttempts) + ".");
        }
        List<UUID> questionIds = chooseQuestions(quiz);
        if (questionIds.isEmpty()) {
            throw ProblemException.conflict(ProblemType.QUIZ_EMPTY, "The quiz '" + quiz.title + "' has no questions to give.");
        }
        Attempt attempt = new Attempt();
        attempt.id = UUID.randomUUID();
        attempt.quizId = quiz.id;
        attempt.learnerId = learnerId;
        attempt.number = previous.size() + 1;
        attempt.status = AttemptStatus.IN_PROGRESS;
        attempt.startedAt = now;
        attempt.deadline = quiz.timeLimitSeconds == null ? null : now.plusSeconds(quiz.timeLimitSeconds);
        attempt.passMark = quiz.passMark;
        attempt.reviewPolicy = quiz.reviewPolicy;
        attempt.byAuthor = canAuthor; // the sweep that may grade it has no caller to ask
        List<AttemptQuestion> given = new ArrayList<>();
        double maxScore = 0;
        int position = 1;
        Map<UUID, QuestionVersion> current = currentVersionsLocked(questionIds);
        for (UUID questionId : questionIds) {
            QuestionVersion version = current.get(questionId);
            AttemptQuestion aq = new AttemptQuestion();
            aq.id = UUID.randomUUID();
            aq.attemptId = attempt.id;
            aq.position = position++;
            aq.questionId = questionId;
            aq.questionVersionId = version.id;
            aq.optionOrder = JsonColumns.write(optionOrder(version, quiz.shuffleOptions));
            given.add(aq);
            maxScore += version.points;
        }
        attempt.maxScore = maxScore;
        attempt.persist();
        em.flush();
        given.forEach(aq -> aq.persist());
        Map<UUID, QuestionVersion> versions = new HashMap<>();
        current.values().forEach(v -> versions.put(v.id, v));
        return new Started(attempt, true, quiz, given, versions);
    }

    /**
     * The current version of each question, the questions under a share lock: an edit of one waits until the attempt
     * has recorded the version it gives. Two statements whatever the number of questions.
     */
    private Map<UUID, QuestionVersion> currentVersionsLocked(List<UUID> questionIds) {
        em.createQuery("select q from Question q where q.id in ?1", Question.class).setParameter(1, questionIds)
                .setLockMode(LockModeType.PESSIMISTIC_READ).getResultList();
        Map<UUID, QuestionVersion> current = new HashMap<>();
        em.createQuery("select v from QuestionVersion v, Question q where q.id in ?1 and v.questionId = q.id"
                + " and v.version = q.currentVersion", QuestionVersion.class).setParameter(1, questionIds)
                .getResultList().forEach(v -> current.put(v.questionId, v));
        return current;
    }

    /** A saved answer and the deadline of its attempt (null without a time limit). */
    public record Saved(AttemptQuestion answer, OffsetDateTime deadline) {
    }

    /**
     * The 409 of a save that came too late. When the save found the deadline passed and graded the attempt, the
     * grading commits with this answer ({@code dontRollbackOn}): the attempt is graded with what was saved before,
     * its event announced, whatever the learner sends next.
     */
    public static final class TimeRanOut extends ProblemException {
        TimeRanOut(Attempt attempt) {
            super(ProblemType.ATTEMPT_EXPIRED, "The time for this attempt ran out at " + attempt.deadline
                    + "; it is graded with the answers saved before then.");
        }
    }

    /**
     * Saves (or replaces) the answer to one question of an open attempt, in one transaction of three statements:
     * the attempt under its row lock (a submit or the sweep grading it waits, or is waited for), the attempt's
     * question with the version it gives, and the update. An attempt past its deadline is graded here, first.
     */
    @Transactional(dontRollbackOn = TimeRanOut.class)
    public Saved save(UUID attemptId, UUID questionId, String callerId, boolean admin, Answer answer) {
        Attempt attempt = ownedForChange(attemptId, callerId, admin);
        OffsetDateTime now = now();
        if (attempt.expired(now)) {
            grade(attempt, true, now);
        }
        if (attempt.graded() && attempt.autoSubmitted) {
            throw new TimeRanOut(attempt);
        }
        if (attempt.graded()) {
            throw ProblemException.conflict(ProblemType.ATTEMPT_CLOSED, "This attempt was submitted and graded; its answers can no longer change.");
        }
        Object[] given = em.createQuery("select aq, v from AttemptQuestion aq, QuestionVersion v"
                + " where aq.attemptId = ?1 and aq.questionId = ?2 and v.id = aq.questionVersionId", Object[].class)
                .setParameter(1, attemptId).setParameter(2, questionId)
                .getResultStream().findFirst().orElseThrow(
                        () -> ProblemException.notFound("Question " + questionId + " is not part of this attempt."));
        AttemptQuestion aq = (AttemptQuestion) given[0];
        QuestionVersion version = (QuestionVersion) given[1];
        var problems = Grading.check(version.type, JsonColumns.body(version.body), answer);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("The answer does not fit this " + version.type.value().replace('_', ' ')
                    + " question.", problems);
        }
        aq.answer = JsonColumns.write(answer);
        aq.answeredAt = now;
        em.flush();
        return new Saved(aq, attempt.deadline);
    }

    /** Submits and grades an attempt; submitting a graded attempt returns it as it is, graded once. */
    public Attempt submit(UUID attemptId, String callerId, boolean admin) {
        Attempt attempt = ownedForChange(attemptId, callerId, admin);
        if (!attempt.graded()) {
            OffsetDateTime now = now();
            grade(attempt, attempt.expired(now), now);
        }
        return attempt;
    }

    /** Grades the attempt with what was saved if its deadline has passed; returns whether it did. */
    public boolean gradeIfExpired(UUID attemptId) {
        Attempt attempt = locked(attemptId);
        OffsetDateTime now = now();
        if (attempt == null || !attempt.expired(now)) {
            return false;
        }
        grade(attempt, true, now);
        return true;
    }

    /**
     * Grades the attempt with what was saved if its deadline has passed, but only once the caller is known to
     * reach it (its learner, or an admin reading it): anyone else gets the 404 of a wrong id before anything is
     * graded or announced; a stranger's request must not change another learner's attempt, even to a result it
     * was bound to reach.
     */
    public void gradeIfExpired(UUID attemptId, String callerId, boolean admin) {
        Attempt attempt = owned(attemptId, callerId, admin, true);
        OffsetDateTime now = now();
        if (attempt.expired(now)) {
            grade(attempt, true, now);
        }
    }

    /** Open attempts past their deadline, oldest first, for the sweep. */
    public List<UUID> expired() {
        return store.expiredAttempts(100);
    }

    /** The attempt if the caller may see it: its learner, or an admin. Anyone else gets the same 404 as a wrong id. */
    public Attempt owned(UUID attemptId, String callerId, boolean admin, boolean lock) {
        Attempt attempt = lock ? locked(attemptId) : Attempt.findById(attemptId);
        if (attempt == null || !(attempt.learnerId.equals(callerId) || admin)) {
            throw ProblemException.notFound("There is no attempt " + attemptId + ".");
        }
        return attempt;
    }

    /**
     * The attempt, locked, if the caller may change it (save an answer, submit): only its learner. An admin, who may
     * read it, gets a 403 (an attempt's answers are the learner's own work); anyone else the 404 of a wrong id.
     */
    private Attempt ownedForChange(UUID attemptId, String callerId, boolean admin) {
        Attempt attempt = owned(attemptId, callerId, admin, true);
        if (!attempt.learnerId.equals(callerId)) {
            throw ProblemException.forbidden("Only the learner who took attempt " + attemptId
                    + " can save its answers or submit it; admins can read it.");
        }
        return attempt;
    }

    /**
     * The attempt read under a row lock, as it is now. Asking for the lock by id is not enough when this
     * transaction has read the attempt before: Hibernate then locks the copy it holds, checking its version, and a
     * grading committed meanwhile makes that an OptimisticLockException (a 500) instead of a graded attempt to
     * see. Refreshing under the lock waits for such a grading and reads what it left, whatever was read before.
     * When this transaction holds no entity at all (a save, a submit, the sweep: the lock comes first), there is no
     * copy to be stale and one {@code select … for update} does.
     */
    private Attempt locked(UUID attemptId) {
        if (em.unwrap(Session.class).getStatistics().getEntityCount() == 0) {
            return em.find(Attempt.class, attemptId, LockModeType.PESSIMISTIC_WRITE);
        }
        Attempt attempt = Attempt.findById(attemptId);
        if (attempt != null) {
            em.refresh(attempt, LockModeType.PESSIMISTIC_WRITE);
        }
        return attempt;
    }

    private void grade(Attempt attempt, boolean automatically, OffsetDateTime now) {
        List<AttemptQuestion> questions = store.questionsOf(attempt);
        Map<UUID, QuestionVersion> versions = store.versions(questions.stream().map(q -> q.questionVersionId).toList());
        double score = 0;
        List<QuizAttemptGraded.Answer> answers = new ArrayList<>();
        for (AttemptQuestion aq : questions) {
            QuestionVersion v = versions.get(aq.questionVersionId);
            QuestionBody body = JsonColumns.body(v.body);
            Grading.Grade grade = Grading.grade(v.type, body, JsonColumns.answer(aq.answer));
            aq.credit = grade.credit();
            aq.score = grade.credit() * v.points;
            score += aq.score;
            answers.add(observation(aq.questionId, aq.answer != null, v, body, grade));
        }
        attempt.score = Math.round(score * 1_000_000d) / 1_000_000d;
        attempt.passed = attempt.percentage() >= attempt.passMark;
        attempt.status = AttemptStatus.GRADED;
        attempt.autoSubmitted = automatically;
        attempt.submittedAt = automatically ? attempt.deadline : now;
        attempt.gradedAt = now;
        em.flush();
        events.graded(attempt, answers);
        // last: the quiz's statistics row stays locked until the commit, so gradings of one quiz queue there briefly
        statistics.count(attempt, questions, versions);
    }

    /**
     * One answer of the {@code quiz.attempt.graded} event (v2): one observation of the question as the attempt was
     * given it, with its type and shape (options or items, correct options), whether the learner saved an answer
     * (an unanswered question has none and is graded wrong), and each skill the version is tagged with once, in
     * tag order. A practice answer is the same observation.
     */
    public static QuizAttemptGraded.Answer observation(UUID questionId, boolean answered, QuestionVersion v,
            QuestionBody body, Grading.Grade grade) {
        List<QuestionBody.Option> options = body.optionsOrEmpty();
        int shown = switch (v.type) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE, ORDERING -> options.size();
            case TRUE_FALSE, SHORT_TEXT, NUMERIC -> 0;
        };
        int correctOptions = switch (v.type) {
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> (int) options.stream().filter(QuestionBody.Option::isCorrect).count();
            case TRUE_FALSE, SHORT_TEXT, NUMERIC, ORDERING -> 0;
        };
        List<UUID> skillIds = v.skillIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(Arrays.asList(v.skillIds)));
        return new QuizAttemptGraded.Answer(questionId, v.version, v.type.value(), shown, correctOptions,
                answered, grade.correct(), grade.credit(), skillIds);
    }

    private List<UUID> chooseQuestions(Quiz quiz) {
        List<UUID> ids;
        if (quiz.drawsAtRandom()) {
            ids = new ArrayList<>(store.pool(quiz.drawSkillId));
            Collections.shuffle(ids, RANDOM);
            ids = new ArrayList<>(ids.subList(0, Math.min(quiz.drawCount, ids.size())));
        } else {
            ids = new ArrayList<>(store.questionsOf(quiz.id).stream().map(q -> q.questionId).toList());
            if (quiz.shuffleQuestions) {
                Collections.shuffle(ids, RANDOM);
            }
        }
        return ids;
    }

    /**
     * The order options are shown in: ordering items always shuffled, choice options when the quiz says so. The
     * shuffle is uniform, the correct order included (probability 1/n!): steering away from it would tell a
     * learner, over retakes, the one order that is not shown, which is the answer (with 2 items, at the first
     * look). An ordering question has at least 3 items, so a blind guess is right at most 1 time in 6.
     */
    public static List<String> optionOrder(QuestionVersion version, boolean shuffle) {
        return optionOrder(version, shuffle, RANDOM);
    }

    /** {@link #optionOrder(QuestionVersion, boolean)} with a random source of the caller's (a seeded one in tests). */
    static List<String> optionOrder(QuestionVersion version, boolean shuffle, Random random) {
        List<QuestionBody.Option> options = JsonColumns.body(version.body).optionsOrEmpty();
        if (options.isEmpty()) {
            return null;
        }
        List<String> order = new ArrayList<>(options.stream().map(QuestionBody.Option::id).toList());
        if (version.type == QuestionType.ORDERING || shuffle) {
            Collections.shuffle(order, random);
        }
        return order;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
