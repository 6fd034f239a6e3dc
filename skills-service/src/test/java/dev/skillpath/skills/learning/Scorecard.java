package dev.skillpath.skills.learning;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one estimator scored on one group of learners (phase 2, or all), accumulated as the simulation runs. */
final class Scorecard {

    /** The outside evaluator's P(correct) from the exposed estimates: Π known(tags)·(1 − SLIP) + (1 − Π)·g. */
    static final double OUTSIDE_SLIP = 0.1;
    /** The flat guess rate of the second outside variant. */
    static final double FLAT_GUESS = 0.2;
    static final int CALIBRATION_BINS = 10;

    final Metrics.Series own = new Metrics.Series();
    final Metrics.Series outsideTrueGuess = new Metrics.Series();
    final Metrics.Series outsideFlatGuess = new Metrics.Series();
    final Metrics.Series known = new Metrics.Series();
    final Metrics.Series knownQuestioned = new Metrics.Series();
    private final java.util.Map<Integer, Metrics.Series> knownBySkill = new java.util.TreeMap<>();
    int learners;
    long masteredListed;
    long masteredRight;
    long trulyKnown;
    long trulyKnownFound;
    long trulyKnownQuestioned;
    long trulyKnownQuestionedFound;
    long frontierListed;
    long frontierRight;
    long trueFrontier;
    long frontierFirstListed;
    long frontierFirstRight;

    void answer(double ownPrediction, double outsideTrue, double outsideFlat, boolean correct) {
        own.add(ownPrediction, correct);
        outsideTrueGuess.add(outsideTrue, correct);
        outsideFlatGuess.add(outsideFlat, correct);
    }

    void skill(int skill, double knownEstimate, boolean masteredEstimate, boolean truth, boolean questioned) {
        known.add(knownEstimate, truth);
        knownBySkill.computeIfAbsent(skill, k -> new Metrics.Series()).add(knownEstimate, truth);
        if (questioned) {
            knownQuestioned.add(knownEstimate, truth);
        }
        if (masteredEstimate) {
            masteredListed++;
            masteredRight += truth ? 1 : 0;
        }
        if (truth) {
            trulyKnown++;
            trulyKnownFound += masteredEstimate ? 1 : 0;
            if (questioned) {
                trulyKnownQuestioned++;
                trulyKnownQuestionedFound += masteredEstimate ? 1 : 0;
            }
        }
    }

    /**
     * A listed entry is right when it is in the true frontier and not listed before; repeats and unknown slugs
     * count as listed and wrong.
     */
    void frontier(List<String> listed, List<String> truth) {
        learners++;
        Set<String> right = new HashSet<>(truth);
        Set<String> seen = new HashSet<>();
        frontierListed += listed.size();
        trueFrontier += truth.size();
        for (String s : listed) {
            if (seen.add(s) && right.contains(s)) {
                frontierRight++;
            }
        }
        if (!listed.isEmpty()) {
            frontierFirstListed++;
            frontierFirstRight += right.contains(listed.get(0)) ? 1 : 0;
        }
    }

    /**
     * The known AUC within skills: the Mann–Whitney statistic over only the (known, unknown) pairs of the same skill,
     * Σ_s wins_s / Σ_s pairs_s. Unlike the pooled AUC it gives no credit for knowing that some skills are rarer than
     * others, only for telling learners apart.
     */
    double knownAucWithinSkill() {
        double wins = 0;
        double pairs = 0;
        for (Metrics.Series s : knownBySkill.values()) {
            long positives = s.positives();
            double p = (double) positives * (s.size() - positives);
            if (p > 0) {
                wins += s.auc() * p;
                pairs += p;
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    Figures figures(long nanos) {
        return new Figures(learners, own.size(),
                own.auc(), own.logLoss(), own.calibration(CALIBRATION_BINS),
                outsideTrueGuess.auc(), outsideTrueGuess.logLoss(),
                outsideFlatGuess.auc(), outsideFlatGuess.logLoss(),
                known.auc(), knownQuestioned.auc(), knownAucWithinSkill(),
                Metrics.ratio(masteredRight, masteredListed), masteredListed,
                Metrics.ratio(trulyKnownFound, trulyKnown), Metrics.ratio(trulyKnownQuestionedFound, trulyKnownQuestioned),
                Metrics.ratio(frontierRight, frontierListed), Metrics.ratio(frontierRight, trueFrontier),
                Metrics.ratio(frontierListed, learners), Metrics.ratio(frontierFirstRight, frontierFirstListed),
                nanos / 1e6);
    }

    /** The reported figures of one estimator on one group of learners; NaN where undefined (n/a). */
    record Figures(int learners, int answers,
                   double ownAuc, double ownLogLoss, Metrics.Calibration ownCalibration,
                   double outsideTrueGuessAuc, double outsideTrueGuessLogLoss,
                   double outsideFlatGuessAuc, double outsideFlatGuessLogLoss,
                   double knownAuc, double knownAucQuestioned, double knownAucWithinSkill,
                   double masteredPrecision, long masteredListed, double masteredRecall, double masteredRecallQuestioned,
                   double frontierPrecision, double frontierRecall, double frontierMeanLength, double frontierFirstPrecision,
                   double millis) {

        double ece() {
            return ownCalibration.expectedCalibrationError();
        }

        /** The same figures without the time taken, to compare runs. */
        Figures withoutTime() {
            return new Figures(learners, answers, ownAuc, ownLogLoss, ownCalibration, outsideTrueGuessAuc,
                    outsideTrueGuessLogLoss, outsideFlatGuessAuc, outsideFlatGuessLogLoss, knownAuc, knownAucQuestioned,
                    knownAucWithinSkill,
                    masteredPrecision, masteredListed, masteredRecall, masteredRecallQuestioned, frontierPrecision,
                    frontierRecall, frontierMeanLength, frontierFirstPrecision, 0);
        }
    }
}
