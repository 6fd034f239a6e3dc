package dev.skillpath.events.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * A mastered skill's review fell due: the learner's chance of recall has fallen to the requested retention
 * (FSRS-6, docs/learning.md "Forgetting and reviews"). Announced once per learner, skill and due date.
 *
 * @param dueAt        when the review fell due
 * @param lastReviewAt the review (or the mastery) it is scheduled from
 * @param stability    days until the chance of recall falls to 90 %, after the last review
 * @param difficulty   1 (easiest) … 10 (hardest)
 * @param reviews      reviews so far, the mastery included
 * @param lapses       reviews answered wrong
 * @param retention    the requested retention the due date was scheduled for
 */
public record ReviewDue(String learnerId, UUID skillId, String skillSlug, Instant dueAt, Instant lastReviewAt,
        double stability, double difficulty, int reviews, int lapses, double retention) {
}
