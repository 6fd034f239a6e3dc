package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An attempt was graded on the server (version 2): each answer is one observation of its question, and carries
 * what a learner model needs to weigh it: the question's type and shape (how easily it is guessed).
 */
public record QuizAttemptGraded(String learnerId, UUID quizId, UUID attemptId, double score, double maxScore,
        boolean passed, List<Answer> answers, Instant gradedAt) {

    /**
     * One graded answer. {@code credit} is the fraction of the question's points earned, 0..1, and {@code correct}
     * means full credit. {@code options} is the number of options (choice questions) or items (ordering), 0 for
     * the other types; {@code correctOptions} the number of correct options (choice questions), else 0.
     * {@code answered} is false when the learner left the question blank (graded wrong).
     */
    public record Answer(UUID questionId, int questionVersion, String questionType, int options, int correctOptions,
            boolean answered, boolean correct, double credit, List<UUID> skillIds) {
    }
}
