package dev.skillpath.quiz.events;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.events.payload.QuestionFlagged;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizPublished;
import dev.skillpath.events.payload.QuizRetired;
import dev.skillpath.quiz.domain.Attempt;
import dev.skillpath.quiz.domain.QuestionFlag;
import dev.skillpath.quiz.domain.Quiz;
import dev.skillpath.quiz.practice.PracticeSession;

/**
 * What quiz-service announces, always through the outbox in the caller's transaction: quizzes published,
 * changed while published, or retired on {@code skillpath.catalog} (key = quiz id), and graded attempts on
 * {@code skillpath.progress} (key = learner id), as {@code quiz.attempt.graded.v2} only: v1 is no longer published
 * (docs/events.md, "Versions"); each practice answer as {@code quiz.practice.answered.v1} (key = learner id);
 * question versions flagged by the item statistics on {@code skillpath.catalog} (key = question id).
 */
@ApplicationScoped
public class QuizEvents {

    @Inject
    OutboxWriter outbox;

    public void published(Quiz quiz) {
        outbox.publish(EventTypes.QUIZ_PUBLISHED, quiz.id.toString(), quiz.id.toString(),
                new QuizPublished(quiz.id, quiz.title, List.of(quiz.skillIds)));
    }

    public void retired(Quiz quiz) {
        outbox.publish(EventTypes.QUIZ_RETIRED, quiz.id.toString(), quiz.id.toString(), new QuizRetired(quiz.id));
    }

    public void graded(Attempt attempt, List<QuizAttemptGraded.Answer> answers) {
        Instant gradedAt = attempt.gradedAt.toInstant();
        outbox.publish(EventTypes.QUIZ_ATTEMPT_GRADED, attempt.learnerId, attempt.id.toString(),
                new QuizAttemptGraded(attempt.learnerId, attempt.quizId, attempt.id, attempt.score, attempt.maxScore,
                        attempt.passed, answers, gradedAt));
    }

    public void practiced(PracticeSession session, int position, QuizAttemptGraded.Answer answer, Instant at) {
        outbox.publish(EventTypes.PRACTICE_ANSWERED, session.learnerId, session.id.toString(),
                new PracticeAnswered(session.learnerId, session.id, position, answer, at));
    }

    /** A question version's flag was raised (once: the caller announces only the flag it inserted). */
    public void flagged(QuestionFlag flag) {
        outbox.publish(EventTypes.QUESTION_FLAGGED, flag.questionId().toString(), flag.questionId().toString(),
                new QuestionFlagged(flag.questionId(), flag.questionVersion(), flag.reasons(), flag.firstAttempts(),
                        flag.facility(), flag.discrimination(), flag.flaggedAt().toInstant()));
    }
}
