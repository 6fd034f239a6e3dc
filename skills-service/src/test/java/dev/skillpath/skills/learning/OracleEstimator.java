package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.List;

/**
 * The ceiling: reads the simulated learners' true current states and the true generative model. known is 1 or 0,
 * predictCorrect the true probability of the answer, mastered the truth, frontier the true frontier. No estimator
 * that only sees answers can do better in expectation.
 */
public final class OracleEstimator implements Estimator {

    public static final String NAME = "oracle (truth)";

    private final SimulatedPopulation population;

    public OracleEstimator(SimulatedPopulation population) {
        this.population = population;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void graded(String learner, List<Observation> answers, Instant at) {
        // it needs no evidence
    }

    @Override
    public double known(String learner, String skill) {
        return mastered(learner, skill) ? 1 : 0;
    }

    @Override
    public double predictCorrect(String learner, Question question) {
        return population.model().probabilityCorrect(truth(learner), question, population.data());
    }

    @Override
    public boolean mastered(String learner, String skill) {
        return truth(learner).knows(population.data().index(skill));
    }

    @Override
    public List<String> frontier(String learner) {
        return population.trueFrontier(truth(learner));
    }

    private SimulatedLearner truth(String learner) {
        SimulatedLearner l = population.byId(learner);
        if (l == null) {
            throw new IllegalArgumentException("no simulated learner " + learner);
        }
        return l;
    }
}
