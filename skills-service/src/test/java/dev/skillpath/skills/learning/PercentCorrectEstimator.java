package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline: known = the Laplace-smoothed share of correct answers, (c + 1) / (n + 2), over the learner's answers to
 * questions tagged with the skill; 1/2 for a skill never observed. predictCorrect = the mean of that over the
 * question's tags. Mastered when known ≥ 0.95, which needs at least 18 answers on the skill, all correct
 * ((n + 1) / (n + 2) ≥ 0.95 ⇔ n ≥ 18), so it almost never fires. Frontier: not mastered, every prerequisite
 * mastered (by the same rule), highest known first.
 */
public final class PercentCorrectEstimator implements Estimator {

    public static final String NAME = "percent-correct";
    static final double MASTERY = 0.95;

    private final SeedData data;
    private final Map<String, int[]> counts = new HashMap<>();   // learner -> {c_0, n_0, c_1, n_1, ...} by skill index

    public PercentCorrectEstimator(SeedData data) {
        this.data = data;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void graded(String learner, List<Observation> answers, Instant at) {
        int[] c = counts.computeIfAbsent(learner, l -> new int[2 * data.skillCount()]);
        for (Observation o : answers) {
            for (String s : o.question().skills()) {
                int i = data.index(s);
                c[2 * i] += o.correct() ? 1 : 0;
                c[2 * i + 1]++;
            }
        }
    }

    @Override
    public double known(String learner, String skill) {
        int[] c = counts.get(learner);
        int i = data.index(skill);
        return c == null ? 0.5 : (c[2 * i] + 1.0) / (c[2 * i + 1] + 2.0);
    }

    @Override
    public double predictCorrect(String learner, Question question) {
        double sum = 0;
        for (String s : question.skills()) {
            sum += known(learner, s);
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
}
