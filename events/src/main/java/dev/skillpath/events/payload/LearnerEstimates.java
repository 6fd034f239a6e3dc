package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every skill's estimate for one learner after the learner model applied an event (or replayed them after a fit),
 * and the learner's frontier then: a whole snapshot, so a projection keeps only the newest. {@code learnerId} is
 * null in the newcomer baseline ({@code skill.model.baseline}), what the model says of a learner without evidence.
 *
 * @param fitId       the fit whose parameters computed it (0: the defaults, before any fit)
 * @param skills      every skill of the catalogue the model knows, with its estimate
 * @param frontier    the frontier's skill ids, most ready first (docs/learning.md)
 * @param toConfirm   the other skills whose prerequisites are mastered, most probably known first: a newcomer's
 *                    roots are here until a first answer tells (null in events from before it was added)
 * @param causeEventId the event applied (or the fit, for a replay or a baseline)
 */
public record LearnerEstimates(String learnerId, long fitId, List<SkillEstimate> skills, List<UUID> frontier,
        List<UUID> toConfirm, UUID causeEventId, Instant at) {

    /**
     * One skill's estimate: P(known) and whether that is mastery (P ≥ 0.95).
     *
     * @param reviewDueAt when a mastered skill's next review is due (its memory, docs/skills.md "Reviews"); null for
     *                    a skill without a memory, and in events from before it was added
     */
    public record SkillEstimate(UUID skillId, double probability, boolean mastered, Instant reviewDueAt) {

        /** A skill without a memory (no review scheduled). */
        public SkillEstimate(UUID skillId, double probability, boolean mastered) {
            this(skillId, probability, mastered, null);
        }
    }
}
