package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class LearningEvaluationTest {

    private static final SeedData DATA = SeedData.load();
    /** The baselines only: the harness is checked without the model it will judge. */
    private static final List<Function<SeedData, Estimator>> BASELINES = List.of(PercentCorrectEstimator::new, OldModelEstimator::new);

    private static List<Scorecard.Figures> figures(long seed) {
        List<Scorecard.Figures> all = new java.util.ArrayList<>();
        for (String model : GenerativeModel.NAMES) {
            for (Evaluation.EstimatorResult e : Evaluation.run(DATA, model, SimulatedPopulation.Behaviour.MIXED, seed, 60, BASELINES, 0, l -> { }).estimators()) {
                all.add(e.phase2().withoutTime());
                all.add(e.all().withoutTime());
            }
        }
        return all;
    }

    @Test
    void theSameSeedGivesTheSameFigures() {
        assertEquals(figures(99), figures(99));
        assertNotEquals(figures(99), figures(100));
    }

    @Test
    void theReportIsCompleteMarkdown() {
        LearningEvaluation.Options options = LearningEvaluation.Options.parse("--learners", "40", "--seed", "5",
                "--estimators", "old-model", "--particles", "1000", "--command", "bench/learning --learners 40 --seed 5");
        String report = LearningEvaluation.run(options, line -> { });
        assertTrue(report.startsWith("# Learner-model evaluation"));
        assertTrue(report.contains("`bench/learning --learners 40 --seed 5`"));
        assertTrue(report.contains("seed: 5; learners: 40"));
        for (String model : GenerativeModel.NAMES) {
            for (SimulatedPopulation.Behaviour b : SimulatedPopulation.Behaviour.values()) {
                assertTrue(report.contains("## Generative model: " + model + ", learners: " + b.label()), model + ", " + b);
                assertTrue(report.contains("| " + model + " | " + b.label() + " | " + BayesEstimator.NAME + " |"), model + ", " + b);
            }
        }
        assertTrue(report.contains("## Thresholds"));
        assertTrue(report.contains("| **" + OracleEstimator.NAME + "** | phase 2 (20) |"));
        assertTrue(report.contains("| **" + OldModelEstimator.NAME + "** |"));
        assertFalse(report.contains("NaN"));
    }

    @Test
    void optionsAreParsedAndChecked() {
        LearningEvaluation.Options o = LearningEvaluation.Options.parse("--learners", "10", "--seed", "-3", "--out", "x.md",
                "--models", "compensatory", "--estimators", "old-model");
        assertEquals(10, o.learners());
        assertEquals(-3, o.seed());
        assertEquals(List.of("compensatory"), o.models());
        assertEquals(List.of("old-model"), o.estimators());
        assertEquals(List.of(SimulatedPopulation.Behaviour.values()), o.behaviours());
        assertEquals(BayesEstimator.DEFAULT_PARTICLES, o.particles());
        LearningEvaluation.Options d = LearningEvaluation.Options.parse("--behaviours", "diligent", "--particles", "0");
        assertEquals(List.of(SimulatedPopulation.Behaviour.DILIGENT), d.behaviours());
        assertEquals(0, d.particles());
        assertThrows(IllegalArgumentException.class, () -> LearningEvaluation.Options.parse("--particles", "-1"));
        assertThrows(IllegalArgumentException.class, () -> LearningEvaluation.Options.parse("--behaviours", "lazy"));
        assertThrows(IllegalArgumentException.class, () -> LearningEvaluation.Options.parse("--behaviours", ","));
        assertThrows(IllegalArgumentException.class, () -> LearningEvaluation.Options.parse("--learners", "1"));
        assertThrows(IllegalArgumentException.class, () -> LearningEvaluation.Options.parse("--models", "bayes"));
        assertThrows(IllegalArgumentException.class, () -> LearningEvaluation.Options.parse("--frobnicate"));
        assertThrows(IllegalArgumentException.class, () -> LearningEvaluation.select(DATA, List.of("no-such-model")));
    }

    @Test
    void percentCorrectIsAlwaysSelected() {
        List<Function<SeedData, Estimator>> chosen = LearningEvaluation.select(DATA, List.of("old-model"));
        assertEquals(List.of(PercentCorrectEstimator.NAME, OldModelEstimator.NAME),
                chosen.stream().map(f -> f.apply(DATA).name()).toList());
    }

    @Test
    void anEstimatorThatIsNotAProbabilityIsRefused() {
        Function<SeedData, Estimator> broken = data -> new Estimator() {
            @Override public String name() { return "broken"; }
            @Override public void graded(String learner, List<Observation> answers, Instant at) { }
            @Override public double known(String learner, String skill) { return 1.5; }
            @Override public double predictCorrect(String learner, Question question) { return 0.5; }
            @Override public boolean mastered(String learner, String skill) { return false; }
            @Override public List<String> frontier(String learner) { return List.of(); }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Evaluation.run(DATA, "conjunctive", SimulatedPopulation.Behaviour.MIXED, 1, 4, List.of(broken), 0, l -> { }));
        assertTrue(e.getMessage().contains("broken"));
    }

    @Test
    void repeatedAndUnknownFrontierEntriesCountAsWrong() {
        Scorecard card = new Scorecard();
        card.frontier(List.of("sql", "sql", "cobol", "git"), List.of("sql", "http"));
        Scorecard.Figures f = card.figures(0);
        assertEquals(0.25, f.frontierPrecision(), 1e-12);
        assertEquals(0.5, f.frontierRecall(), 1e-12);
        assertEquals(4.0, f.frontierMeanLength(), 1e-12);
        assertEquals(1.0, f.frontierFirstPrecision(), 1e-12);
    }

    @Test
    void thresholdsAreCheckedAgainstPercentCorrect() {
        Evaluation.Result r = Evaluation.run(DATA, "conjunctive", SimulatedPopulation.Behaviour.MIXED, 8, 100, BASELINES, 0, l -> { });
        Scorecard.Figures pc = r.estimator(PercentCorrectEstimator.NAME).phase2();
        List<Thresholds.Check> oracle = Thresholds.check(r.estimator(OracleEstimator.NAME).phase2(), pc);
        assertTrue(oracle.stream().allMatch(Thresholds.Check::passed), oracle.toString());
        List<Thresholds.Check> floor = Thresholds.check(pc, pc);
        assertFalse(floor.get(1).passed());
        assertEquals(0.0, floor.get(1).value(), 1e-12);
    }
}
