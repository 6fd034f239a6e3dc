package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.List;

/**
 * A look inside the learner model on one simulated population (not part of the report): how well its final
 * estimates are calibrated against the true states, by bin, for skills with and without questions.
 * Run: java -cp … dev.skillpath.skills.learning.ModelDiagnostics [model] [learners]
 */
final class ModelDiagnostics {

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "conjunctive";
        int learners = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        SeedData data = SeedData.load();
        SimulatedPopulation population = new SimulatedPopulation(data, model, LearningEvaluation.DEFAULT_SEED, learners);
        ModelEstimator estimator = new ModelEstimator(data);
        long[][] bins = new long[2][20];
        long[][] known = new long[2][20];
        for (int i = 0; i < learners; i++) {
            if (i == learners / 2) {
                estimator.refit();
            }
            SimulatedLearner learner = population.learner(i);
            population.run(learner, new SimulatedPopulation.Listener() {
                @Override
                public void before(SimulatedLearner l, Quiz quiz, int attempt, List<Question> questions, Instant at) {
                }

                @Override
                public void after(SimulatedLearner l, Quiz quiz, int attempt, List<Observation> answers, Instant at) {
                    estimator.graded(l.id(), answers, at);
                }
            });
            if (i < learners / 2) {
                continue;
            }
            for (int s = 0; s < data.skillCount(); s++) {
                String skill = data.skills().get(s);
                int q = data.hasQuestion(skill) ? 0 : 1;
                int b = Math.min(19, (int) (estimator.known(learner.id(), skill) * 20));
                bins[q][b]++;
                if (learner.knows(s)) {
                    known[q][b]++;
                }
            }
        }
        for (int q = 0; q < 2; q++) {
            System.out.println(q == 0 ? "skills with questions" : "skills without questions");
            for (int b = 0; b < 20; b++) {
                if (bins[q][b] > 0) {
                    System.out.printf("  %.2f-%.2f  n=%5d  known %.3f%n", b / 20.0, (b + 1) / 20.0, bins[q][b],
                            known[q][b] / (double) bins[q][b]);
                }
            }
        }
    }
}
