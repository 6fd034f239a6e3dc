package dev.skillpath.skills.learning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The figures the evaluation reports: AUC, log loss and calibration of probabilities against binary outcomes. */
public final class Metrics {

    /** Log loss clips predictions to [CLIP, 1 − CLIP]. */
    public static final double CLIP = 1e-6;

    private Metrics() {
    }

    /**
     * The area under the ROC curve as the Mann–Whitney statistic: the probability that a random positive scores
     * above a random negative, ties counting half. NaN when there is no positive or no negative. O(n log n): the
     * positives' and the negatives' scores are sorted once each, then merged.
     */
    public static double auc(double[] scores, boolean[] labels, int n) {
        int positives = 0;
        for (int i = 0; i < n; i++) {
            requireFinite(scores[i]);
            positives += labels[i] ? 1 : 0;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        for (int i = 0, p = 0, q = 0; i < n; i++) {
            if (labels[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double wins = 0;          // twice the count of (positive, negative) pairs won, ties once
        int below = 0;            // negatives strictly below the current positive
        int upTo = 0;             // negatives below or equal to it
        for (double p : pos) {
            while (below < negatives && neg[below] < p) {
                below++;
            }
            if (upTo < below) {
                upTo = below;
            }
            while (upTo < negatives && neg[upTo] <= p) {
                upTo++;
            }
            wins += below + upTo;   // below + (below + ties)
        }
        return wins / 2 / ((double) positives * negatives);
    }

    /** The mean negative log-likelihood of the outcomes, predictions clipped to [1e-6, 1 − 1e-6]. NaN when empty. */
    public static double logLoss(double[] predictions, boolean[] outcomes, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = Math.min(1 - CLIP, Math.max(CLIP, requireFinite(predictions[i])));
            sum -= outcomes[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / n;
    }

    /** One equal-width bin of a reliability table; meanPredicted and observedRate are NaN for an empty bin. */
    public record Bin(double from, double to, int count, double meanPredicted, double observedRate) {
    }

    /** A reliability table and its expected calibration error Σ (n_b / N)·|mean predicted_b − observed rate_b|. */
    public record Calibration(List<Bin> bins, double expectedCalibrationError) {
    }

    /** Calibration over {@code bins} equal-width bins of [0, 1]; a prediction of exactly 1 falls in the last bin. */
    public static Calibration calibration(double[] predictions, boolean[] outcomes, int n, int bins) {
        int[] count = new int[bins];
        double[] predicted = new double[bins];
        int[] positive = new int[bins];
        for (int i = 0; i < n; i++) {
            double p = requireFinite(predictions[i]);
            int b = Math.min(bins - 1, Math.max(0, (int) Math.floor(p * bins)));
            count[b]++;
            predicted[b] += p;
            positive[b] += outcomes[i] ? 1 : 0;
        }
        List<Bin> table = new ArrayList<>(bins);
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            double mean = count[b] == 0 ? Double.NaN : predicted[b] / count[b];
            double rate = count[b] == 0 ? Double.NaN : positive[b] / (double) count[b];
            table.add(new Bin(b / (double) bins, (b + 1) / (double) bins, count[b], mean, rate));
            if (count[b] > 0) {
                ece += count[b] / (double) n * Math.abs(mean - rate);
            }
        }
        return new Calibration(List.copyOf(table), n == 0 ? Double.NaN : ece);
    }

    /** A ratio, NaN when the denominator is 0 (reported as n/a). */
    public static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : numerator / (double) denominator;
    }

    private static double requireFinite(double p) {
        if (!Double.isFinite(p)) {
            throw new IllegalArgumentException("a prediction is " + p);
        }
        return p;
    }

    /** A growing list of (prediction, outcome) pairs, in primitive arrays. */
    public static final class Series {
        private double[] predictions = new double[1024];
        private boolean[] outcomes = new boolean[1024];
        private int size;

        public void add(double prediction, boolean outcome) {
            if (size == predictions.length) {
                predictions = Arrays.copyOf(predictions, size * 2);
                outcomes = Arrays.copyOf(outcomes, size * 2);
            }
            predictions[size] = prediction;
            outcomes[size] = outcome;
            size++;
        }

        public int size() {
            return size;
        }

        public int positives() {
            int p = 0;
            for (int i = 0; i < size; i++) {
                p += outcomes[i] ? 1 : 0;
            }
            return p;
        }

        /** The last prediction added. */
        public double last() {
            if (size == 0) {
                throw new IllegalStateException("no prediction yet");
            }
            return predictions[size - 1];
        }

        /** The mean prediction; NaN when empty. */
        public double mean() {
            double sum = 0;
            for (int i = 0; i < size; i++) {
                sum += predictions[i];
            }
            return size == 0 ? Double.NaN : sum / size;
        }

        public double auc() {
            return Metrics.auc(predictions, outcomes, size);
        }

        public double logLoss() {
            return Metrics.logLoss(predictions, outcomes, size);
        }

        public Calibration calibration(int bins) {
            return Metrics.calibration(predictions, outcomes, size, bins);
        }
    }
}
