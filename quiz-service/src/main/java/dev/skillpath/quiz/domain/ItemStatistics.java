package dev.skillpath.quiz.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classical item analysis over first attempts (as Moodle does): for each question, how many attempts saw it,
 * its facility index (the mean fraction of its points earned) and its discrimination index (the correlation
 * between the score on the question and the score on the rest of the attempt), with flags for questions that
 * are too easy, too hard or discriminate poorly. Thresholds are in docs/quiz.md.
 */
public final class ItemStatistics {

    public static final double TOO_EASY_ABOVE = 0.90;
    public static final double TOO_HARD_BELOW = 0.20;
    public static final double POOR_DISCRIMINATION_BELOW = 0.20;

    private ItemStatistics() {
    }

    /** A question's score in one attempt. */
    public record ItemScore(double score, double maxScore) {
    }

    /** One attempt: every question it was given with its score. */
    public record AttemptScores(Map<?, ItemScore> items) {
        double total() {
            return items.values().stream().mapToDouble(ItemScore::score).sum();
        }
    }

    /**
     * @param facility       mean fraction of the points earned, 0..1; null without attempts
     * @param discrimination item–rest correlation, −1..1; null when it is undefined (fewer than two attempts, or
     *                       the question's or the rest's scores do not vary)
     */
    public record Item(Object key, int attempts, Double facility, Double discrimination, List<String> flags) {
    }

    public static <K> List<Item> analyse(List<K> keys, List<AttemptScores> attempts) {
        List<Item> items = new ArrayList<>();
        for (K key : keys) {
            List<Double> item = new ArrayList<>();
            List<Double> rest = new ArrayList<>();
            double fractions = 0;
            for (AttemptScores attempt : attempts) {
                ItemScore s = attempt.items().get(key);
                if (s == null) {
                    continue; // a drawn question this attempt did not get
                }
                item.add(s.score());
                rest.add(attempt.total() - s.score());
                fractions += s.maxScore() > 0 ? s.score() / s.maxScore() : 0;
            }
            int n = item.size();
            Double facility = n == 0 ? null : round(fractions / n);
            Double discrimination = correlation(item, rest);
            items.add(new Item(key, n, facility, discrimination == null ? null : round(discrimination),
                    flags(facility, discrimination)));
        }
        return items;
    }

    static List<String> flags(Double facility, Double discrimination) {
        List<String> flags = new ArrayList<>();
        if (facility != null && facility > TOO_EASY_ABOVE) {
            flags.add("too-easy");
        }
        if (facility != null && facility < TOO_HARD_BELOW) {
            flags.add("too-hard");
        }
        if (discrimination != null && discrimination < POOR_DISCRIMINATION_BELOW) {
            flags.add("poor-discrimination");
        }
        return flags;
    }

    /** Pearson's correlation; null when either side does not vary or there are fewer than two pairs. */
    public static Double correlation(List<Double> x, List<Double> y) {
        int n = x.size();
        if (n < 2) {
            return null;
        }
        double mx = x.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double my = y.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x.get(i) - mx;
            double dy = y.get(i) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx < 1e-12 || syy < 1e-12) {
            return null;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Keys in first-seen order across attempts, for quizzes whose attempts drew different questions. */
    public static List<Object> keysOf(List<AttemptScores> attempts) {
        Map<Object, Boolean> keys = new LinkedHashMap<>();
        attempts.forEach(a -> a.items().keySet().forEach(k -> keys.put(k, true)));
        return new ArrayList<>(keys.keySet());
    }

    static double round(double v) {
        return Math.round(v * 10_000d) / 10_000d;
    }
}
