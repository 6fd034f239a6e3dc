package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void aucCountsTiesHalf() {
        // positives 0.35, 0.8, 0.4; negatives 0.1, 0.4. Pairs won: 0.35>0.1, 0.8>0.1, 0.8>0.4, 0.4>0.1 (4), tied 0.4=0.4 (½),
        // lost 0.35<0.4 (0): 4.5 of 6
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
        boolean[] labels = {false, false, true, true, true};
        assertEquals(0.75, Metrics.auc(scores, labels, 5), EPS);
    }

    @Test
    void aucOfConstantPerfectAndReversedScores() {
        boolean[] labels = {true, false, true, false};
        assertEquals(0.5, Metrics.auc(new double[] {0.3, 0.3, 0.3, 0.3}, labels, 4), EPS);
        assertEquals(1.0, Metrics.auc(new double[] {0.9, 0.1, 0.8, 0.2}, labels, 4), EPS);
        assertEquals(0.0, Metrics.auc(new double[] {0.1, 0.9, 0.2, 0.8}, labels, 4), EPS);
        assertEquals(1.0, Metrics.auc(new double[] {1, 0, 1, 0}, labels, 4), EPS);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertTrue(Double.isNaN(Metrics.auc(new double[] {0.2, 0.7}, new boolean[] {true, true}, 2)));
        assertTrue(Double.isNaN(Metrics.auc(new double[] {}, new boolean[] {}, 0)));
    }

    @Test
    void aucReadsOnlyTheFirstNEntries() {
        double[] scores = {0.9, 0.1, 0.0, 1.0};
        boolean[] labels = {true, false, true, false};
        assertEquals(1.0, Metrics.auc(scores, labels, 2), EPS);
    }

    @Test
    void aucAgreesWithTheQuadraticDefinitionUnderManyTies() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 2000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.round(rng.nextDouble() * 10) / 10.0;   // 11 distinct values: ties everywhere
            labels[i] = rng.nextDouble() < 0.3 + 0.4 * scores[i];
        }
        double won = 0;
        long pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] && !labels[j]) {
                    pairs++;
                    won += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(won / pairs, Metrics.auc(scores, labels, n), 1e-12);
    }

    @Test
    void aucRejectsNaN() {
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.auc(new double[] {Double.NaN, 0.2}, new boolean[] {true, false}, 2));
    }

    @Test
    void logLossByHand() {
        double expected = -(Math.log(0.8) + Math.log(0.7)) / 2;
        assertEquals(expected, Metrics.logLoss(new double[] {0.8, 0.3}, new boolean[] {true, false}, 2), EPS);
    }

    @Test
    void logLossClipsCertainMistakes() {
        assertEquals(-Math.log(1e-6), Metrics.logLoss(new double[] {0.0}, new boolean[] {true}, 1), 1e-9);
        assertEquals(-Math.log(1e-6), Metrics.logLoss(new double[] {1.0}, new boolean[] {false}, 1), 1e-9);
        assertEquals(-Math.log(1 - 1e-6), Metrics.logLoss(new double[] {1.0}, new boolean[] {true}, 1), 1e-12);
    }

    @Test
    void calibrationBinsAndExpectedError() {
        // bin 0: 0.05, 0.05 (one right): |0.05 − 0.5|·2/5 = 0.18; bin 1: 0.15 (wrong): 0.15·1/5 = 0.03;
        // bin 9: 0.95 and 1.0 (both right, 1.0 falls in the last bin): |0.975 − 1|·2/5 = 0.01
        double[] p = {0.05, 0.05, 0.15, 0.95, 1.0};
        boolean[] y = {false, true, false, true, true};
        Metrics.Calibration c = Metrics.calibration(p, y, 5, 10);
        assertEquals(10, c.bins().size());
        assertEquals(2, c.bins().get(0).count());
        assertEquals(0.05, c.bins().get(0).meanPredicted(), EPS);
        assertEquals(0.5, c.bins().get(0).observedRate(), EPS);
        assertEquals(1, c.bins().get(1).count());
        assertEquals(0, c.bins().get(5).count());
        assertTrue(Double.isNaN(c.bins().get(5).meanPredicted()));
        assertEquals(2, c.bins().get(9).count());
        assertEquals(0.975, c.bins().get(9).meanPredicted(), EPS);
        assertEquals(0.9, c.bins().get(9).from(), EPS);
        assertEquals(1.0, c.bins().get(9).to(), EPS);
        assertEquals(0.22, c.expectedCalibrationError(), 1e-12);
    }

    @Test
    void aPerfectlyCalibratedPredictorHasSmallError() {
        SplittableRandom rng = new SplittableRandom(3);
        Metrics.Series s = new Metrics.Series();
        for (int i = 0; i < 200_000; i++) {
            double p = rng.nextDouble();
            s.add(p, rng.nextDouble() < p);
        }
        assertTrue(s.calibration(10).expectedCalibrationError() < 0.01);
        assertEquals(0.5, s.positives() / (double) s.size(), 0.01);
    }

    @Test
    void seriesGrowsBeyondItsFirstCapacity() {
        Metrics.Series s = new Metrics.Series();
        for (int i = 0; i < 5000; i++) {
            s.add(i % 2 == 0 ? 0.9 : 0.1, i % 2 == 0);
        }
        assertEquals(5000, s.size());
        assertEquals(1.0, s.auc(), EPS);
        assertEquals(-Math.log(0.9), s.logLoss(), 1e-12);
    }

    @Test
    void ratioIsUndefinedOverZero() {
        assertTrue(Double.isNaN(Metrics.ratio(0, 0)));
        assertEquals(0.25, Metrics.ratio(1, 4), EPS);
    }
}
