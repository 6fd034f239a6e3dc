package dev.skillpath.quiz.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A question version's flag: raised once, by the first quiz whose figures for the version crossed a threshold with
 * at least {@link ItemSums#MIN_ATTEMPTS_TO_FLAG} counted first attempts, with the figures of that grading. A new
 * version of the question starts unflagged; the old version keeps its flag as history.
 *
 * @param reasons        {@code too-easy}, {@code too-hard}, {@code poor-discrimination}
 * @param facility       0..1, rounded to 4 decimals
 * @param discrimination −1..1, rounded to 4 decimals; null when undefined
 */
public record QuestionFlag(UUID questionVersionId, UUID questionId, int questionVersion, UUID quizId,
        List<String> reasons, int firstAttempts, double facility, Double discrimination, OffsetDateTime flaggedAt) {
}
