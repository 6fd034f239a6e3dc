package dev.skillpath.events.payload;

import java.util.UUID;

/** A quiz is no longer offered to learners. */
public record QuizRetired(UUID quizId) {
}
