package dev.skillpath.events.payload;

import java.util.UUID;

/** A lesson is no longer offered to learners. */
public record LessonRetired(UUID lessonId, String slug) {
}
