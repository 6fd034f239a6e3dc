package dev.skillpath.skills.learning;

import java.util.ArrayList;
import java.util.List;

/** The bar a learner model must clear, judged on phase 2 learners of each generative model. */
final class Thresholds {

    static final double NEXT_ANSWER_AUC = 0.80;
    static final double NEXT_ANSWER_AUC_OVER_PERCENT_CORRECT = 0.08;
    static final double KNOWN_AUC = 0.92;
    static final double MASTERED_PRECISION = 0.95;
    static final double MASTERED_RECALL = 0.60;
    static final double FRONTIER_PRECISION = 0.80;

    record Check(String name, double value, boolean passed) {
    }

    private Thresholds() {
    }

    static List<String> names() {
        return List.of(
                "next-answer AUC (outside, true g) ≥ " + NEXT_ANSWER_AUC,
                "next-answer AUC (outside, true g) ≥ percent-correct's + " + NEXT_ANSWER_AUC_OVER_PERCENT_CORRECT,
                "known AUC (all skills) ≥ " + KNOWN_AUC,
                "mastered precision ≥ " + MASTERED_PRECISION + " with recall (all skills) ≥ " + MASTERED_RECALL,
                "frontier precision ≥ " + FRONTIER_PRECISION);
    }

    /** The checks in the order of {@link #names()}; NaN (undefined) never passes. */
    static List<Check> check(Scorecard.Figures f, Scorecard.Figures percentCorrect) {
        List<String> names = names();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(names.get(0), f.outsideTrueGuessAuc(), f.outsideTrueGuessAuc() >= NEXT_ANSWER_AUC));
        double margin = percentCorrect == null ? Double.NaN : f.outsideTrueGuessAuc() - percentCorrect.outsideTrueGuessAuc();
        checks.add(new Check(names.get(1), margin, margin >= NEXT_ANSWER_AUC_OVER_PERCENT_CORRECT - 1e-12));
        checks.add(new Check(names.get(2), f.knownAuc(), f.knownAuc() >= KNOWN_AUC));
        checks.add(new Check(names.get(3), f.masteredPrecision(),
                f.masteredPrecision() >= MASTERED_PRECISION && f.masteredRecall() >= MASTERED_RECALL));
        checks.add(new Check(names.get(4), f.frontierPrecision(), f.frontierPrecision() >= FRONTIER_PRECISION));
        return checks;
    }
}
