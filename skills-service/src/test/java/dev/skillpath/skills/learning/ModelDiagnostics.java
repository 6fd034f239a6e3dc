package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.List;

/**
 * A look inside the learner model on one simulated population (not part of the report): how well its final
 * estimates are calibrated against the true states, by bin, for skills with and without questions, and on how much
 * of the learner's own evidence its masteries rest, right and wrong.
 * Run: java -cp … dev.skillpath.skills.learning.ModelDiagnostics [model] [learners] [mixed|diligent]
 * (the class path bench/learning keeps in skills-service/target/learning.classpath; -Ddiag.verbose=true lists every
 * false mastery)
 */
final class ModelDiagnostics {

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "conjunctive";
        int learners = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        SeedData data = SeedData.load();
        SimulatedPopulation.Behaviour behaviour = args.length > 2 ? SimulatedPopulation.Behaviour.of(args[2])
                : SimulatedPopulation.Behaviour.MIXED;
        SimulatedPopulation population = new SimulatedPopulation(data, model, behaviour, LearningEvaluation.DEFAULT_SEED, learners);
        ModelEstimator estimator = new ModelEstimator(data);
        long[][] bins = new long[2][20];
        // false masteries: by how many of the learner's own answers were about the skill (0, 1, 2, 3-5, 6+)
        long[] falseByOwn = new long[5];
        long[] rightByOwn = new long[5];
        long[] falseOnlyMultiTag = new long[1];
        double[] rightAbility = new double[2];
        double[] falseAbility = new double[2];
        java.util.Map<String, int[]> own = new java.util.HashMap<>();
        long[][] known = new long[2][20];
        for (int i = 0; i < learners; i++) {
            if (i == learners / 2) {
                estimator.refit();
            }
            SimulatedLearner learner = population.learner(i);
            population.run(learner, new SimulatedPopulation.Listener() {
                @Override
                public void after(SimulatedLearner l, Quiz quiz, int attempt, List<Observation> answers, Instant at) {
                    estimator.graded(l.id(), answers, at);
                    for (Observation o : answers) {
                        for (String sk : o.question().skills()) {
                            int[] c = own.computeIfAbsent(l.id() + "/" + sk, k -> new int[3]);
                            c[0]++;
                            c[1] += o.correct() ? 1 : 0;
                            c[2] += o.question().skills().size() == 1 ? 1 : 0;
                        }
                    }
                }
            });
            if (i < learners / 2) {
                continue;
            }
            for (int s = 0; s < data.skillCount(); s++) {
                String skill = data.skills().get(s);
                int q = data.hasQuestion(skill) ? 0 : 1;
                int b = Math.min(19, (int) (estimator.known(learner.id(), skill) * 20));
                if (estimator.mastered(learner.id(), skill)) {
                    int[] c = own.getOrDefault(learner.id() + "/" + skill, new int[3]);
                    int k = c[0] == 0 ? 0 : c[0] == 1 ? 1 : c[0] == 2 ? 2 : c[0] <= 5 ? 3 : 4;
                    if (learner.knows(s)) {
                        rightByOwn[k]++;
                        rightAbility[0] += learner.ability();
                        rightAbility[1] += learner.theta();
                    } else {
                        falseAbility[0] += learner.ability();
                        falseAbility[1] += learner.theta();
                        falseByOwn[k]++;
                        if (c[0] > 0 && c[2] == 0) {
                            falseOnlyMultiTag[0]++;
                        }
                        if (Boolean.getBoolean("diag.verbose")) {
                            System.out.printf("false mastery %s: own %d answers, %d right, %d single-tag, known %.3f, "
                                    + "learner ability %.2f theta %.2f, prerequisites %s%n", skill, c[0], c[1], c[2],
                                    estimator.known(learner.id(), skill), learner.ability(), learner.theta(),
                                    data.prerequisites(s));
                        }
                    }
                }
                bins[q][b]++;
                if (learner.knows(s)) {
                    known[q][b]++;
                }
            }
        }
        String[] labels = {"0", "1", "2", "3-5", "6+"};
        System.out.println("mastered, by the learner's own answers on the skill: right / false");
        for (int k = 0; k < 5; k++) {
            System.out.printf("  %-4s %5d / %5d%n", labels[k], rightByOwn[k], falseByOwn[k]);
        }
        System.out.println("false masteries whose own answers were all on multi-tag questions: " + falseOnlyMultiTag[0]);
        long right = java.util.Arrays.stream(rightByOwn).sum();
        long wrong = java.util.Arrays.stream(falseByOwn).sum();
        System.out.printf("mean true ability / theta of the learner: right masteries %.2f / %.2f, false ones %.2f / %.2f%n",
                rightAbility[0] / Math.max(1, right), rightAbility[1] / Math.max(1, right),
                falseAbility[0] / Math.max(1, wrong), falseAbility[1] / Math.max(1, wrong));
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
