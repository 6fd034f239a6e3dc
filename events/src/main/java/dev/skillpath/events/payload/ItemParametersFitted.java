package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * The learner model's parameters of one question version after a fit (docs/learning.md, "Question parameters"):
 * guess and slip of the noisy-AND emission and the Elo-style difficulty, the logit of the share of wrong answers.
 *
 * @param answers the answers to this version the fit used
 */
public record ItemParametersFitted(UUID questionId, int questionVersion, double guess, double slip,
        double difficulty, int answers, long fitId, Instant fittedAt) {
}
