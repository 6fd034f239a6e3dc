package dev.skillpath.platform.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.Fsrs.State;

/**
 * FSRS-6 against the numbers the reference implementations' own test suites assert with the default weights, then
 * properties that would fail if a formula were wrong.
 *
 * <p>References: fsrs-rs 6.6.1 (github.com/open-spaced-repetition/fsrs-rs, commit 0cbb9d3) and py-fsrs 6.3.1
 * (github.com/open-spaced-repetition/py-fsrs, commit 3abe686). They compute in f32 (fsrs-rs) and compare with an
 * absolute tolerance of 1e-4 (fsrs-rs {@code src/test_helpers.rs}, py-fsrs {@code pytest.approx(abs=1e-4)}); so
 * do these tests.
 */
class FsrsTest {

    /** The references' tolerance. */
    private static final double REF = 1e-4;
    private static final double EXACT = 1e-12;

    private final Fsrs fsrs = new Fsrs();

    // ---- worked values from the reference test suites ------------------------------------------------------

    @Test
    void theDefaultWeightsAreTheFsrs6DefaultsOfPyFsrsAndFsrsRs() {
        // py-fsrs 6.3.1 fsrs/scheduler.py DEFAULT_PARAMETERS = fsrs-rs 6.6.1 src/inference.rs DEFAULT_PARAMETERS
        double[] expected = {0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
            1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};
        assertArrayEquals(expected, Fsrs.defaultWeights(), 0);
        assertArrayEquals(expected, fsrs.weights(), 0);
        assertEquals(0.9, fsrs.retention(), 0);
        assertEquals(36500, fsrs.maximumInterval());
    }

    @Test
    void theForgettingCurveMatchesFsrsRs() {
        // fsrs-rs src/model.rs test_power_forgetting_curve: (t, S) → R with the default weights
        double[][] tS = {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 4}, {5, 2}};
        double[] expected = {1.0, 0.9403443, 0.9253786, 0.9185229, 0.9, 0.8261359};
        for (int i = 0; i < tS.length; i++) {
            assertEquals(expected[i], fsrs.retrievability(tS[i][0], tS[i][1]), REF, "t=" + tS[i][0]);
        }
    }

    @Test
    void theIntervalsForStabilityOneMatchFsrsRs() {
        // fsrs-rs src/inference.rs test_next_interval: S = 1, retention 0.1 … 1.0, interval rounded and at least
        // 1 day, no maximum → [3116766, 34793, 2508, 387, 90, 27, 9, 3, 1, 1]. Retention 1.0 is outside (0, 1)
        // here, so the last value is not checked; the maximum interval is lifted as fsrs-rs applies none.
        int[] expected = {3116766, 34793, 2508, 387, 90, 27, 9, 3, 1};
        Fsrs uncapped = new Fsrs(Fsrs.defaultWeights(), 0.9, Integer.MAX_VALUE);
        // retention 0.1: fsrs-rs computes in f32, which gives 3116765.5 (rounded to 3116766); in double the
        // interval is 3116768.6 days, 1e-6 apart, so this one value is checked to f32 precision
        assertEquals(expected[0], uncapped.interval(1.0, 0.1), 2e-6 * expected[0]);
        for (int i = 1; i < expected.length; i++) {
            double r = (i + 1) / 10.0;
            assertEquals(expected[i], uncapped.intervalDays(1.0, r), "retention " + r);
        }
        // with the default maximum the longest ones are capped at 36500 days
        assertEquals(36500, fsrs.intervalDays(1.0, 0.1));
        assertEquals(34793, fsrs.intervalDays(1.0, 0.2));
    }

    @Test
    void theDifficultyUpdateMatchesFsrsRs() {
        // fsrs-rs src/model.rs test_next_difficulty: D = 5 and ratings 1 … 4, after linear damping and mean
        // reversion → [8.341763, 6.6659956, 4.990228, 3.3144615]
        double[] expected = {8.341763, 6.6659956, 4.990228, 3.3144615};
        for (int g = 1; g <= 4; g++) {
            assertEquals(expected[g - 1], fsrs.nextDifficulty(5.0, g), REF, "rating " + g);
        }
        // test_init_difficulty: D0(G) = w4 − e^(w5·(G−1)) + 1 (unclamped there; a state takes it clamped to
        // [1, 10], as fsrs-rs forward_reviews and py-fsrs _initial_difficulty(clamp=True) do: D0(Easy) = −4.77 → 1)
        double[] w = Fsrs.defaultWeights();
        for (int g = 1; g <= 4; g++) {
            double d0 = w[4] - Math.exp(w[5] * (g - 1)) + 1;
            assertEquals(Math.max(1, Math.min(10, d0)), fsrs.initialDifficulty(g), EXACT);
            // test_init_stability: S0(G) = w[G−1]
            assertEquals(w[g - 1], fsrs.initialStability(g), EXACT);
        }
    }

    @Test
    void theStabilityUpdatesMatchFsrsRs() {
        // fsrs-rs src/model.rs test_next_stability, S = 5 throughout.
        // stability_after_success(S=5, D=rating, R, rating) → [25.602541, 28.226582, 58.656002, 127.226685] for
        // rating 1 … 4 with R = 0.9, 0.8, 0.7, 0.6. The first case passes rating 1 to the success formula, where
        // it gets neither Hard's penalty nor Easy's bonus, exactly as Good does; so it is checked with Good.
        assertEquals(25.602541, fsrs.recallStability(5, 1, 0.9, Fsrs.GOOD), REF);
        assertEquals(28.226582, fsrs.recallStability(5, 2, 0.8, Fsrs.HARD), REF);
        assertEquals(58.656002, fsrs.recallStability(5, 3, 0.7, Fsrs.GOOD), REF);
        assertEquals(127.226685, fsrs.recallStability(5, 4, 0.6, Fsrs.EASY), REF);
        // stability_after_failure(S=5, D, R) for D = 1 … 4, R = 0.9 … 0.6
        double[] forget = {1.0525396, 1.1894329, 1.3680838, 1.584989};
        for (int d = 1; d <= 4; d++) {
            assertEquals(forget[d - 1], fsrs.forgetStability(5, d, 1.0 - d / 10.0), REF, "D=" + d);
        }
        // stability_short_term(S=5, rating 1 … 4) → [1.596818, 5.0, 5.0, 8.12961]
        double[] shortTerm = {1.596818, 5.0, 5.0, 8.12961};
        for (int g = 1; g <= 4; g++) {
            assertEquals(shortTerm[g - 1], fsrs.shortTermStability(5, g), REF, "rating " + g);
        }
    }

    @Test
    void aSequenceOfReviewsEndsInTheStateBothReferencesAssert() {
        // fsrs-rs src/inference.rs test_memory_state and py-fsrs tests/test_basic.py test_memo_state: ratings
        // Again, Good ×5 with 0, 0, 1, 3, 8, 21 days before each review, default weights → S = 53.62691,
        // D = 6.3574867 (the first review sets the initial state, the second is a same-day review)
        assertState(fsrs, 53.62691, 6.3574867);
        // fsrs-rs test_memory_state again with the short-term weights w17 = w18 = w19 = 0 → S = 53.335106
        double[] frozen = Fsrs.defaultWeights();
        frozen[17] = 0;
        frozen[18] = 0;
        frozen[19] = 0;
        assertState(new Fsrs(frozen, 0.9, Fsrs.DEFAULT_MAXIMUM_INTERVAL), 53.335106, 6.3574867);
    }

    private static void assertState(Fsrs model, double stability, double difficulty) {
        int[] ratings = {1, 3, 3, 3, 3, 3};
        int[] days = {0, 0, 1, 3, 8, 21};
        State s = null;
        for (int i = 0; i < ratings.length; i++) {
            s = model.review(s, ratings[i], days[i]);
        }
        assertEquals(stability, s.stability(), REF);
        assertEquals(difficulty, s.difficulty(), REF);
    }

    @Test
    void theIntervalsOfPyFsrsWithoutFuzzAreReproduced() {
        // py-fsrs tests/test_basic.py test_review_card (Scheduler(enable_fuzzing=False): learning steps 1 and 10
        // minutes, relearning step 10 minutes, retention 0.9, default weights), ratings TEST_RATINGS_1 and each
        // review on the previous one's due date → interval history [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]
        // days. The 0s are the scheduler's learning steps (10 minutes, not this class's business): the next review
        // comes 0 whole days later, a same-day review. The other entries are the interval of the state left, in
        // whole days, which this class computes.
        int[] ratings = {3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3};
        int[] pyFsrsIntervals = {0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21};
        boolean[] learningStep = {true, false, false, false, false, false, true, true, false, false, false, false,
            false};
        State s = null;
        double elapsed = 0;
        for (int i = 0; i < ratings.length; i++) {
            s = fsrs.review(s, ratings[i], elapsed);
            if (!learningStep[i]) {
                assertEquals(pyFsrsIntervals[i], fsrs.intervalDays(s.stability()), "review " + (i + 1));
            }
            elapsed = pyFsrsIntervals[i];
        }
    }

    // ---- properties ----------------------------------------------------------------------------------------

    @Test
    void recallIsNinetyPercentAfterStabilityDaysAndDecays() {
        for (double s : new double[] {0.5, 1, 2.3065, 10, 100, 3650}) {
            assertEquals(0.9, fsrs.retrievability(s, s), 1e-12, "S=" + s);
            assertEquals(1.0, fsrs.retrievability(0, s), 0);
            double previous = 1;
            for (double t = s / 4; t <= 8 * s; t += s / 4) {
                double r = fsrs.retrievability(t, s);
                assertTrue(r < previous && r > 0, "R must fall with time");
                previous = r;
            }
        }
        // a larger stability is remembered better after the same time
        assertTrue(fsrs.retrievability(10, 20) > fsrs.retrievability(10, 5));
        // with another decay too: the factor keeps R(S, S) = 0.9
        double[] w = Fsrs.defaultWeights();
        w[20] = 0.5;
        assertEquals(0.9, new Fsrs(w, 0.9, 36500).retrievability(7, 7), 1e-12);
    }

    @Test
    void theIntervalAtNinetyPercentIsTheStabilityAndHigherRetentionIsShorter() {
        for (double s : new double[] {0.5, 1, 7, 42.5, 1000}) {
            assertEquals(s, fsrs.interval(s, 0.9), 1e-9 * s);
            assertEquals(s, fsrs.interval(s), 1e-9 * s);
            // the interval is the inverse of the forgetting curve
            assertEquals(0.8, fsrs.retrievability(fsrs.interval(s, 0.8), s), 1e-12);
            double previous = Double.POSITIVE_INFINITY;
            for (double r = 0.5; r < 0.995; r += 0.05) {
                double t = fsrs.interval(s, r);
                assertTrue(t < previous, "higher retention must give a shorter interval");
                previous = t;
            }
        }
        // a service configured for 0.95 schedules sooner than the default
        Fsrs strict = new Fsrs(Fsrs.defaultWeights(), 0.95, 36500);
        assertTrue(strict.intervalDays(30) < fsrs.intervalDays(30));
        assertEquals(30, fsrs.intervalDays(30));
        // whole days: at least one, at most the maximum
        assertEquals(1, fsrs.intervalDays(0.01));
        assertEquals(36500, fsrs.intervalDays(36500));
        assertEquals(100, new Fsrs(Fsrs.defaultWeights(), 0.9, 100).intervalDays(500));
    }

    @Test
    void goodRaisesStabilityAndAgainNeverDoes() {
        for (double s : new double[] {0.1, 1, 5, 30, 365}) {
            for (double d = 1; d <= 10; d += 1.5) {
                State before = new State(s, d);
                for (double t : new double[] {0, 0.5, 1, s / 2, s, 3 * s, 20 * s}) {
                    State good = fsrs.review(before, Fsrs.GOOD, t);
                    State again = fsrs.review(before, Fsrs.AGAIN, t);
                    State easy = fsrs.review(before, Fsrs.EASY, t);
                    assertTrue(good.stability() >= s, "Good must not lower S: S=" + s + " D=" + d + " t=" + t);
                    if (t >= 1) {
                        assertTrue(good.stability() > s, "Good a day or more later must raise S");
                    }
                    assertTrue(again.stability() < s, "Again must lower S: S=" + s + " D=" + d + " t=" + t);
                    assertTrue(easy.stability() >= good.stability(), "Easy must raise S at least as much as Good");
                }
            }
        }
    }

    @Test
    void aLapseNeverLeavesMoreThanASameDayAgainWould() {
        // the FSRS-6 bound S/e^(w17·w18) of both references; it binds for a small S recalled with a low R
        double[] w = Fsrs.defaultWeights();
        double bound = 0.1 / Math.exp(w[17] * w[18]);
        assertEquals(bound, fsrs.forgetStability(0.1, 1, 0.1), EXACT);
        for (double s : new double[] {0.1, 1, 10, 100}) {
            for (double r : new double[] {0.05, 0.5, 0.9, 0.99}) {
                assertTrue(fsrs.forgetStability(s, 5, r) <= s / Math.exp(w[17] * w[18]));
            }
        }
    }

    @Test
    void difficultyStaysWithinOneAndTenAndEasyLowersItAndAgainRaisesIt() {
        for (double d = 1; d <= 10; d += 0.5) {
            for (int g = 1; g <= 4; g++) {
                double next = fsrs.nextDifficulty(d, g);
                assertTrue(next >= 1 && next <= 10, "D=" + d + " rating " + g + " gave " + next);
            }
            if (d > 1.5) {
                assertTrue(fsrs.nextDifficulty(d, Fsrs.EASY) < d, "Easy must lower D=" + d);
            }
            if (d < 9.5) {
                assertTrue(fsrs.nextDifficulty(d, Fsrs.AGAIN) > d, "Again must raise D=" + d);
            }
        }
        // a long run of either rating stays within the bounds and ends at them
        State s = fsrs.first(Fsrs.AGAIN);
        for (int i = 0; i < 50; i++) {
            s = fsrs.review(s, Fsrs.AGAIN, 1);
        }
        assertTrue(s.difficulty() <= 10 && s.difficulty() > 9.9);
        assertTrue(s.stability() >= Fsrs.MIN_STABILITY);
        s = fsrs.first(Fsrs.EASY);
        for (int i = 0; i < 50; i++) {
            s = fsrs.review(s, Fsrs.EASY, fsrs.intervalDays(s.stability()));
        }
        assertEquals(1.0, s.difficulty(), 1e-9);
        assertTrue(s.stability() <= Fsrs.MAX_STABILITY);
        // initial difficulty: Again hardest, Easy easiest, clamped
        assertTrue(fsrs.initialDifficulty(1) > fsrs.initialDifficulty(3));
        assertTrue(fsrs.initialDifficulty(3) > fsrs.initialDifficulty(4));
        assertEquals(1.0, fsrs.initialDifficulty(4), 0, "D0(Easy) with the defaults is below 1 and clamped");
    }

    @Test
    void theFirstReviewSetsTheInitialStateWhateverTheElapsedTime() {
        assertEquals(new State(2.3065, fsrs.initialDifficulty(3)), fsrs.review(null, Fsrs.GOOD, 0));
        assertEquals(fsrs.first(Fsrs.AGAIN), fsrs.review(null, Fsrs.AGAIN, 12));
        assertEquals(Fsrs.GOOD, Fsrs.rating(true));
        assertEquals(Fsrs.AGAIN, Fsrs.rating(false));
    }

    @Test
    void aSameDayReviewUsesTheShortTermFormula() {
        State s = new State(5, 5);
        assertEquals(fsrs.shortTermStability(5, Fsrs.AGAIN), fsrs.review(s, Fsrs.AGAIN, 0.99).stability(), EXACT);
        assertEquals(fsrs.shortTermStability(5, Fsrs.EASY), fsrs.review(s, Fsrs.EASY, 0).stability(), EXACT);
        // one day later it is a long-term review
        assertNotEquals(fsrs.shortTermStability(5, Fsrs.EASY), fsrs.review(s, Fsrs.EASY, 1).stability());
    }

    @Test
    void theDueDateIsTheRoundedIntervalLater() {
        Instant at = Instant.parse("2026-12-02T12:00:00Z");
        State s = new State(10.4, 5);
        assertEquals(Instant.parse("2026-12-12T12:00:00Z"), fsrs.due(at, s));
        assertEquals(2.0, Fsrs.wholeDaysBetween(at, Instant.parse("2026-12-04T23:59:00Z")), 0);
        assertEquals(0.0, Fsrs.wholeDaysBetween(at, at.plusSeconds(600)), 0);
    }

    @Test
    void invalidInputIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Fsrs(new double[19], 0.9, 36500));
        assertTrue(e.getMessage().contains("21 weights"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(null, 0.9, 36500));
        double[] nan = Fsrs.defaultWeights();
        nan[8] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> new Fsrs(nan, 0.9, 36500));
        assertTrue(e.getMessage().contains("w8"), e.getMessage());
        double[] noDecay = Fsrs.defaultWeights();
        noDecay[20] = 0;
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(noDecay, 0.9, 36500));

        for (int bad : new int[] {0, 5, -1}) {
            e = assertThrows(IllegalArgumentException.class, () -> fsrs.review(new State(1, 5), bad, 1));
            assertTrue(e.getMessage().contains("rating"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> fsrs.review(null, bad, 0));
            assertThrows(IllegalArgumentException.class, () -> fsrs.initialStability(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> fsrs.recallStability(5, 5, 0.9, Fsrs.AGAIN));

        e = assertThrows(IllegalArgumentException.class, () -> fsrs.review(new State(1, 5), Fsrs.GOOD, -0.5));
        assertTrue(e.getMessage().contains("elapsed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fsrs.retrievability(-1, 5));
        assertThrows(IllegalArgumentException.class,
                () -> Fsrs.wholeDaysBetween(Instant.EPOCH.plusSeconds(10), Instant.EPOCH));

        for (double r : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            e = assertThrows(IllegalArgumentException.class, () -> fsrs.interval(10, r));
            assertTrue(e.getMessage().contains("retention"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Fsrs(Fsrs.defaultWeights(), r, 36500));
        }
        assertThrows(IllegalArgumentException.class, () -> new Fsrs(Fsrs.defaultWeights(), 0.9, 0));
        assertThrows(IllegalArgumentException.class, () -> new State(0, 5));
        assertThrows(IllegalArgumentException.class, () -> new State(Double.NaN, 5));
        assertThrows(IllegalArgumentException.class, () -> fsrs.interval(-3));
    }

    @Test
    void customWeightsAreCopiedNotShared() {
        double[] w = Fsrs.defaultWeights();
        Fsrs custom = new Fsrs(w, 0.85, 3650);
        w[2] = 99;
        assertEquals(2.3065, custom.initialStability(Fsrs.GOOD), 0);
        custom.weights()[2] = 99;
        assertEquals(2.3065, custom.initialStability(Fsrs.GOOD), 0);
        Fsrs.defaultWeights()[2] = 99;
        assertEquals(2.3065, new Fsrs().initialStability(Fsrs.GOOD), 0);
    }
}
