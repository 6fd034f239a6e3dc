package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the protocol for one generative model: a fresh population and fresh estimators; phase 1 (the first half of
 * the learners), {@link Estimator#refit()} on every estimator, phase 2 (the second half). Every estimator sees the
 * same answers in the same order, and is asked for its predictions before it is told the answers.
 */
final class Evaluation {

    record EstimatorResult(String name, Scorecard.Figures phase2, Scorecard.Figures all, String fitted) {
    }

    /** Facts about the simulated data themselves (not about any estimator), to show it is what it claims to be. */
    record PopulationFacts(int learners, int phase1Learners, int phase2Learners, long attempts, long answers,
                           int[] attemptsPerLearner, int[] answersPerLearner, double retakingLearners,
                           long answersAllKnown, double correctAllKnown, long answersSomeKnown, double correctSomeKnown,
                           long answersNoneKnown, double correctNoneKnown, double meanTrueGuess,
                           double knownAtStart, double knownAtEnd, double knownEndWithoutEvidencePath,
                           double meanTrueFrontier, boolean allDownwardClosed) {
    }

    record Result(String model, SimulatedPopulation.Behaviour behaviour, String description, PopulationFacts facts,
                  List<EstimatorResult> estimators) {

        EstimatorResult estimator(String name) {
            return estimators.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
        }
    }

    private final SeedData data;
    private final SimulatedPopulation population;
    private final List<Estimator> estimators = new ArrayList<>();
    private final long[] nanos;
    private final Scorecard[] phase2;
    private final Scorecard[] all;

    // facts
    private long attempts;
    private long answers;
    private final int[] attemptsPerLearner;
    private final int[] answersPerLearner;
    private final boolean[] retook;
    private final long[] byKnown = new long[6];   // {n, correct} for all / some / none of the tags known
    private double trueGuessSum;
    private long knownAtStart;
    private long knownAtEnd;
    private long knownAtEndWithoutEvidencePath;
    private final boolean[] evidencePath;
    private long trueFrontierTotal;
    private boolean allDownwardClosed = true;

    // the attempt in progress: predictions[e][question] for own, outside-true-g, outside-flat-g
    private double[][][] pending;

    private Evaluation(SeedData data, String model, SimulatedPopulation.Behaviour behaviour, long seed, int learners,
                       List<Function<SeedData, Estimator>> factories, int particles) {
        this.data = data;
        this.population = new SimulatedPopulation(data, model, behaviour, seed, learners);
        Set<String> names = new HashSet<>();
        for (Function<SeedData, Estimator> f : factories) {
            estimators.add(f.apply(data));
        }
        if (particles > 0) {
            estimators.add(new BayesEstimator(population, particles));
        }
        estimators.add(new OracleEstimator(population));
        for (Estimator e : estimators) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("two estimators are named " + e.name());
            }
        }
        int n = estimators.size();
        nanos = new long[n];
        phase2 = new Scorecard[n];
        all = new Scorecard[n];
        for (int i = 0; i < n; i++) {
            phase2[i] = new Scorecard();
            all[i] = new Scorecard();
        }
        attemptsPerLearner = new int[learners];
        answersPerLearner = new int[learners];
        retook = new boolean[learners];
        evidencePath = new boolean[data.skillCount()];
        for (int s = 0; s < evidencePath.length; s++) {
            evidencePath[s] = data.hasEvidencePath(data.skills().get(s));
        }
    }

    /**
     * @param factories the estimators to evaluate, each made fresh for this model (the oracle is added last)
     * @param particles the particles of {@link BayesEstimator}, the ceiling for estimators that see only answers
     *                  (0: leave it out)
     * @param progress  told a line now and then
     */
    static Result run(SeedData data, String model, SimulatedPopulation.Behaviour behaviour, long seed, int learners,
                      List<Function<SeedData, Estimator>> factories, int particles, Consumer<String> progress) {
        Evaluation evaluation = new Evaluation(data, model, behaviour, seed, learners, factories, particles);
        return evaluation.run(progress);
    }

    private Result run(Consumer<String> progress) {
        int n = population.size();
        Listener listener = new Listener();
        for (int i = 0; i < n; i++) {
            if (i == n / 2) {
                progress.accept(label() + ": phase 1 done (" + i + " learners), refitting");
                for (int e = 0; e < estimators.size(); e++) {
                    long t = System.nanoTime();
                    estimators.get(e).refit();
                    nanos[e] += System.nanoTime() - t;
                }
            }
            SimulatedLearner learner = population.learner(i);
            knownAtStart += count(learner.state());
            population.run(learner, listener);
            finalState(learner);
            if ((i + 1) % Math.max(1, n / 4) == 0 && i + 1 < n) {
                progress.accept(label() + ": " + (i + 1) + " of " + n + " learners");
            }
        }
        List<EstimatorResult> results = new ArrayList<>();
        for (int e = 0; e < estimators.size(); e++) {
            results.add(new EstimatorResult(estimators.get(e).name(), phase2[e].figures(nanos[e]), all[e].figures(nanos[e]),
                    estimators.get(e).fitted()));
        }
        return new Result(population.model().name(), population.behaviour(), population.model().describe(), facts(),
                List.copyOf(results));
    }

    private String label() {
        return population.model().name() + ", " + population.behaviour().label();
    }

    private final class Listener implements SimulatedPopulation.Listener {

        @Override
        public void before(SimulatedLearner learner, Quiz quiz, int attempt, List<Question> questions, Instant at) {
            String id = learner.id();
            pending = new double[estimators.size()][3][questions.size()];
            for (int e = 0; e < estimators.size(); e++) {
                Estimator estimator = estimators.get(e);
                long t = System.nanoTime();
                for (int q = 0; q < questions.size(); q++) {
                    Question question = questions.get(q);
                    double own = probability(estimator, "predictCorrect", estimator.predictCorrect(id, question));
                    double all = 1;
                    for (String s : question.skills()) {
                        all *= probability(estimator, "known", estimator.known(id, s));
                    }
                    double g = population.model().guess(question);
                    pending[e][0][q] = own;
                    pending[e][1][q] = all * (1 - Scorecard.OUTSIDE_SLIP) + (1 - all) * g;
                    pending[e][2][q] = all * (1 - Scorecard.OUTSIDE_SLIP) + (1 - all) * Scorecard.FLAT_GUESS;
                }
                nanos[e] += System.nanoTime() - t;
            }
        }

        @Override
        public void after(SimulatedLearner learner, Quiz quiz, int attempt, List<Observation> graded, Instant at) {
            int i = learner.index();
            attempts++;
            attemptsPerLearner[i]++;
            answers += graded.size();
            answersPerLearner[i] += graded.size();
            retook[i] |= attempt > 1;
            for (int q = 0; q < graded.size(); q++) {
                Observation o = graded.get(q);
                int tags = o.question().skills().size();
                int knownTags = 0;
                for (String s : o.question().skills()) {
                    knownTags += learner.knows(data.index(s)) ? 1 : 0;
                }
                int k = knownTags == tags ? 0 : knownTags == 0 ? 4 : 2;
                byKnown[k]++;
                byKnown[k + 1] += o.correct() ? 1 : 0;
                trueGuessSum += population.model().guess(o.question());
                for (int e = 0; e < estimators.size(); e++) {
                    if (learner.phase() == 2) {
                        phase2[e].answer(pending[e][0][q], pending[e][1][q], pending[e][2][q], o.correct());
                    }
                    all[e].answer(pending[e][0][q], pending[e][1][q], pending[e][2][q], o.correct());
                }
            }
            for (int e = 0; e < estimators.size(); e++) {
                long t = System.nanoTime();
                estimators.get(e).graded(learner.id(), graded, at);
                nanos[e] += System.nanoTime() - t;
            }
            pending = null;
        }
    }

    private void finalState(SimulatedLearner learner) {
        boolean[] truth = learner.state();
        allDownwardClosed &= SimulatedPopulation.downwardClosed(data, truth);
        knownAtEnd += count(truth);
        for (int s = 0; s < truth.length; s++) {
            knownAtEndWithoutEvidencePath += truth[s] && !evidencePath[s] ? 1 : 0;
        }
        List<String> trueFrontier = population.trueFrontier(learner);
        trueFrontierTotal += trueFrontier.size();
        String id = learner.id();
        for (int e = 0; e < estimators.size(); e++) {
            Estimator estimator = estimators.get(e);
            long t = System.nanoTime();
            for (int s = 0; s < truth.length; s++) {
                String skill = data.skills().get(s);
                double known = probability(estimator, "known", estimator.known(id, skill));
                boolean mastered = estimator.mastered(id, skill);
                boolean questioned = data.hasQuestion(skill);
                if (learner.phase() == 2) {
                    phase2[e].skill(s, known, mastered, truth[s], questioned);
                }
                all[e].skill(s, known, mastered, truth[s], questioned);
            }
            List<String> frontier = estimator.frontier(id);
            nanos[e] += System.nanoTime() - t;
            if (frontier == null) {
                throw new IllegalStateException(estimator.name() + ": frontier(" + id + ") is null");
            }
            if (learner.phase() == 2) {
                phase2[e].frontier(frontier, trueFrontier);
            }
            all[e].frontier(frontier, trueFrontier);
        }
    }

    private PopulationFacts facts() {
        int n = population.size();
        long pairs = (long) n * data.skillCount();
        int retakers = 0;
        for (boolean r : retook) {
            retakers += r ? 1 : 0;
        }
        return new PopulationFacts(n, n / 2, n - n / 2, attempts, answers, summary(attemptsPerLearner),
                summary(answersPerLearner), Metrics.ratio(retakers, n),
                byKnown[0], Metrics.ratio(byKnown[1], byKnown[0]), byKnown[2], Metrics.ratio(byKnown[3], byKnown[2]),
                byKnown[4], Metrics.ratio(byKnown[5], byKnown[4]), answers == 0 ? Double.NaN : trueGuessSum / answers,
                Metrics.ratio(knownAtStart, pairs), Metrics.ratio(knownAtEnd, pairs),
                Metrics.ratio(knownAtEndWithoutEvidencePath, knownAtEnd),
                Metrics.ratio(trueFrontierTotal, n), allDownwardClosed);
    }

    /** {min, median, max}. */
    private static int[] summary(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return new int[] {sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]};
    }

    private static int count(boolean[] state) {
        int c = 0;
        for (boolean b : state) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static double probability(Estimator estimator, String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalStateException(estimator.name() + ": " + what + " returned " + p + ", not a probability");
        }
        return p;
    }
}
