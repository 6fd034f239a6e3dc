package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A small population through the baselines and the ceilings: the harness tells the truth apart from the floor. */
class SimulationSanityTest {

    private static final SeedData DATA = SeedData.load();
    private static final int LEARNERS = 200;
    private static final long SEED = 424242L;
    /** Enough for the Bayes ceiling's figures to be stable on this population, few enough to keep the test short. */
    private static final int PARTICLES = 4000;
    /** The baselines only: the harness is checked without the model it will judge. */
    private static final List<Function<SeedData, Estimator>> BASELINES = List.of(PercentCorrectEstimator::new, OldModelEstimator::new);

    @ParameterizedTest
    @ValueSource(strings = {"conjunctive", "compensatory"})
    void theOracleIsTheCeilingAndPercentCorrectTheFloor(String model) {
        Evaluation.Result result = Evaluation.run(DATA, model, SimulatedPopulation.Behaviour.MIXED, SEED, LEARNERS, BASELINES, PARTICLES, line -> { });

        assertTrue(result.facts().allDownwardClosed(), "every true state must respect the prerequisites");
        assertEquals(LEARNERS, result.facts().learners());

        Scorecard.Figures oracle = result.estimator(OracleEstimator.NAME).phase2();
        Scorecard.Figures percent = result.estimator(PercentCorrectEstimator.NAME).phase2();
        assertEquals(1.0, oracle.knownAuc(), 0.0);
        assertEquals(1.0, oracle.knownAucQuestioned(), 0.0);
        assertEquals(1.0, oracle.masteredPrecision(), 0.0);
        assertEquals(1.0, oracle.masteredRecall(), 0.0);
        assertEquals(1.0, oracle.frontierPrecision(), 0.0);
        assertEquals(1.0, oracle.frontierRecall(), 0.0);
        assertTrue(oracle.ownAuc() > percent.ownAuc() + 0.1, "oracle " + oracle.ownAuc() + " vs percent-correct " + percent.ownAuc());
        assertTrue(oracle.outsideTrueGuessAuc() > percent.outsideTrueGuessAuc() + 0.05,
                "oracle " + oracle.outsideTrueGuessAuc() + " vs percent-correct " + percent.outsideTrueGuessAuc());
        assertTrue(oracle.ownLogLoss() < percent.ownLogLoss());
        assertTrue(oracle.ece() < 0.05, "the true probabilities are calibrated: " + oracle.ece());
        assertTrue(percent.knownAuc() < 0.9);

        // the posterior under the true model, from the answers alone: between the floor and the truth, and calibrated
        Scorecard.Figures bayes = result.estimator(BayesEstimator.NAME).phase2();
        assertTrue(bayes.ownAuc() > percent.ownAuc() + 0.03, "Bayes " + bayes.ownAuc() + " vs percent-correct " + percent.ownAuc());
        assertTrue(bayes.ownAuc() < oracle.ownAuc(), "Bayes " + bayes.ownAuc() + " vs oracle " + oracle.ownAuc());
        assertTrue(bayes.ownLogLoss() < percent.ownLogLoss());
        assertTrue(bayes.ece() < 0.05, "the true model's posterior is calibrated: " + bayes.ece());
        assertTrue(bayes.knownAuc() > percent.knownAuc() + 0.1, "Bayes known AUC " + bayes.knownAuc());
        assertTrue(bayes.masteredPrecision() > 0.9, "P ≥ 0.95 under the true posterior: " + bayes.masteredPrecision());
    }
}
