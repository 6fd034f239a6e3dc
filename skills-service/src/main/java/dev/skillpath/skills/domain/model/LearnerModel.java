package dev.skillpath.skills.domain.model;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.skillpath.skills.domain.KnowledgeTracing;

/**
 * Skillpath's learner model: what a learner knows, from their graded answers and lessons, over the skills graph.
 *
 * <ul>
 * <li>An answer is one observation of its <em>question</em>. Its tagged skills are updated jointly under the
 * conjunctive emission ({@link NoisyAnd}, with its fitted compensation for knowing some of the tags) with the
 * question's own guess and slip ({@link ItemParameters}), as they are for a learner of this one's expected ability
 * ({@link ItemParameters#forAbility}, the fitted ability effect); each skill takes its marginal. A skill tagged twice
 * counts once.</li>
 * <li>Each skill's evidence is a Bayesian Knowledge Tracing chain (Corbett &amp; Anderson 1994) kept in a form that
 * leaves its start open ({@link SkillEvidence}); after a graded attempt or a lesson, each skill it practised may
 * have been learned (probability T, once per attempt: learners see their results after submitting).</li>
 * <li>Where the learner stood before any evidence comes from the {@code requires} graph
 * ({@link PrerequisiteInference}): the evidence of every skill is carried to its prerequisites and to the skills
 * that require it.</li>
 * </ul>
 *
 * A plain class over arrays: the consumer, a replay, the fitter and the evaluation all run this same code.
 */
public final class LearnerModel<S> {

    /**
     * Where a learner's general ability may lie, in units of the spread: a 7-point discretisation of a standard
     * normal (each point stands for the seventh of the mass around it, weights ∝ its density).
     */
    static final double[] ABILITY_POINTS = {-2.14, -1.24, -0.57, 0, 0.57, 1.24, 2.14};
    /** The largest ability effect on guess and slip a fit may give (logit per logit). */
    public static final double MAX_ABILITY_EFFECT = 2;
    /** An ability whose posterior weight is below this is left out of the mixture (its share is negligible). */
    static final double NEGLIGIBLE = 1e-4;

    private final ModelGraph<S> graph;
    private final KnowledgeTracing[] skills;
    private final double abilitySpread;
    private final double compensation;
    private final double abilityEffect;
    private final double[] abilities;
    private final double[] abilityPrior;
    private final PrerequisiteInference[] inference;
    /** Per ability, every skill's probability of being known before any evidence. */
    private final double[][] startingKnown;

    public LearnerModel(ModelGraph<S> graph, KnowledgeTracing[] skills, double leak) {
        this(graph, skills, leak, 0);
    }

    /**
     * @param abilitySpread the standard deviation of learners' general ability on the logit scale: a learner of
     *                      ability θ knows a skill whose prerequisites they know with σ(logit(prior) + θ). 0 for none.
     */
    public LearnerModel(ModelGraph<S> graph, KnowledgeTracing[] skills, double leak, double abilitySpread) {
        this(graph, skills, leak, abilitySpread, 0, 0);
    }

    /**
     * @param compensation  {@link NoisyAnd}'s share of the way from guessing to knowing that each known tag of a
     *                      question buys, in [0, {@value NoisyAnd#MAX_COMPENSATION}]; 0 for the pure noisy-AND
     * @param abilityEffect how much the learner's general ability moves an item's guess and slip (logit per logit),
     *                      in [0, {@value #MAX_ABILITY_EFFECT}]; 0 for none
     */
    public LearnerModel(ModelGraph<S> graph, KnowledgeTracing[] skills, double leak, double abilitySpread,
            double compensation, double abilityEffect) {
        if (skills.length != graph.size()) {
            throw new IllegalArgumentException("one set of parameters per skill");
        }
        if (!(leak > 0 && leak < 1)) {
            throw new IllegalArgumentException("leak must be in (0, 1), was " + leak);
        }
        if (!(abilitySpread >= 0 && abilitySpread <= 5)) {
            throw new IllegalArgumentException("abilitySpread must be in [0, 5], was " + abilitySpread);
        }
        if (!(compensation >= 0 && compensation <= NoisyAnd.MAX_COMPENSATION)) {
            throw new IllegalArgumentException("compensation must be in [0, " + NoisyAnd.MAX_COMPENSATION + "], was " + compensation);
        }
        if (!(abilityEffect >= 0 && abilityEffect <= MAX_ABILITY_EFFECT)) {
            throw new IllegalArgumentException("abilityEffect must be in [0, " + MAX_ABILITY_EFFECT + "], was " + abilityEffect);
        }
        this.graph = graph;
        this.skills = skills.clone();
        this.abilitySpread = abilitySpread;
        this.compensation = compensation;
        this.abilityEffect = abilityEffect;
        double[] points = abilitySpread == 0 ? new double[] {0} : ABILITY_POINTS;
        abilities = new double[points.length];
        abilityPrior = new double[points.length];
        inference = new PrerequisiteInference[points.length];
        startingKnown = new double[points.length][];
        double total = 0;
        double[] none = new double[graph.size()];
        for (int k = 0; k < points.length; k++) {
            abilities[k] = points[k];
            abilityPrior[k] = Math.exp(-points[k] * points[k] / 2);
            total += abilityPrior[k];
            double[] prior = new double[skills.length];
            for (int i = 0; i < skills.length; i++) {
                double p = Math.max(1e-6, Math.min(1 - 1e-6, skills[i].prior()));
                prior[i] = PrerequisiteInference.sigmoid(PrerequisiteInference.logit(p) + abilitySpread * points[k]);
            }
            inference[k] = new PrerequisiteInference(graph, prior, leak);
            PrerequisiteInference.Beliefs b = inference[k].infer(none);
            startingKnown[k] = new double[skills.length];
            for (int i = 0; i < skills.length; i++) {
                startingKnown[k][i] = b.probability(i);
            }
        }
        for (int k = 0; k < points.length; k++) {
            abilityPrior[k] /= total;
        }
    }

    public ModelGraph<S> graph() {
        return graph;
    }

    PrerequisiteInference inference(int ability) {
        return inference[ability];
    }

    /** The ability points in units of the spread (one point, 0, without ability). */
    double[] abilities() {
        return abilities.clone();
    }

    public double abilitySpread() {
        return abilitySpread;
    }

    public double compensation() {
        return compensation;
    }

    public double abilityEffect() {
        return abilityEffect;
    }

    /** The learner's expected general ability on the logit scale (0 the average learner). */
    public double ability(Estimates now) {
        return now.ability(abilities) * abilitySpread;
    }

    /** The item as it behaves for this learner, given their estimates ({@link ItemParameters#forAbility}). */
    public ItemParameters forLearner(Estimates now, ItemParameters item) {
        return abilityEffect == 0 ? item : item.forAbility(ability(now), abilityEffect);
    }

    public KnowledgeTracing parameters(int skill) {
        return skills[skill];
    }

    public LearnerState fresh() {
        return new LearnerState(graph.size());
    }

    /**
     * The estimates: per skill P(known now); and behind them, per ability point, the posterior weight of that ability
     * and the graph's beliefs given it (null where the weight is negligible).
     */
    public record Estimates(double[] known, double[] weights, PrerequisiteInference.Beliefs[] byAbility) {
        public double known(int skill) {
            return known[skill];
        }

        /** The learner's expected ability, in units of the spread. */
        public double ability(double[] points) {
            double a = 0;
            for (int k = 0; k < weights.length; k++) {
                a += weights[k] * points[k];
            }
            return a;
        }
    }

    /**
     * Every skill's estimate. The ability is weighed by how well each point explains the learner's evidence, taking
     * the skills as independent for that weighing (the graph's correlations would make it a little more cautious);
     * then, at each point that matters, the graph combines the evidence; the mixture is the estimate.
     */
    public Estimates estimate(LearnerState state) {
        int n = graph.size();
        double[] ratio = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            ratio[i] = state.evidence[i].logLikelihoodRatio();
            any |= ratio[i] != 0;
        }
        int points = abilities.length;
        double[] weights = new double[points];
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < points; k++) {
            double ll = Math.log(abilityPrior[k]);
            if (any) {
                for (int i = 0; i < n; i++) {
                    if (ratio[i] != 0) {
                        double p = startingKnown[k][i];
                        ll += SkillEvidence.logSumExp(Math.log(p) + ratio[i], Math.log1p(-p));
                    }
                }
            }
            weights[k] = ll;
            best = Math.max(best, ll);
        }
        double total = 0;
        for (int k = 0; k < points; k++) {
            weights[k] = Math.exp(weights[k] - best);
            total += weights[k];
        }
        double kept = 0;
        for (int k = 0; k < points; k++) {
            weights[k] /= total;
            if (weights[k] < NEGLIGIBLE) {
                weights[k] = 0;
            }
            kept += weights[k];
        }
        double[] start = new double[n];
        PrerequisiteInference.Beliefs[] byAbility = new PrerequisiteInference.Beliefs[points];
        for (int k = 0; k < points; k++) {
            if (weights[k] == 0) {
                continue;
            }
            weights[k] /= kept;
            byAbility[k] = inference[k].infer(ratio);
            for (int i = 0; i < n; i++) {
                start[i] += weights[k] * byAbility[k].probability(i);
            }
        }
        double[] known = new double[n];
        for (int i = 0; i < n; i++) {
            known[i] = state.evidence[i].knownNow(Math.min(1, start[i]));
        }
        return new Estimates(known, weights, byAbility);
    }

    /**
     * A skill's estimate after its own evidence changed, the rest of the graph held as it stood in {@code before}
     * (the ability weights and every other skill's message to it): what one answer does to the skills it is about,
     * without running the graph again. Exact for a skill alone; the next full {@link #estimate} carries the change
     * to the others.
     */
    public double knownLocally(Estimates before, int skill, SkillEvidence evidence) {
        double ratio = evidence.logLikelihoodRatio();
        double start = 0;
        for (int k = 0; k < before.weights().length; k++) {
            if (before.weights()[k] > 0) {
                start += before.weights()[k]
                        * PrerequisiteInference.sigmoid(before.byAbility()[k].fromGraph(skill) + ratio);
            }
        }
        return evidence.knownNow(Math.min(1, start));
    }

    /** P(a right answer to the question now). */
    public double probabilityCorrect(Estimates now, int[] tags, ItemParameters item) {
        int[] t = distinct(tags);
        double[] known = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            known[i] = now.known(t[i]);
        }
        ItemParameters forThem = forLearner(now, item);
        return NoisyAnd.probabilityCorrect(known, forThem.guess(), forThem.slip(), compensation);
    }

    /** Receives, per skill, each step the model took, in order: what the fitter's E-step needs. */
    public interface Steps {
        /** An answer's likelihood for the skill, known and not known; {@code answer} numbers the answers. */
        void observed(int skill, int answer, double ifKnown, double ifUnknown);

        /**
         * A learning opportunity: not known became known with probability {@code learn} × {@code gate}, the gate
         * being the probability that the skill's prerequisites were known then.
         */
        void learned(int skill, double learn, double gate);

        Steps NONE = new Steps() {
            @Override
            public void observed(int skill, int answer, double ifKnown, double ifUnknown) {
            }

            @Override
            public void learned(int skill, double learn, double gate) {
            }
        };
    }

    /**
     * One graded answer: the tagged skills' evidence is updated jointly. Skills outside the graph (index −1) are
     * left out. The beliefs about the other tagged skills, and the learner's ability, are the estimates just before
     * the answer.
     */
    public void answer(LearnerState state, int[] tags, ItemParameters item, boolean correct, int answerNumber,
            Steps steps) {
        boolean needsEstimate = distinct(tags).length > 1 || abilityEffect > 0;
        Estimates now = needsEstimate ? estimate(state) : null;
        answer(state, tags, now == null ? item : forLearner(now, item), correct, answerNumber, steps,
                now == null ? null : now.known());
    }

    /**
     * The same, with the beliefs about the tagged skills taken from {@code beliefs} (every skill's P(known); may be
     * null for a question with one tag), and {@code item} already as it is for this learner ({@link #forLearner}).
     */
    public void answer(LearnerState state, int[] tags, ItemParameters item, boolean correct, int answerNumber,
            Steps steps, double[] beliefs) {
        int[] t = distinct(tags);
        if (t.length == 0) {
            return;
        }
        double[] known = new double[t.length];
        if (t.length > 1) {
            for (int i = 0; i < t.length; i++) {
                known[i] = beliefs[t[i]];
            }
        }
        for (int i = 0; i < t.length; i++) {
            int s = t[i];
            double ifKnown = NoisyAnd.likelihoodKnown(known, i, item.guess(), item.slip(), compensation, correct);
            double ifUnknown = NoisyAnd.likelihoodUnknown(known, i, item.guess(), item.slip(), compensation, correct);
            state.evidence[s] = state.evidence[s].observed(ifKnown, ifUnknown);
            state.observations[s]++;
            if (correct) {
                state.correct[s]++;
            }
            steps.observed(s, answerNumber, ifKnown, ifUnknown);
        }
    }

    /**
     * A learning opportunity for each skill (after a graded attempt: the skills it practised; a lesson's skills). A
     * skill can be learned only once its prerequisites are: the chance is T times the probability that its
     * prerequisites are known now, so the states the model believes in stay consistent with the graph.
     */
    public void learn(LearnerState state, int[] practised, boolean lesson, Steps steps) {
        int[] skillsPractised = distinct(practised);
        double[] known = null;
        for (int s : skillsPractised) {
            if (graph.parents[s].length > 0) {
                known = estimate(state).known();
                break;
            }
        }
        learn(state, skillsPractised, lesson, steps, known);
    }

    /** The same, the prerequisites' P(known) taken from {@code beliefs}. */
    public void learn(LearnerState state, int[] practised, boolean lesson, Steps steps, double[] beliefs) {
        int[] skillsPractised = distinct(practised);
        double[] known = beliefs;
        for (int s : skillsPractised) {
            double gate = 1;
            for (int p : graph.parents[s]) {
                gate *= known[p];
            }
            double t = skills[s].learn();
            state.evidence[s] = state.evidence[s].learned(t * gate);
            if (lesson) {
                state.learningSteps[s]++;
            }
            steps.learned(s, t, gate);
        }
    }

    /** The positions, without −1 and without repeats, in their first order. */
    static int[] distinct(int[] skills) {
        Set<Integer> seen = new LinkedHashSet<>();
        for (int s : skills) {
            if (s >= 0) {
                seen.add(s);
            }
        }
        if (seen.size() == skills.length) {
            return skills;
        }
        return seen.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return "LearnerModel" + Arrays.toString(skills) + ", ability spread " + abilitySpread + ", compensation "
                + compensation + ", ability effect " + abilityEffect;
    }
}
