package dev.skillpath.events.payload;

import java.util.List;
import java.util.UUID;

/** A quiz became available to learners, or changed while available. */
public record QuizPublished(UUID quizId, String title, List<UUID> skillIds) {
}
