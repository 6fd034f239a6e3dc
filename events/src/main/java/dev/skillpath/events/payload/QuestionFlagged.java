package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A question version crossed a flag threshold of the item statistics with enough first attempts
 * (docs/quiz.md, "Items measured live"); it is flagged once, until a new version clears it.
 *
 * @param reasons        {@code too-easy}, {@code too-hard}, {@code poor-discrimination}
 * @param firstAttempts  the first attempts the figures rest on
 * @param facility       mean fraction of the points earned, 0..1
 * @param discrimination item–rest correlation, null when undefined
 */
public record QuestionFlagged(UUID questionId, int questionVersion, List<String> reasons, int firstAttempts,
        Double facility, Double discrimination, Instant flaggedAt) {
}
