package dev.skillpath.platform.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A learner's memory of one mastered skill (docs/learning.md, "Forgetting and reviews"): the FSRS state after the
 * reviews so far, how many there were, how many of them were lapses, and when the last one was. The rules are the
 * ones skills-service applies and the learning evaluation simulates:
 * <ul>
 * <li>the memory starts when the skill is first mastered, as a first FSRS review at that moment rated by the
 * evidence that mastered it ({@link #rating}; {@link Fsrs#GOOD} when the graph mastered it without an answer on
 * it);</li>
 * <li>after that, every event with graded answers on the skill (an attempt, a practice answer) is one review, rated
 * by its answers on the skill; the elapsed time is counted in whole days, as the references do;</li>
 * <li>a review is due at the FSRS interval after the last review (the chance of recall then is the requested
 * retention); until then the skill's estimate is the estimate at the last evidence times the chance of recall now
 * ({@link #decayed}), the chance that what was shown is still known.</li>
 * </ul>
 * Immutable; plain Java, so the service and the evaluation share it.
 *
 * @param state        stability and difficulty after the last review
 * @param reviews      reviews so far, the first (the mastery) included
 * @param lapses       reviews rated {@link Fsrs#AGAIN}
 * @param lastReviewAt when the last review was
 */
public record SkillMemory(Fsrs.State state, int reviews, int lapses, Instant lastReviewAt) {

    private static final double SECONDS_PER_DAY = 86_400;

    public SkillMemory {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastReviewAt, "lastReviewAt");
        if (reviews < 1 || lapses < 0 || lapses > reviews) {
            throw new IllegalArgumentException("a memory has at least one review and at most as many lapses, was "
                    + reviews + " reviews, " + lapses + " lapses");
        }
    }

    /**
     * The rating of one event's answers on a skill: every one right {@link Fsrs#GOOD}, none right
     * {@link Fsrs#AGAIN}, some right {@link Fsrs#HARD} (recalled, with trouble).
     *
     * @param right    answers on the skill that were right
     * @param answered answers on the skill, at least one
     */
    public static int rating(int right, int answered) {
        if (answered < 1 || right < 0 || right > answered) {
            throw new IllegalArgumentException("a rating needs at least one answer and at most as many right, was "
                    + right + " of " + answered);
        }
        return right == answered ? Fsrs.GOOD : right == 0 ? Fsrs.AGAIN : Fsrs.HARD;
    }

    /** The memory a skill gets when it is first mastered, at {@code at}, rated {@code rating}. */
    public static SkillMemory first(Fsrs fsrs, int rating, Instant at) {
        return new SkillMemory(fsrs.first(rating), 1, rating == Fsrs.AGAIN ? 1 : 0, at);
    }

    /**
     * The memory after one more review at {@code at}. A review less than a whole day after the last is a same-day
     * review (FSRS's short-term stability); so is one stamped before the last (evidence that arrived late), which
     * counts at the last one's time.
     */
    public SkillMemory review(Fsrs fsrs, int rating, Instant at) {
        Instant when = at.isBefore(lastReviewAt) ? lastReviewAt : at;
        double elapsed = Fsrs.wholeDaysBetween(lastReviewAt, when);
        return new SkillMemory(fsrs.review(state, rating, elapsed), reviews + 1,
                lapses + (rating == Fsrs.AGAIN ? 1 : 0), when);
    }

    /** When the next review is due: the FSRS interval at the requested retention after the last review. */
    public Instant due(Fsrs fsrs) {
        return fsrs.due(lastReviewAt, state);
    }

    /** Whether a review is due at {@code now}. */
    public boolean isDue(Fsrs fsrs, Instant now) {
        return !now.isBefore(due(fsrs));
    }

    /**
     * The chance of recall at {@code now} on FSRS's forgetting curve, with the time since the last review in days
     * and fractions of a day (so the figure falls smoothly; a time before the last review counts as none).
     */
    public double retrievability(Fsrs fsrs, Instant now) {
        Duration since = Duration.between(lastReviewAt, now);
        double days = since.isNegative() ? 0 : since.toMillis() / 1000.0 / SECONDS_PER_DAY;
        return fsrs.retrievability(days, state.stability());
    }

    /**
     * The estimate that the learner knows the skill now: the estimate at the last evidence times the chance that it
     * was kept since, {@code estimate × R}.
     */
    public static double decayed(double estimate, double retrievability) {
        if (!(estimate >= 0 && estimate <= 1) || !(retrievability >= 0 && retrievability <= 1)) {
            throw new IllegalArgumentException("estimate and retrievability are probabilities, were " + estimate
                    + " and " + retrievability);
        }
        return estimate * retrievability;
    }
}
