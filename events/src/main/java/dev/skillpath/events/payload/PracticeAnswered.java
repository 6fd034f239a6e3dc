package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * A learner answered one question of a practice session; it was graded at once and the learner saw the correct
 * answer and the feedback, so it is one observation of the question followed by a learning opportunity for its
 * skills (docs/learning.md). The answer carries the question's shape like a graded attempt's answers do.
 */
public record PracticeAnswered(String learnerId, UUID sessionId, int position, QuizAttemptGraded.Answer answer,
        Instant answeredAt) {
}
