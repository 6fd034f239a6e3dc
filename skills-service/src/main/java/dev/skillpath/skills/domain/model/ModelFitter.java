package dev.skillpath.skills.domain.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillpath.skills.domain.KnowledgeTracing;

/**
 * Fits the learner model's parameters to the stored evidence by expectation–maximisation, as pyBKT fits BKT
 * (Baum–Welch per skill; Badrinath et al. 2021), extended to the question level (KT-IDEM) and the graph:
 *
 * <ul>
 * <li>E-step: every learner's evidence is run through the model with the current parameters; the graph gives
 * each skill's belief at the start from everything but its own evidence; a forward–backward pass over each skill's
 * chain then gives, at each answer, P(known | all the learner's evidence), and at each learning opportunity the
 * expected transitions; the graph's factors give P(known ∧ prerequisites known) for the prior and the leak.</li>
 * <li>M-step: the expected counts give new values, each shrunk toward its starting value by a few pseudo-counts
 * (so thin data moves it little) and held within {@link #bounded bounds}.</li>
 * </ul>
 *
 * Deterministic: the same histories in the same order give the same parameters, bit for bit.
 */
public final class ModelFitter<S> {

    public static final double MIN_PRIOR = 0.02;
    public static final double MAX_PRIOR = 0.85;
    public static final double MIN_LEARN = 0.01;
    public static final double MAX_LEARN = 0.3;
    public static final double MIN_GUESS = 0.01;
    public static final double MAX_GUESS = 0.3;
    public static final double MIN_SLIP = 0.01;
    public static final double MAX_SLIP = 0.1;

    // Pseudo-counts of the starting values: how many observations' worth of data it takes to move halfway.
    /**
     * A skill's prior is where the population starts, a property of the skill: it moves from the skills' pooled
     * prior only with evidence worth 30 learners. Where a skill's evidence is thin or comes from questions it shares
     * with others, EM otherwise pushed it to the bound on misspecified data (compensatory: 0.85 for three skills seen
     * only on one three-tag question), and a single right answer then made the skill mastered.
     */
    static final double PRIOR_WEIGHT = 30;
    static final double LEARN_WEIGHT = 4;
    static final double SKILL_WEIGHT = 8;
    static final double ITEM_WEIGHT = 8;
    static final double LEAK_WEIGHT = 20;
    /** The pull of the emission's compensation and ability effect toward 0, per unit squared. */
    static final double EMISSION_WEIGHT = 20;

    public static final int MAX_ITERATIONS = 25;
    static final double CONVERGED = 1e-4;

    /**
     * A fit: the parameters, and what they rest on.
     *
     * @param observationsPerSkill answers that touched each skill
     * @param learnersPerSkill     learners with at least one answer on each skill
     * @param logLikelihood        Σ log P(each answer | the answers before it), under the fitted parameters
     */
    public record Fit<S>(ModelParameters<S> parameters, int iterations, double logLikelihood, int learners,
            int observations, int[] observationsPerSkill, int[] learnersPerSkill) {
    }

    /**
     * @param start     where the fit starts and what it shrinks toward (authors' values or the defaults)
     * @param histories each learner's events in order; learners in a stable order
     */
    public Fit<S> fit(ModelParameters<S> start, List<List<EvidenceEvent>> histories) {
        return fit(start, new boolean[start.graph().size()], histories);
    }

    /**
     * @param authored per skill, whether its starting prior was set by an author (then it is the target of the
     *                 shrinkage; otherwise the skills' common prior is)
     */
    public Fit<S> fit(ModelParameters<S> start, boolean[] authored, List<List<EvidenceEvent>> histories) {
        ModelGraph<S> graph = start.graph();
        int n = graph.size();
        KnowledgeTracing[] targets = new KnowledgeTracing[n];
        for (int i = 0; i < n; i++) {
            targets[i] = start.skill(i);
        }
        ModelParameters<S> current = start;
        Expectations e = null;
        int iterations = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            e = expect(current, histories);
            ModelParameters<S> next = maximise(current, targets, authored, e, histories.size());
            iterations = it + 1;
            double change = change(current, next);
            current = next;
            if (change < CONVERGED) {
                break;
            }
        }
        Expectations last = expect(current, histories);
        int observations = 0;
        for (List<EvidenceEvent> h : histories) {
            for (EvidenceEvent ev : h) {
                observations += ev.answers().size();
            }
        }
        return new Fit<>(current, iterations, last.logLikelihood, histories.size(), observations,
                last.observationsPerSkill, last.learnersPerSkill);
    }

    /** Expected counts over the whole population. */
    static final class Expectations {
        final double[][] priorKnown;    // per skill and ability point: Σ P(known ∧ prerequisites known) at the start
        final double[][] priorUnknown;  // … Σ P(not known ∧ prerequisites known)
        double abilitySquare;           // Σ over learners of E[z²], z the ability in units of the spread
        double leakKnown;
        double leakOf;
        final double[] learned;         // Σ expected not known → known at a learning opportunity
        final double[] learnOf;         // Σ P(not known before the opportunity)
        final double[] guessRight;      // per skill: Σ (1 − w)·right, Σ (1 − w), Σ w·wrong, Σ w
        final double[] guessOf;
        final double[] slipWrong;
        final double[] slipOf;
        final Map<ItemKey, double[]> items = new LinkedHashMap<>(); // {Σ(1−w)y, Σ(1−w), Σw(1−y), Σw, right, n}
        final Map<ItemKey, AnsweredQuestion> itemShapes = new HashMap<>();
        final int[] observationsPerSkill;
        final int[] learnersPerSkill;
        /**
         * Per answer, what the emission's shared parameters (compensation, ability effect) are fitted from: the
         * item's own guess and slip, the learner's ability then, the number of tags, whether it was right, and the
         * posterior over how many of the tags were known (0 … k).
         */
        final List<double[]> emission = new ArrayList<>();
        double logLikelihood;

        Expectations(int n, int points) {
            priorKnown = new double[n][points];
            priorUnknown = new double[n][points];
            learned = new double[n];
            learnOf = new double[n];
            guessRight = new double[n];
            guessOf = new double[n];
            slipWrong = new double[n];
            slipOf = new double[n];
            observationsPerSkill = new int[n];
            learnersPerSkill = new int[n];
        }
    }

    /** One skill's chain steps for one learner, as the model took them. */
    private static final class Chain {
        final List<double[]> steps = new ArrayList<>(); // {answer number or −1 for learning, ifKnown or T, ifUnknown}
    }

    Expectations expect(ModelParameters<S> p, List<List<EvidenceEvent>> histories) {
        int n = p.graph().size();
        LearnerModel<S> model = p.model();
        double[] points = model.abilities();
        Expectations e = new Expectations(n, points.length);
        for (List<EvidenceEvent> history : histories) {
            LearnerState state = model.fresh();
            Map<Integer, Chain> chains = new LinkedHashMap<>();
            List<AnsweredQuestion> answers = new ArrayList<>();
            LearnerModel.Steps steps = new LearnerModel.Steps() {
                @Override
                public void observed(int skill, int answer, double ifKnown, double ifUnknown) {
                    chains.computeIfAbsent(skill, k -> new Chain()).steps.add(new double[] {answer, ifKnown, ifUnknown});
                }

                @Override
                public void learned(int skill, double learn, double gate) {
                    chains.computeIfAbsent(skill, k -> new Chain()).steps.add(new double[] {-1, learn * gate, gate});
                }
            };
            List<Double> abilityAt = new ArrayList<>();
            for (EvidenceEvent event : history) {
                LearnerModel.Estimates before = model.estimate(state);
                if (!event.isLesson()) {
                    double ability = model.ability(before);
                    for (AnsweredQuestion a : event.answers()) {
                        abilityAt.add(ability);
                        double right = model.probabilityCorrect(before, a.tags(), p.item(a));
                        double q = Math.max(1e-9, Math.min(1 - 1e-9, a.correct() ? right : 1 - right));
                        e.logLikelihood += Math.log(q);
                    }
                }
                p.apply(state, before, event, answers.size(), steps, (i, known) -> { });
                answers.addAll(event.answers());
            }
            LearnerModel.Estimates end = model.estimate(state);
            double[] fromGraph = new double[n];
            for (int k = 0; k < points.length; k++) {
                double w = end.weights()[k];
                if (w == 0) {
                    continue;
                }
                e.abilitySquare += w * points[k] * points[k];
                PrerequisiteInference.Beliefs beliefs = end.byAbility()[k];
                PrerequisiteInference inference = model.inference(k);
                for (int s = 0; s < n; s++) {
                    double[] f = inference.factorBelief(beliefs, s);
                    e.priorKnown[s][k] += w * f[0];
                    e.priorUnknown[s][k] += w * (f[1] - f[0]);
                    e.leakKnown += w * f[2];
                    e.leakOf += w * f[3];
                    fromGraph[s] += w * PrerequisiteInference.sigmoid(beliefs.fromGraph(s));
                }
            }
            // P(known at the time of each answer | everything), per skill and answer, and the answer's own message
            Map<Long, Double> knownAt = new HashMap<>();
            Map<Long, double[]> message = new HashMap<>();
            for (Map.Entry<Integer, Chain> c : chains.entrySet()) {
                for (double[] st : c.getValue().steps) {
                    if (st[0] >= 0) {
                        message.put(key(c.getKey(), (int) st[0]), new double[] {st[1], st[2]});
                    }
                }
            }
            for (Map.Entry<Integer, Chain> c : chains.entrySet()) {
                int s = c.getKey();
                smooth(s, fromGraph[s], c.getValue(), e, knownAt);
                if (state.observations(s) > 0) {
                    e.learnersPerSkill[s]++;
                    e.observationsPerSkill[s] += state.observations(s);
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                AnsweredQuestion a = answers.get(i);
                int[] tags = LearnerModel.distinct(a.tags());
                if (tags.length == 0) {
                    continue;
                }
                // how many of the tags were known, given everything: each tag's smoothed belief without this answer's
                // own message (its cavity), then this answer weighed once under the emission, so that a wrong
                // answer's explaining-away between the tags is not lost to a product of marginals
                ItemParameters base = p.item(a);
                double ability = abilityAt.get(i);
                ItemParameters item = base.forAbility(ability, p.abilityEffect());
                double[] cavity = new double[tags.length];
                for (int j = 0; j < tags.length; j++) {
                    int t = tags[j];
                    double g = Math.max(1e-12, Math.min(1 - 1e-12, knownAt.getOrDefault(key(t, i), 0.5)));
                    double[] msg = message.getOrDefault(key(t, i), ONE);
                    double odds = g / (1 - g) * msg[1] / msg[0];
                    cavity[j] = odds / (1 + odds);
                }
                double[] count = NoisyAnd.knownCount(cavity, -1);
                double z = 0;
                for (int m = 0; m <= tags.length; m++) {
                    double right = NoisyAnd.emission(m, tags.length, item.guess(), item.slip(), p.compensation());
                    count[m] *= a.correct() ? right : 1 - right;
                    z += count[m];
                }
                // each state m answers like a knower with probability ρ_m = c·m/k (1 when m = k), else like a guesser:
                // the knower's share of the answer goes to the slip, the guesser's to the guess
                double y = a.correct() ? 1 : 0;
                double w = 0;
                double[] record = new double[6 + tags.length];
                record[0] = base.guess();
                record[1] = base.slip();
                record[2] = ability;
                record[3] = tags.length;
                record[4] = y;
                for (int m = 0; m <= tags.length; m++) {
                    double q = z > 0 ? count[m] / z : (m == tags.length ? 1 : 0);
                    record[5 + m] = q;
                    double rho = m == tags.length ? 1 : p.compensation() * m / tags.length;
                    double know = rho * (a.correct() ? 1 - item.slip() : item.slip());
                    double guess = (1 - rho) * (a.correct() ? item.guess() : 1 - item.guess());
                    w += know + guess > 0 ? q * know / (know + guess) : 0;
                }
                e.emission.add(record);
                for (int t : tags) {
                    e.guessRight[t] += (1 - w) * y;
                    e.guessOf[t] += 1 - w;
                    e.slipWrong[t] += w * (1 - y);
                    e.slipOf[t] += w;
                }
                if (a.item() != null) {
                    double[] acc = e.items.computeIfAbsent(a.item(), k -> new double[6]);
                    e.itemShapes.putIfAbsent(a.item(), a);
                    acc[0] += (1 - w) * y;
                    acc[1] += 1 - w;
                    acc[2] += w * (1 - y);
                    acc[3] += w;
                    acc[4] += y;
                    acc[5] += 1;
                }
            }
        }
        return e;
    }

    /** Forward–backward over one skill's chain (two states: known, not known). */
    private static void smooth(int s, double start, Chain chain, Expectations e, Map<Long, Double> knownAt) {
        int m = chain.steps.size();
        double[][] alpha = new double[m + 1][2];
        alpha[0][0] = start;
        alpha[0][1] = 1 - start;
        for (int t = 0; t < m; t++) {
            double[] st = chain.steps.get(t);
            double k;
            double u;
            if (st[0] < 0) {
                k = alpha[t][0] + alpha[t][1] * st[1];
                u = alpha[t][1] * (1 - st[1]);
            } else {
                k = alpha[t][0] * st[1];
                u = alpha[t][1] * st[2];
            }
            double z = k + u;
            alpha[t + 1][0] = z > 0 ? k / z : 0.5;
            alpha[t + 1][1] = z > 0 ? u / z : 0.5;
        }
        double bk = 1;
        double bu = 1;
        for (int t = m - 1; t >= 0; t--) {
            double[] st = chain.steps.get(t);
            // the state after step t: alpha[t + 1] ⊙ beta
            if (st[0] >= 0) {
                double gk = alpha[t + 1][0] * bk;
                double gu = alpha[t + 1][1] * bu;
                knownAt.put(key(s, (int) st[0]), gk + gu > 0 ? gk / (gk + gu) : 0.5);
                double nk = st[1] * bk;
                double nu = st[2] * bu;
                double z = nk + nu;
                bk = z > 0 ? nk / z : 1;
                bu = z > 0 ? nu / z : 1;
            } else {
                double learn = st[1];
                double[] before = alpha[t];
                double stay = before[0] * bk;
                double move = before[1] * learn * bk;
                double remain = before[1] * (1 - learn) * bu;
                double z = stay + move + remain;
                if (z > 0) {
                    // the chance was T·gate: the expected count of opportunities to learn is P(not known)·gate
                    e.learned[s] += move / z;
                    e.learnOf[s] += (move + remain) / z * st[2];
                }
                double nk = bk;
                double nu = learn * bk + (1 - learn) * bu;
                double norm = nk + nu;
                bk = norm > 0 ? nk / norm : 1;
                bu = norm > 0 ? nu / norm : 1;
            }
        }
    }

    private static final double[] ONE = {1, 1};

    private static long key(int skill, int answer) {
        return ((long) skill << 32) | (answer & 0xffffffffL);
    }

    ModelParameters<S> maximise(ModelParameters<S> p, KnowledgeTracing[] targets, boolean[] authored, Expectations e,
            int learners) {
        int n = p.graph().size();
        double spread = p.abilitySpread();
        double[] points = p.model().abilities();
        // skills without an author's prior shrink toward what the skills with evidence have in common (empirical
        // Bayes), so a skill nobody has answered on starts where the others do, not at an arbitrary default
        double pooled = 0;
        int observed = 0;
        for (int s = 0; s < n; s++) {
            if (e.observationsPerSkill[s] > 0) {
                pooled += PrerequisiteInference.logit(p.skill(s).prior());
                observed++;
            }
        }
        double pooledPrior = observed == 0 ? -1 : PrerequisiteInference.sigmoid(pooled / observed);
        KnowledgeTracing[] next = new KnowledgeTracing[n];
        for (int s = 0; s < n; s++) {
            KnowledgeTracing t = targets[s];
            double target = authored[s] || pooledPrior < 0 ? t.prior() : pooledPrior;
            double prior = logisticPrior(e.priorKnown[s], e.priorUnknown[s], points, spread, target, p.skill(s).prior());
            double learn = shrunk(e.learned[s], e.learnOf[s], t.learn(), LEARN_WEIGHT);
            double guess = shrunk(e.guessRight[s], e.guessOf[s], t.guess(), SKILL_WEIGHT);
            double slip = shrunk(e.slipWrong[s], e.slipOf[s], t.slip(), SKILL_WEIGHT);
            next[s] = bounded(prior, learn, guess, slip);
        }
        double leak = ItemParameters.clamp(shrunk(e.leakKnown, e.leakOf, ModelParameters.DEFAULT_LEAK, LEAK_WEIGHT),
                ModelParameters.MIN_LEAK, ModelParameters.MAX_LEAK);
        double nextSpread = spread;
        if (points.length > 1 && learners > 0) {
            // EM for a scale: E[θ²] = spread² · E[z²]; a weak pull toward the default keeps it from collapsing on thin data
            double meanSquare = (spread * spread * e.abilitySquare + LEAK_WEIGHT * ModelParameters.DEFAULT_ABILITY_SPREAD
                    * ModelParameters.DEFAULT_ABILITY_SPREAD) / (learners + LEAK_WEIGHT);
            nextSpread = ItemParameters.clamp(Math.sqrt(meanSquare), ModelParameters.MIN_ABILITY_SPREAD,
                    ModelParameters.MAX_ABILITY_SPREAD);
        }
        ModelParameters<S> skillsOnly = new ModelParameters<>(p.graph(), next, leak, nextSpread, Map.of());
        Map<ItemKey, ItemParameters> items = new LinkedHashMap<>();
        for (Map.Entry<ItemKey, double[]> en : e.items.entrySet()) {
            double[] a = en.getValue();
            ItemParameters starting = skillsOnly.starting(e.itemShapes.get(en.getKey()));
            double guess = ItemParameters.clamp(shrunk(a[0], a[1], starting.guess(), ITEM_WEIGHT), ItemParameters.MIN,
                    ItemParameters.maxGuess(starting.guess()));
            double slip = ItemParameters.clamp(shrunk(a[2], a[3], starting.slip(), ITEM_WEIGHT), ItemParameters.MIN,
                    ItemParameters.MAX_SLIP);
            if (guess + slip >= 0.95) {
                slip = 0.95 - guess;
            }
            double difficulty = Math.log((a[5] - a[4] + 1) / (a[4] + 1));
            items.put(en.getKey(), new ItemParameters(guess, slip, difficulty, (int) a[5]));
        }
        double[] shared = emissionParameters(e.emission, p.compensation(), p.abilityEffect());
        return new ModelParameters<>(p.graph(), next, leak, nextSpread, shared[0], shared[1], items);
    }

    /**
     * The emission's shared parameters, compensation c and ability effect λ: one coordinate-ascent round of the
     * expected log-likelihood Σ answers Σ m P(m tags known | everything) · log P(answer | m; c, λ), each coordinate by
     * golden-section search within its bounds, with a weak pull toward 0 (pure noisy-AND, no ability effect) of
     * {@value #EMISSION_WEIGHT} × x², so that thin data leave them where they were defined.
     */
    static double[] emissionParameters(List<double[]> records, double compensation, double abilityEffect) {
        if (records.isEmpty()) {
            return new double[] {compensation, abilityEffect};
        }
        double lambda = goldenSection(x -> emissionLogLikelihood(records, compensation, x) - EMISSION_WEIGHT * x * x,
                0, LearnerModel.MAX_ABILITY_EFFECT);
        double c = goldenSection(x -> emissionLogLikelihood(records, x, lambda) - EMISSION_WEIGHT * x * x,
                0, NoisyAnd.MAX_COMPENSATION);
        return new double[] {c, lambda};
    }

    static double emissionLogLikelihood(List<double[]> records, double compensation, double abilityEffect) {
        double ll = 0;
        for (double[] rec : records) {
            ItemParameters item = new ItemParameters(rec[0], rec[1], 0, 0).forAbility(rec[2], abilityEffect);
            int k = (int) rec[3];
            boolean right = rec[4] == 1;
            for (int m = 0; m <= k; m++) {
                double q = rec[5 + m];
                if (q > 0) {
                    double e = NoisyAnd.emission(m, k, item.guess(), item.slip(), compensation);
                    ll += q * Math.log(Math.max(1e-12, right ? e : 1 - e));
                }
            }
        }
        return ll;
    }

    /** The maximum of a unimodal function on [lo, hi], to within 1e-4 of the interval. Deterministic. */
    static double goldenSection(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double x1 = b - ratio * (b - a);
        double x2 = a + ratio * (b - a);
        double f1 = f.applyAsDouble(x1);
        double f2 = f.applyAsDouble(x2);
        while (b - a > 1e-4 * (hi - lo)) {
            if (f1 < f2) {
                a = x1;
                x1 = x2;
                f1 = f2;
                x2 = a + ratio * (b - a);
                f2 = f.applyAsDouble(x2);
            } else {
                b = x2;
                x2 = x1;
                f2 = f1;
                x1 = b - ratio * (b - a);
                f1 = f.applyAsDouble(x1);
            }
        }
        double best = (a + b) / 2;
        // the bounds themselves (a parameter at 0 is the common case)
        double fBest = f.applyAsDouble(best);
        for (double edge : new double[] {lo, hi}) {
            double fe = f.applyAsDouble(edge);
            if (fe > fBest) {
                best = edge;
                fBest = fe;
            }
        }
        return best;
    }

    /**
     * The prior that maximises the expected log-likelihood of the start states given the ability points: a
     * one-parameter logistic fit, σ(a + spread·z) at each point z, by Newton's method; {@code PRIOR_WEIGHT}
     * pseudo-learners of average ability with the target rate shrink it.
     */
    static double logisticPrior(double[] known, double[] unknown, double[] points, double spread, double target,
            double from) {
        double a = PrerequisiteInference.logit(ItemParameters.clamp(from, 1e-4, 1 - 1e-4));
        for (int it = 0; it < 30; it++) {
            double g = PRIOR_WEIGHT * (target - PrerequisiteInference.sigmoid(a));
            double h = PRIOR_WEIGHT * derivative(a);
            for (int k = 0; k < points.length; k++) {
                double x = a + spread * points[k];
                double q = PrerequisiteInference.sigmoid(x);
                g += known[k] - (known[k] + unknown[k]) * q;
                h += (known[k] + unknown[k]) * q * (1 - q);
            }
            double step = g / Math.max(h, 1e-9);
            a += Math.max(-2, Math.min(2, step));
            if (Math.abs(step) < 1e-10) {
                break;
            }
        }
        return PrerequisiteInference.sigmoid(a);
    }

    private static double derivative(double a) {
        double q = PrerequisiteInference.sigmoid(a);
        return q * (1 - q);
    }

    /** The skill parameters held within the bounds. */
    public static KnowledgeTracing bounded(double prior, double learn, double guess, double slip) {
        return new KnowledgeTracing(ItemParameters.clamp(prior, MIN_PRIOR, MAX_PRIOR),
                ItemParameters.clamp(learn, MIN_LEARN, MAX_LEARN), ItemParameters.clamp(guess, MIN_GUESS, MAX_GUESS),
                ItemParameters.clamp(slip, MIN_SLIP, MAX_SLIP));
    }

    private static double shrunk(double hits, double of, double target, double weight) {
        return (hits + weight * target) / (of + weight);
    }

    private static double change(ModelParameters<?> a, ModelParameters<?> b) {
        double max = Math.max(Math.abs(a.leak() - b.leak()), Math.abs(a.abilitySpread() - b.abilitySpread()));
        max = Math.max(max, Math.max(Math.abs(a.compensation() - b.compensation()),
                Math.abs(a.abilityEffect() - b.abilityEffect())));
        for (int s = 0; s < a.graph().size(); s++) {
            KnowledgeTracing x = a.skill(s);
            KnowledgeTracing y = b.skill(s);
            max = Math.max(max, Math.max(Math.max(Math.abs(x.prior() - y.prior()), Math.abs(x.learn() - y.learn())),
                    Math.max(Math.abs(x.guess() - y.guess()), Math.abs(x.slip() - y.slip()))));
        }
        for (Map.Entry<ItemKey, ItemParameters> en : b.fittedItems().entrySet()) {
            ItemParameters old = a.fittedItems().get(en.getKey());
            if (old == null) {
                max = Math.max(max, 1);
            } else {
                max = Math.max(max, Math.max(Math.abs(old.guess() - en.getValue().guess()),
                        Math.abs(old.slip() - en.getValue().slip())));
            }
        }
        return max;
    }

    @Override
    public String toString() {
        return "ModelFitter" + Arrays.toString(new double[] {MAX_PRIOR, MAX_LEARN, MAX_GUESS, MAX_SLIP});
    }
}
