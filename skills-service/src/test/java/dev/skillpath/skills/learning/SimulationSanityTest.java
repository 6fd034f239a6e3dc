package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A small population through the baselines: the harness tells the truth apart from the floor. */
class SimulationSanityTest {

    private static final SeedData DATA = SeedData.load();
    private static final int LEARNERS = 200;
    private static final long SEED = 424242L;
    /** The baselines only: the harness is checked without the model it will judge. */
    private static final List<Function<SeedData, Estimator>> BASELINES = List.of(PercentCorrectEstimator::new, OldModelEstimator::new);

    @ParameterizedTest
    @ValueSource(strings = {"conjunctive", "compensatory"})
    void theOracleIsTheCeilingAndPercentCorrectTheFloor(String model) {
        Evaluation.Result result = Evaluation.run(DATA, model, SEED, LEARNERS, BASELINES, line -> { });

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
    }
}
