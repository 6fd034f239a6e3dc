package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.UUID;

/** A learner's estimated probability of knowing a skill changed, and what caused it. */
public record SkillMasteryChanged(String learnerId, UUID skillId, String skillSlug, double previousProbability,
        double probability, boolean mastered, UUID causeEventId, String causeType, Instant changedAt) {
}
