package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Version 1 of {@code quiz.attempt.graded}: no longer published, still read (docs/events.md, "Versions"). */
public record QuizAttemptGradedV1(String learnerId, UUID quizId, UUID attemptId, double score, double maxScore,
        boolean passed, List<Answer> answers, Instant gradedAt) {

    /** One graded answer: credit is the fraction of the question's points earned, 0..1. */
    public record Answer(UUID questionId, int questionVersion, boolean correct, double credit, List<UUID> skillIds) {
    }
}
