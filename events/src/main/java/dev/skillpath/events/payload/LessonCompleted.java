package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A learner finished a published version of a lesson. Evidence of a learning step for each tagged skill. */
public record LessonCompleted(String learnerId, UUID lessonId, String lessonSlug, int version,
        List<UUID> skillIds, Instant completedAt) {
}
