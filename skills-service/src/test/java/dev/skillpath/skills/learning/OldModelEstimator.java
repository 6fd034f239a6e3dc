package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline: the service's old model, written out here from its formulas so the harness does not depend on the
 * service's code. Independent Bayesian Knowledge Tracing per (learner, skill) with prior 0.2, learn T 0.1,
 * guess G 0.2, slip S 0.1; every answer is one observation for each of the question's tags:
 * <pre>
 * P(correct) = L(1−S) + (1−L)G
 * after a correct answer  L ← L(1−S) / (L(1−S) + (1−L)G)
 * after a wrong answer    L ← LS / (LS + (1−L)(1−G))
 * then                    L ← L + (1−L)T
 * </pre>
 * predictCorrect is the mean over the question's tags of L(1−S) + (1−L)G. Mastered at L ≥ 0.95; frontier: not
 * mastered, every prerequisite mastered, highest L first.
 */
public final class OldModelEstimator implements Estimator {

    public static final String NAME = "old-model (BKT)";
    static final double PRIOR = 0.2;
    static final double LEARN = 0.1;
    static final double GUESS = 0.2;
    static final double SLIP = 0.1;
    static final double MASTERY = 0.95;

    private final SeedData data;
    private final Map<String, double[]> knowing = new HashMap<>();   // learner -> L by skill index

    public OldModelEstimator(SeedData data) {
        this.data = data;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void graded(String learner, List<Observation> answers, Instant at) {
        double[] l = knowing.computeIfAbsent(learner, x -> fresh());
        for (Observation o : answers) {
            for (String s : o.question().skills()) {
                int i = data.index(s);
                l[i] = observe(l[i], o.correct());
            }
        }
    }

    static double observe(double l, boolean correct) {
        double posterior = correct
                ? l * (1 - SLIP) / (l * (1 - SLIP) + (1 - l) * GUESS)
                : l * SLIP / (l * SLIP + (1 - l) * (1 - GUESS));
        return posterior + (1 - posterior) * LEARN;
    }

    @Override
    public double known(String learner, String skill) {
        double[] l = knowing.get(learner);
        return l == null ? PRIOR : l[data.index(skill)];
    }

    @Override
    public double predictCorrect(String learner, Question question) {
        double sum = 0;
        for (String s : question.skills()) {
            double l = known(learner, s);
            sum += l * (1 - SLIP) + (1 - l) * GUESS;
        }
        return sum / question.skills().size();
    }

    @Override
    public boolean mastered(String learner, String skill) {
        return known(learner, skill) >= MASTERY;
    }

    @Override
    public List<String> frontier(String learner) {
        return Frontiers.of(data, s -> mastered(learner, s), s -> known(learner, s));
    }

    private double[] fresh() {
        double[] l = new double[data.skillCount()];
        java.util.Arrays.fill(l, PRIOR);
        return l;
    }
}
