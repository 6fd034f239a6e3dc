package dev.skillpath.events.payload;

import java.util.List;
import java.util.UUID;

/** A lesson version became what learners read. */
public record LessonPublished(UUID lessonId, String slug, int version, String title, String level,
        List<UUID> skillIds) {
}
