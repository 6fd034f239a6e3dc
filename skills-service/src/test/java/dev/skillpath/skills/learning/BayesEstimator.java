package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The best any estimator that sees only the answers can do: the posterior over the learner's hidden state under the
 * <em>true</em> generative model and the population's true parameters (how states are drawn, every item's guess and
 * slip, every skill's learning rate), computed by a particle filter (sequential importance resampling, Gordon et al.
 * 1993). Where the oracle reads the true state, this one reads only the truth about how answers arise; the gap
 * between the two is what no model can close, the gap between it and a real model is what a model could still gain.
 *
 * <p>Per learner: {@value #DEFAULT_PARTICLES} particles by default ({@code bench/learning --particles N}), each a whole
 * state drawn from the population's prior (ability, θ, the initial state prerequisites first). After each attempt,
 * each particle is weighed by the likelihood of the answers and then learns as the simulation does (each practised,
 * unknown skill whose prerequisites are known, with its true T); the particles are resampled (systematic) when the
 * effective sample size falls under half. Estimates are weighted means over the particles. Deterministic per learner.
 */
final class BayesEstimator implements Estimator {

    static final String NAME = "Bayes (true model)";
    static final int DEFAULT_PARTICLES = 20_000;

    private final SimulatedPopulation population;
    private final SeedData data;
    private final GenerativeModel model;
    private final int particles;
    private final long[] prerequisites;
    private final Map<String, Long> tagMasks = new HashMap<>();

    private String current;
    private long[] states;
    private double[] thetas;
    private double[] weights;
    private SplittableRandom rng;
    private double[] known;
    private double[] frontierChance;
    private long resamplings;
    private double essSum;
    private long updates;

    BayesEstimator(SimulatedPopulation population, int particles) {
        if (particles < 1) {
            throw new IllegalArgumentException("a particle filter needs particles, not " + particles);
        }
        this.population = population;
        this.data = population.data();
        this.model = population.model();
        this.particles = particles;
        if (data.skillCount() > 63) {
            throw new IllegalStateException("the particle filter keeps a state in one long: at most 63 skills");
        }
        prerequisites = new long[data.skillCount()];
        for (int s = 0; s < data.skillCount(); s++) {
            for (String p : data.prerequisites(s)) {
                prerequisites[s] |= 1L << data.index(p);
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void graded(String learner, List<Observation> answers, Instant at) {
        select(learner);
        double[] logLikelihood = new double[particles];
        long practised = 0;
        for (Observation o : answers) {
            long mask = mask(o.question());
            practised |= mask;
            for (int i = 0; i < particles; i++) {
                double p = model.probabilityCorrect(o.question(), Long.bitCount(states[i] & mask), thetas[i]);
                logLikelihood[i] += Math.log(o.correct() ? p : 1 - p);
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < particles; i++) {
            best = Math.max(best, logLikelihood[i]);
        }
        double total = 0;
        for (int i = 0; i < particles; i++) {
            weights[i] *= Math.exp(logLikelihood[i] - best);
            total += weights[i];
        }
        double squares = 0;
        for (int i = 0; i < particles; i++) {
            weights[i] /= total;
            squares += weights[i] * weights[i];
        }
        double ess = 1 / squares;
        essSum += ess;
        updates++;
        if (ess < particles / 2.0) {
            resample();
        }
        for (int i = 0; i < particles; i++) {
            long before = states[i];
            long candidates = practised & ~before;
            while (candidates != 0) {
                int s = Long.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                double u = rng.nextDouble();
                if ((before & prerequisites[s]) == prerequisites[s] && u < population.learnRate(s)) {
                    states[i] |= 1L << s;
                }
            }
        }
        summarise();
    }

    @Override
    public double known(String learner, String skill) {
        select(learner);
        return known[data.index(skill)];
    }

    @Override
    public double predictCorrect(String learner, Question question) {
        select(learner);
        long mask = mask(question);
        double p = 0;
        for (int i = 0; i < particles; i++) {
            p += weights[i] * model.probabilityCorrect(question, Long.bitCount(states[i] & mask), thetas[i]);
        }
        return Math.max(0, Math.min(1, p));
    }

    @Override
    public boolean mastered(String learner, String skill) {
        return known(learner, skill) >= 0.95;
    }

    /**
     * The skills whose probability of being in the true frontier is at least the learner model's readiness threshold
     * ({@link dev.skillpath.skills.domain.model.Frontier#READY}), most likely first: the same claim, made exactly.
     */
    @Override
    public List<String> frontier(String learner) {
        select(learner);
        List<Integer> listed = new ArrayList<>();
        for (int s = 0; s < data.skillCount(); s++) {
            if (frontierChance[s] >= dev.skillpath.skills.domain.model.Frontier.READY) {
                listed.add(s);
            }
        }
        listed.sort(Comparator.comparingDouble((Integer s) -> -frontierChance[s]).thenComparing(s -> s));
        return listed.stream().map(s -> data.skills().get(s)).toList();
    }

    /** The mean effective sample size after weighing, and how often the particles were resampled. */
    String diagnostics() {
        return String.format(java.util.Locale.ROOT, "%d particles, mean ESS %.0f over %d updates, %d resamplings",
                particles, updates == 0 ? 0 : essSum / updates, updates, resamplings);
    }

    /** Forgets the current learner: the next call starts their particles from the prior again (as the first time). */
    void restart() {
        current = null;
    }

    /** Starts a learner's particles from the prior the first time the learner is seen (one learner at a time). */
    private void select(String learner) {
        if (learner.equals(current)) {
            return;
        }
        SimulatedLearner truth = population.byId(learner);
        if (truth == null) {
            throw new IllegalArgumentException("no simulated learner " + learner);
        }
        current = learner;
        rng = Seeds.stream(0, "bayes/" + model.name(), truth.index());
        states = new long[particles];
        thetas = new double[particles];
        weights = new double[particles];
        for (int i = 0; i < particles; i++) {
            double ability = SimulatedPopulation.ABILITY_SD * rng.nextGaussian();
            thetas[i] = SimulatedPopulation.theta(ability, rng.nextGaussian());
            boolean[] state = population.initialState(ability, rng);
            for (int s = 0; s < state.length; s++) {
                states[i] |= state[s] ? 1L << s : 0;
            }
            weights[i] = 1.0 / particles;
        }
        summarise();
    }

    private void resample() {
        resamplings++;
        long[] s = new long[particles];
        double[] t = new double[particles];
        double step = 1.0 / particles;
        double u = rng.nextDouble() * step;
        double cumulative = weights[0];
        int j = 0;
        for (int i = 0; i < particles; i++) {
            double target = u + i * step;
            while (cumulative < target && j < particles - 1) {
                j++;
                cumulative += weights[j];
            }
            s[i] = states[j];
            t[i] = thetas[j];
        }
        states = s;
        thetas = t;
        java.util.Arrays.fill(weights, step);
    }

    private void summarise() {
        int n = data.skillCount();
        known = new double[n];
        frontierChance = new double[n];
        for (int i = 0; i < particles; i++) {
            long state = states[i];
            double w = weights[i];
            for (int s = 0; s < n; s++) {
                if ((state & (1L << s)) != 0) {
                    known[s] += w;
                } else if ((state & prerequisites[s]) == prerequisites[s]) {
                    frontierChance[s] += w;
                }
            }
        }
        for (int s = 0; s < n; s++) {
            known[s] = Math.max(0, Math.min(1, known[s]));
        }
    }

    private long mask(Question q) {
        return tagMasks.computeIfAbsent(q.key(), k -> {
            long m = 0;
            for (String s : q.skills()) {
                m |= 1L << data.index(s);
            }
            return m;
        });
    }
}
