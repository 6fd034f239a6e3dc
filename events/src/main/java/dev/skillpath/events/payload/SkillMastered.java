package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.UUID;

/** A learner's mastery estimate of a skill crossed the mastery threshold. */
public record SkillMastered(String learnerId, UUID skillId, String skillSlug, double probability,
        Instant masteredAt) {
}
