package dev.skillpath.platform.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The FSRS-6 memory model (Free Spaced Repetition Scheduler, open-spaced-repetition project): how long a learner
 * keeps a skill after reviews of it, as a memory state of stability S (days until the chance of recall falls to
 * 90 %) and difficulty D (1 = easiest … 10 = hardest), and when to review it next so that the chance of recall is
 * still the requested retention. Skills-service keeps one state per learner and mastered skill by the rules of
 * {@link SkillMemory}: each event with graded answers on the skill is one review, rated by its answers on it (all
 * right {@link #GOOD}, none right {@link #AGAIN}, some right {@link #HARD}); this class accepts all four ratings.
 *
 * <p>Only the memory model and the interval are here, not a scheduler's policy around them: no learning or
 * relearning steps (minutes), no fuzz. Every formula follows the two reference implementations, which agree on
 * them except where noted:
 * <ul>
 * <li>py-fsrs 6.3.1, {@code fsrs/scheduler.py} (github.com/open-spaced-repetition/py-fsrs, commit 3abe686);</li>
 * <li>fsrs-rs 6.6.1, {@code src/model.rs} and {@code src/inference.rs}
 * (github.com/open-spaced-repetition/fsrs-rs, commit 0cbb9d3), the engine Anki uses.</li>
 * </ul>
 * Where they differ, this class follows fsrs-rs: a same-day Hard review does not lower stability (py-fsrs 6.3.1
 * only holds Good and Easy at or above the old stability), and stability is kept within [0.001, 36500] days
 * (py-fsrs floors it at 0.001 and has no ceiling).
 *
 * <p>Elapsed time is in days as a double. The references count whole days (py-fsrs takes
 * {@code timedelta.days}, fsrs-rs an integer {@code delta_t}); {@link #wholeDaysBetween} gives that count, and
 * a caller that passes it gets their numbers. A review less than one day after the previous one is a same-day
 * (short-term) review.
 *
 * <p>Plain Java, immutable and thread-safe, so services and the learning evaluation share it.
 */
public final class Fsrs {

    public static final int AGAIN = 1;
    public static final int HARD = 2;
    public static final int GOOD = 3;
    public static final int EASY = 4;

    /** Number of weights of FSRS-6 (w0 … w20). */
    public static final int WEIGHT_COUNT = 21;
    /** The retention intervals aim at unless configured otherwise (the default of py-fsrs and Anki). */
    public static final double DEFAULT_RETENTION = 0.9;
    /** The longest interval in whole days (py-fsrs {@code maximum_interval} default, 100 years). */
    public static final int DEFAULT_MAXIMUM_INTERVAL = 36500;
    /** Stability bounds in days (fsrs-rs {@code S_MIN}, {@code S_MAX}; py-fsrs {@code STABILITY_MIN}). */
    public static final double MIN_STABILITY = 0.001;
    public static final double MAX_STABILITY = 36500;
    public static final double MIN_DIFFICULTY = 1;
    public static final double MAX_DIFFICULTY = 10;

    /**
     * The FSRS-6 default weights w0 … w20: {@code DEFAULT_PARAMETERS} in py-fsrs 6.3.1 {@code fsrs/scheduler.py}
     * and the identical {@code DEFAULT_PARAMETERS} in fsrs-rs 6.6.1 {@code src/inference.rs} (w20 is their
     * {@code FSRS6_DEFAULT_DECAY} = 0.1542). The other set that circulates (0.2172, 1.1771, 3.2602, 16.1507, …,
     * w20 = 0.2) is not the default of either reference implementation.
     */
    private static final double[] DEFAULT_WEIGHTS = {
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    };

    /**
     * A learner's memory of a skill after at least one review.
     *
     * @param stability  days until the chance of recall falls to 90 %
     * @param difficulty 1 (easiest) … 10 (hardest)
     */
    public record State(double stability, double difficulty) {
        public State {
            if (!Double.isFinite(stability) || stability <= 0) {
                throw new IllegalArgumentException("stability must be a positive finite number of days, was "
                        + stability);
            }
            if (!Double.isFinite(difficulty)) {
                throw new IllegalArgumentException("difficulty must be finite, was " + difficulty);
            }
        }
    }

    private final double[] w;
    private final double retention;
    private final int maximumInterval;
    /** decay = w20; factor = 0.9^(−1/decay) − 1, so that R(S, S) = 0.9. */
    private final double decay;
    private final double factor;

    /** The default weights, retention 0.9 and maximum interval 36500 days. */
    public Fsrs() {
        this(DEFAULT_WEIGHTS, DEFAULT_RETENTION, DEFAULT_MAXIMUM_INTERVAL);
    }

    /**
     * @param weights         w0 … w20, for instance fitted to this platform's answers; 21 finite values, w20 (the
     *                        decay) positive
     * @param retention       the chance of recall intervals aim at, in (0, 1)
     * @param maximumInterval the longest whole-day interval, at least 1
     */
    public Fsrs(double[] weights, double retention, int maximumInterval) {
        if (weights == null || weights.length != WEIGHT_COUNT) {
            throw new IllegalArgumentException("FSRS-6 needs " + WEIGHT_COUNT + " weights (w0 … w20), got "
                    + (weights == null ? "none" : weights.length));
        }
        for (int i = 0; i < WEIGHT_COUNT; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight w" + i + " must be finite, was " + weights[i]);
            }
        }
        if (weights[20] <= 0) {
            throw new IllegalArgumentException("weight w20 (the decay) must be positive, was " + weights[20]);
        }
        checkRetention(retention);
        if (maximumInterval < 1) {
            throw new IllegalArgumentException("maximum interval must be at least 1 day, was " + maximumInterval);
        }
        this.w = weights.clone();
        this.retention = retention;
        this.maximumInterval = maximumInterval;
        this.decay = w[20];
        this.factor = Math.pow(0.9, -1 / decay) - 1;
    }

    public static double[] defaultWeights() {
        return DEFAULT_WEIGHTS.clone();
    }

    public double[] weights() {
        return w.clone();
    }

    public double retention() {
        return retention;
    }

    public int maximumInterval() {
        return maximumInterval;
    }

    /** The rating of a graded answer: right is Good, wrong is Again. */
    public static int rating(boolean right) {
        return right ? GOOD : AGAIN;
    }

    // ---- forgetting curve and interval ----------------------------------------------------------------------

    /**
     * The chance of recall t days after the last review: R(t, S) = (1 + factor·t/S)^(−decay), a power curve
     * (py-fsrs {@code get_card_retrievability}, fsrs-rs {@code power_forgetting_curve}).
     */
    public double retrievability(double elapsedDays, double stability) {
        checkElapsed(elapsedDays);
        checkStability(stability);
        return Math.pow(1 + factor * elapsedDays / stability, -decay);
    }

    /** {@link #interval(double, double)} at the configured retention. */
    public double interval(double stability) {
        return interval(stability, retention);
    }

    /**
     * The days after which the chance of recall has fallen to the requested retention r, the inverse of the
     * forgetting curve: t = S/factor · (r^(−1/decay) − 1) (py-fsrs {@code _next_interval} before rounding,
     * fsrs-rs {@code next_interval}). At r = 0.9 it is S itself.
     */
    public double interval(double stability, double requestedRetention) {
        checkStability(stability);
        checkRetention(requestedRetention);
        return stability / factor * (Math.pow(requestedRetention, -1 / decay) - 1);
    }

    /** {@link #intervalDays(double, double)} at the configured retention. */
    public int intervalDays(double stability) {
        return intervalDays(stability, retention);
    }

    /**
     * The interval in whole days as py-fsrs schedules a card in review: rounded, at least 1, at most the maximum
     * interval. (Python's {@code round} takes an exact half to the even neighbour, this one up; the two can differ
     * only when the interval is exactly n + 0.5 days.)
     */
    public int intervalDays(double stability, double requestedRetention) {
        double days = interval(stability, requestedRetention);
        return (int) Math.max(1, Math.min(maximumInterval, Math.round(days)));
    }

    /** When a skill reviewed at {@code reviewedAt}, leaving {@code state}, is next due. */
    public Instant due(Instant reviewedAt, State state) {
        return reviewedAt.plus(Duration.ofDays(intervalDays(state.stability())));
    }

    /** Whole days from one instant to a later one, rounded down, the elapsed time the references count. */
    public static double wholeDaysBetween(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            throw new IllegalArgumentException("the review at " + to + " is before the previous one at " + from);
        }
        return d.toDays();
    }

    // ---- one review ------------------------------------------------------------------------------------------

    /**
     * The state after one review.
     *
     * @param state       the state after the previous review, null before the first
     * @param rating      {@link #AGAIN} … {@link #EASY}
     * @param elapsedDays days since the previous review (ignored for the first)
     */
    public State review(State state, int rating, double elapsedDays) {
        checkRating(rating);
        if (state == null) {
            return first(rating);
        }
        checkElapsed(elapsedDays);
        double s = clampStability(state.stability());
        double d = clampDifficulty(state.difficulty());
        double next;
        if (elapsedDays < 1) {
            next = shortTermStability(s, rating);
        } else {
            double r = retrievability(elapsedDays, s);
            next = rating == AGAIN ? forgetStability(s, d, r) : recallStability(s, d, r, rating);
        }
        return new State(clampStability(next), nextDifficulty(d, rating));
    }

    /** The state after the first review: S0 and D0 of its rating. */
    public State first(int rating) {
        return new State(initialStability(rating), initialDifficulty(rating));
    }

    /** S0(G) = w[G−1], within the stability bounds. */
    public double initialStability(int rating) {
        checkRating(rating);
        return clampStability(w[rating - 1]);
    }

    /** D0(G) = w4 − e^(w5·(G−1)) + 1, clamped to [1, 10]. */
    public double initialDifficulty(int rating) {
        checkRating(rating);
        return clampDifficulty(rawInitialDifficulty(rating));
    }

    /**
     * D'' after a review: the step ΔD = −w6·(G−3) is damped linearly towards 10, D' = D + ΔD·(10 − D)/9, then
     * pulled by w7 towards the unclamped D0(Easy), D'' = w7·D0(4) + (1 − w7)·D', and clamped to [1, 10]
     * (py-fsrs {@code _next_difficulty}, fsrs-rs {@code next_difficulty} + {@code mean_reversion}). Applies to
     * same-day reviews too.
     */
    public double nextDifficulty(double difficulty, int rating) {
        checkRating(rating);
        double d = clampDifficulty(difficulty);
        double delta = -w[6] * (rating - 3);
        double damped = d + delta * (10 - d) / 9;
        return clampDifficulty(w[7] * rawInitialDifficulty(EASY) + (1 - w[7]) * damped);
    }

    /**
     * Stability after a successful review (Hard, Good or Easy) at retrievability R:
     * S' = S·(e^w8 · (11 − D) · S^(−w9) · (e^(w10·(1−R)) − 1) · w15 if Hard · w16 if Easy + 1). It grows more the
     * lower R was (a harder recall), the easier the skill and the smaller S.
     */
    public double recallStability(double stability, double difficulty, double retrievability, int rating) {
        checkRating(rating);
        if (rating == AGAIN) {
            throw new IllegalArgumentException("a successful review is rated 2 (Hard) to 4 (Easy), was 1 (Again)");
        }
        double hardPenalty = rating == HARD ? w[15] : 1;
        double easyBonus = rating == EASY ? w[16] : 1;
        return stability * (Math.exp(w[8]) * (11 - difficulty) * Math.pow(stability, -w[9])
                * (Math.exp(w[10] * (1 - retrievability)) - 1) * hardPenalty * easyBonus + 1);
    }

    /**
     * Stability after a lapse (Again) at retrievability R: w11 · D^(−w12) · ((S + 1)^w13 − 1) · e^(w14·(1−R)),
     * but never above S/e^(w17·w18), which is what a same-day Again would leave (the FSRS-6 form in both
     * references; it is below S since w17, w18 ≥ 0).
     */
    public double forgetStability(double stability, double difficulty, double retrievability) {
        double longTerm = w[11] * Math.pow(difficulty, -w[12]) * (Math.pow(stability + 1, w[13]) - 1)
                * Math.exp(w[14] * (1 - retrievability));
        double shortTermBound = stability / Math.exp(w[17] * w[18]);
        return Math.min(longTerm, shortTermBound);
    }

    /**
     * Stability after a same-day review: S' = S · e^(w17·(G − 3 + w18)) · S^(−w19), the factor floored at 1 for
     * Hard, Good and Easy (fsrs-rs {@code stability_short_term}; py-fsrs 6.3.1 floors it for Good and Easy only),
     * so that only Again lowers stability within a day.
     */
    public double shortTermStability(double stability, int rating) {
        checkRating(rating);
        double increase = Math.exp(w[17] * (rating - 3 + w[18])) * Math.pow(stability, -w[19]);
        return stability * (rating >= HARD ? Math.max(increase, 1) : increase);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private double rawInitialDifficulty(int rating) {
        return w[4] - Math.exp(w[5] * (rating - 1)) + 1;
    }

    private static double clampStability(double s) {
        return Math.max(MIN_STABILITY, Math.min(MAX_STABILITY, s));
    }

    private static double clampDifficulty(double d) {
        return Math.max(MIN_DIFFICULTY, Math.min(MAX_DIFFICULTY, d));
    }

    private static void checkRating(int rating) {
        if (rating < AGAIN || rating > EASY) {
            throw new IllegalArgumentException("rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), was "
                    + rating);
        }
    }

    private static void checkElapsed(double days) {
        if (!Double.isFinite(days) || days < 0) {
            throw new IllegalArgumentException("elapsed time must be a finite number of days ≥ 0, was " + days);
        }
    }

    private static void checkStability(double s) {
        if (!Double.isFinite(s) || s <= 0) {
            throw new IllegalArgumentException("stability must be a positive finite number of days, was " + s);
        }
    }

    private static void checkRetention(double r) {
        if (!(r > 0 && r < 1)) {
            throw new IllegalArgumentException("requested retention must be in (0, 1), was " + r);
        }
    }

    @Override
    public String toString() {
        return "Fsrs[w=" + Arrays.toString(w) + ", retention=" + retention + ", maximumInterval=" + maximumInterval
                + "]";
    }
}
