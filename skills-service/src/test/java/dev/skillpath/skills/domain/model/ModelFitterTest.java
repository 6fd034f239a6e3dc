package dev.skillpath.skills.domain.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.skills.domain.KnowledgeTracing;

class ModelFitterTest {

    /** One question of the simulation, with its true guess and slip. */
    record Item(ItemKey key, QuestionShape shape, int[] tags, double guess, double slip) {
        AnsweredQuestion answered(boolean correct) {
            return new AnsweredQuestion(key, shape, tags, correct);
        }
    }

    /** The generating model: a graph, true per-skill prior (given the prerequisites) and learn rate, the leak, items. */
    record Truth(ModelGraph<String> graph, double[] prior, double[] learn, double leak, List<Item> items) {

        ModelParameters<String> start() {
            KnowledgeTracing[] kt = new KnowledgeTracing[graph.size()];
            Arrays.fill(kt, KnowledgeTracing.DEFAULTS);
            return new ModelParameters<>(graph, kt, ModelParameters.DEFAULT_LEAK, Map.of());
        }

        /** The true values as model parameters (where they are representable). */
        ModelParameters<String> asParameters() {
            KnowledgeTracing[] kt = new KnowledgeTracing[graph.size()];
            for (int s = 0; s < kt.length; s++) {
                kt[s] = new KnowledgeTracing(prior[s], learn[s], 0.2, 0.1);
            }
            Map<ItemKey, ItemParameters> items = new HashMap<>();
            for (Item it : this.items) {
                items.put(it.key(), new ItemParameters(it.guess(), it.slip(), 0, 0));
            }
            return new ModelParameters<>(graph, kt, leak, 0, items);   // no spread of ability: the data have none
        }

        /**
         * Learners drawn from the model's own generative story: the start state from the Bayesian network on the
         * graph (known with the prior when every prerequisite is known, else with the leak); then attempts of
         * {@code perAttempt} questions on one skill's items, each answered right with 1 − slip when every tagged
         * skill is known, else with the guess; after the attempt each practised skill not yet known is learned
         * with its T if every prerequisite is known then (so the states stay consistent with the graph, as the
         * model's learning gate assumes; only the start states have the leak); one event in ten is a lesson (a
         * learning step, no answer, gated the same way).
         */
        List<List<EvidenceEvent>> learners(long seed, int learners, int attempts, int perAttempt) {
            Random random = new Random(seed);
            int n = graph.size();
            List<List<EvidenceEvent>> histories = new ArrayList<>();
            for (int l = 0; l < learners; l++) {
                boolean[] known = new boolean[n];
                for (int s : graph.order) {
                    boolean all = true;
                    for (int p : graph.parentsOf(s)) {
                        all &= known[p];
                    }
                    known[s] = random.nextDouble() < (all ? prior[s] : leak);
                }
                List<EvidenceEvent> history = new ArrayList<>();
                for (int t = 0; t < attempts; t++) {
                    if (random.nextDouble() < 0.1) {
                        int s = random.nextInt(n);
                        boolean draw = random.nextDouble() < learn[s];   // drawn either way: the same stream of draws
                        known[s] |= draw && prerequisitesKnown(known, s);
                        history.add(EvidenceEvent.lesson(new int[] {s}));
                        continue;
                    }
                    int focus = random.nextInt(n);
                    List<Item> pool = items.stream().filter(it -> it.tags()[0] == focus).toList();
                    List<AnsweredQuestion> answers = new ArrayList<>();
                    Set<Integer> practised = new LinkedHashSet<>();
                    for (int q = 0; q < perAttempt; q++) {
                        Item it = pool.get(random.nextInt(pool.size()));
                        boolean all = true;
                        for (int s : it.tags()) {
                            all &= known[s];
                            practised.add(s);
                        }
                        answers.add(it.answered(random.nextDouble() < (all ? 1 - it.slip() : it.guess())));
                    }
                    // the learning step follows the whole attempt: the prerequisites as they stand after its answers
                    boolean[] before = known.clone();
                    for (int s : practised) {
                        boolean draw = random.nextDouble() < learn[s];
                        known[s] |= draw && prerequisitesKnown(before, s);
                    }
                    history.add(EvidenceEvent.attempt(answers));
                }
                histories.add(history);
            }
            return histories;
        }

        /** Whether every direct prerequisite of s, as authored, is known. */
        boolean prerequisitesKnown(boolean[] known, int s) {
            for (int p : graph.prerequisitesOf(s)) {
                if (!known[p]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final QuestionShape FOUR_CHOICES = new QuestionShape("single_choice", 4, 1);
    private static final QuestionShape TRUE_FALSE = new QuestionShape("true_false", 2, 1);
    private static final QuestionShape NUMERIC = new QuestionShape("numeric", 0, 0);
    private static final QuestionShape SUBSETS = new QuestionShape("multiple_choice", 4, 2);

    private static Item item(int id, QuestionShape shape, double guess, double slip, int... tags) {
        return new Item(new ItemKey(new UUID(0, id), 1), shape, tags, guess, slip);
    }

    /** a, b roots; c requires a; d requires a and b; e requires c (a polytree, where the graph's inference is exact). */
    private static ModelGraph<String> graph() {
        return new ModelGraph<>(List.of("a", "b", "c", "d", "e"),
                List.of(Map.entry("c", "a"), Map.entry("d", "a"), Map.entry("d", "b"), Map.entry("e", "c")));
    }

    private static Truth truth() {
        List<Item> items = List.of(
                item(0, FOUR_CHOICES, 0.22, 0.12, 0), item(1, TRUE_FALSE, 0.47, 0.10, 0),
                item(2, TRUE_FALSE, 0.45, 0.08, 1), item(3, NUMERIC, 0.08, 0.17, 1),
                item(4, NUMERIC, 0.06, 0.15, 2), item(5, SUBSETS, 0.14, 0.07, 2),
                item(6, SUBSETS, 0.12, 0.05, 3), item(7, FOUR_CHOICES, 0.24, 0.14, 3),
                item(8, FOUR_CHOICES, 0.22, 0.12, 4), item(9, TRUE_FALSE, 0.47, 0.10, 4));
        return new Truth(graph(), new double[] {0.5, 0.4, 0.6, 0.5, 0.45}, new double[] {0.15, 0.1, 0.2, 0.12, 0.08}, 0.05,
                items);
    }

    private static Truth truth;
    private static List<List<EvidenceEvent>> data;
    private static ModelFitter.Fit<String> fit;

    @BeforeAll
    static void fitOnce() {
        truth = truth();
        // 2000 learners × 8 events × 3 answers ≈ 43 000 answers, ≈ 4 300 per item
        data = truth.learners(1L, 2000, 8, 3);
        fit = new ModelFitter<String>().fit(truth.start(), data);
    }

    /**
     * From the service's default start (every skill at {@link KnowledgeTracing#DEFAULTS}, the default leak, ability spread
     * 1), on learners whose learning is gated by their prerequisites. Seen with this seed: prior errors ≤ 0.039 (d,
     * whose prior is conditional on a ∧ b, which only ≈ 20 % of learners know: the noisiest), learn errors ≤ 0.047
     * (c 0.153 for 0.2; e 0.033 for 0.08: ≈ 54 expected transitions in ≈ 730 gated opportunities), leak 0.055, the
     * spread shrunk to ≈ 0.21 (its pull toward 1 keeps it from 0) after all 25 iterations. With seeds 2–5: worst prior
     * error 0.063 (d, seed 5), worst learn error 0.085 (c 0.115 for 0.2, seed 5; with the priors shrunk by 4
     * pseudo-learners instead of 30 it was 0.056). One E-step at the true values gives learn rates within
     * 0.008 of the truth with seeds 1–5 but for c with seed 5 (0.1835 for 0.2); e's are all a little low, 0.072–0.079
     * for 0.08 (the gate is the marginal P(prerequisites known), a little above P(prerequisites known | not known)).
     * So the larger errors of the fit are its trade of learn against prior and spread on 8 events per learner, not a
     * bias of the counts. The tolerances below hold for seeds 1–5. (With learning not gated in the data, the fit
     * gave c, d and e learn rates 0.3, 0.3 (the bound) and 0.18.)
     */
    @Test
    void theFitRecoversTheGeneratingSkillParameters() {
        ModelParameters<String> p = fit.parameters();
        StringBuilder report = new StringBuilder();
        for (int s = 0; s < truth.graph().size(); s++) {
            KnowledgeTracing k = p.skill(s);
            report.append(String.format("%s prior %.3f (true %.2f) learn %.3f (true %.2f)%n", truth.graph().skill(s),
                    k.prior(), truth.prior()[s], k.learn(), truth.learn()[s]));
        }
        report.append(String.format("leak %.3f (true %.2f), ability spread %.3f (true 0), %d iterations%n", p.leak(),
                truth.leak(), p.abilitySpread(), fit.iterations()));
        System.out.print(report);
        for (int s = 0; s < truth.graph().size(); s++) {
            assertEquals(truth.prior()[s], p.skill(s).prior(), 0.08, "prior of " + truth.graph().skill(s) + "\n" + report);
            assertEquals(truth.learn()[s], p.skill(s).learn(), 0.09, "learn of " + truth.graph().skill(s) + "\n" + report);
        }
        assertEquals(truth.leak(), p.leak(), 0.03, report.toString());
        assertTrue(fit.iterations() >= 2 && fit.iterations() <= ModelFitter.MAX_ITERATIONS);
        assertEquals(2000, fit.learners());
        assertEquals(data.stream().flatMap(List::stream).mapToInt(e -> e.answers().size()).sum(), fit.observations());
    }

    /**
     * Single-skill items only: seen, guess errors ≤ 0.022 and slip errors ≤ 0.031 (≈ 4 300 answers each); with seeds
     * 2–5, guess ≤ 0.025 and slip ≤ 0.037.
     */
    @Test
    void theFitRecoversTheGeneratingItemParameters() {
        ModelParameters<String> p = fit.parameters();
        StringBuilder report = new StringBuilder();
        for (Item it : truth.items()) {
            ItemParameters f = p.fittedItems().get(it.key());
            report.append(String.format("item %d %s guess %.3f (true %.2f) slip %.3f (true %.2f) n %d%n",
                    it.key().questionId().getLeastSignificantBits(), it.shape().type(), f.guess(), it.guess(), f.slip(),
                    it.slip(), f.observations()));
        }
        System.out.print(report);
        for (Item it : truth.items()) {
            ItemParameters f = p.fittedItems().get(it.key());
            assertTrue(f.observations() >= 300, report.toString());
            assertEquals(it.guess(), f.guess(), 0.06, "guess\n" + report);
            assertEquals(it.slip(), f.slip(), 0.05, "slip\n" + report);
        }
    }

    @Test
    void theFittedLogLikelihoodBeatsTheStartAndMatchesTheTruth() {
        ModelFitter<String> fitter = new ModelFitter<>();
        double start = fitter.expect(truth.start(), data).logLikelihood;
        double atTruth = fitter.expect(truth.asParameters(), data).logLikelihood;
        System.out.printf("log-likelihood: start %.1f, truth %.1f, fitted %.1f%n", start, atTruth, fit.logLikelihood());
        assertTrue(fit.logLikelihood() > start + 100, "fitted " + fit.logLikelihood() + " vs start " + start);
        // the generating parameters are no better than the fit (up to 0.05 %: the sum is a predictive one)
        assertTrue(fit.logLikelihood() > atTruth - 0.0005 * Math.abs(atTruth), "fitted " + fit.logLikelihood()
                + " vs truth " + atTruth);
        // and the reported value is that of the fitted parameters
        assertEquals(fitter.expect(fit.parameters(), data).logLikelihood, fit.logLikelihood(), 0);
    }

    @Test
    void theFitIsDeterministic() {
        // from the default start, whose ability spread makes every estimate a mixture over seven ability points
        List<List<EvidenceEvent>> small = truth.learners(2L, 200, 6, 3);
        ModelFitter.Fit<String> one = new ModelFitter<String>().fit(truth.start(), small);
        ModelFitter.Fit<String> two = new ModelFitter<String>().fit(truth.start(), truth.learners(2L, 200, 6, 3));
        assertTrue(one.iterations() > 1);
        assertEquals(one.iterations(), two.iterations());
        assertEquals(one.logLikelihood(), two.logLikelihood(), 0);
        assertEquals(one.parameters().leak(), two.parameters().leak(), 0);
        for (int s = 0; s < truth.graph().size(); s++) {
            assertEquals(one.parameters().skill(s), two.parameters().skill(s));
        }
        assertEquals(one.parameters().fittedItems(), two.parameters().fittedItems());
        assertTrue(Arrays.equals(one.observationsPerSkill(), two.observationsPerSkill()));
        assertTrue(Arrays.equals(one.learnersPerSkill(), two.learnersPerSkill()));
    }

    @Test
    void fittedValuesStayWithinTheBoundsWhenTheTruthIsOutsideThem() {
        // a: known by 97 % (prior 0.97), its items slip 0.4 and never. b: never known (prior 0.001, T 0), its items
        // guessed 75 %, 55 %, 45 % and never. c (requires a): rarely known at the start (0.02) but learned at 0.6 per
        // attempt. d (requires a and b): known only through the leak, 0.4; its item never guessed nor slipped.
        // e (requires c): an item guessed 90 %. f: a root never known nor learned, with plain items.
        List<Item> items = List.of(
                item(20, FOUR_CHOICES, 0.3, 0.40, 0), item(21, TRUE_FALSE, 0.5, 0.0, 0),
                item(22, TRUE_FALSE, 0.75, 0.3, 1), item(23, FOUR_CHOICES, 0.55, 0.3, 1),
                item(24, NUMERIC, 0.45, 0.3, 1), item(25, FOUR_CHOICES, 0.0, 0.3, 1),
                item(26, FOUR_CHOICES, 0.2, 0.1, 2), item(27, NUMERIC, 0.05, 0.1, 2),
                item(28, NUMERIC, 0.0, 0.0, 3), item(29, TRUE_FALSE, 0.9, 0.0, 4),
                item(30, FOUR_CHOICES, 0.2, 0.1, 5), item(31, QuestionShape.UNKNOWN, 0.2, 0.1, 5));
        ModelGraph<String> graph = new ModelGraph<>(List.of("a", "b", "c", "d", "e", "f"),
                List.of(Map.entry("c", "a"), Map.entry("d", "a"), Map.entry("d", "b"), Map.entry("e", "c")));
        Truth extreme = new Truth(graph, new double[] {0.97, 0.001, 0.02, 0.9, 0.95, 0.001},
                new double[] {0.6, 0.0, 0.6, 0.0, 0.001, 0.0}, 0.4, items);
        ModelFitter.Fit<String> f = new ModelFitter<String>().fit(extreme.start(), extreme.learners(3L, 600, 6, 3));
        ModelParameters<String> p = f.parameters();
        StringBuilder report = new StringBuilder();
        for (int s = 0; s < 6; s++) {
            report.append(p.graph().skill(s)).append(' ').append(p.skill(s)).append('\n');
        }
        report.append("leak ").append(p.leak()).append(", ability spread ").append(p.abilitySpread()).append('\n');
        for (Item it : items) {
            report.append(it).append(" → ").append(p.fittedItems().get(it.key())).append('\n');
        }
        System.out.print(report);
        String why = report.toString();
        for (int s = 0; s < 6; s++) {
            KnowledgeTracing k = p.skill(s);
            assertTrue(k.prior() >= ModelFitter.MIN_PRIOR && k.prior() <= ModelFitter.MAX_PRIOR, why);
            assertTrue(k.learn() >= ModelFitter.MIN_LEARN && k.learn() <= ModelFitter.MAX_LEARN, why);
            assertTrue(k.guess() >= ModelFitter.MIN_GUESS && k.guess() <= ModelFitter.MAX_GUESS, why);
            assertTrue(k.slip() >= ModelFitter.MIN_SLIP && k.slip() <= ModelFitter.MAX_SLIP, why);
        }
        assertTrue(p.leak() >= ModelParameters.MIN_LEAK && p.leak() <= ModelParameters.MAX_LEAK, why);
        assertTrue(p.abilitySpread() >= ModelParameters.MIN_ABILITY_SPREAD
                && p.abilitySpread() <= ModelParameters.MAX_ABILITY_SPREAD, why + "spread " + p.abilitySpread());
        assertEquals(12, p.fittedItems().size());
        for (Item it : items) {
            ItemParameters fitted = p.fittedItems().get(it.key());
            ItemParameters starting = p.starting(it.answered(true));
            assertTrue(fitted.guess() >= ItemParameters.MIN
                    && fitted.guess() <= ItemParameters.maxGuess(starting.guess()) + 1e-12, it + " → " + fitted);
            assertTrue(fitted.slip() >= ItemParameters.MIN && fitted.slip() <= ItemParameters.MAX_SLIP, it + " → " + fitted);
        }
        // and pushed against the bounds the truth lies beyond
        assertEquals(ModelFitter.MAX_PRIOR, p.skill(0).prior(), 1e-12, "prior of a\n" + why);
        assertEquals(ModelFitter.MAX_SLIP, p.skill(0).slip(), 1e-12, "skill slip of a (items slip 0.4, 0)\n" + why);
        assertEquals(ModelFitter.MAX_GUESS, p.skill(1).guess(), 1e-12, "skill guess of b\n" + why);
        assertEquals(ModelFitter.MAX_LEARN, p.skill(2).learn(), 1e-12, "learn of c\n" + why);
        assertEquals(ModelFitter.MIN_GUESS, p.skill(3).guess(), 1e-12, "skill guess of d\n" + why);
        assertEquals(ModelFitter.MIN_SLIP, p.skill(3).slip(), 1e-12, "skill slip of d\n" + why);
        // f, never known: its prior falls from 0.5 toward the bound, held off it by the shrinkage toward the skills'
        // pooled prior (30 pseudo-learners against 600 learners' evidence; seen 0.060)
        assertTrue(p.skill(5).prior() >= ModelFitter.MIN_PRIOR && p.skill(5).prior() < 0.1, "prior of f\n" + why);
        // true T = 0: EM creeps toward a boundary (0.0114 after the iterations allowed), the bound is not reached
        assertTrue(p.skill(5).learn() < 0.02, "learn of f\n" + why);
        assertEquals(ModelParameters.MAX_LEAK, p.leak(), 1e-12, why);
        assertEquals(ItemParameters.MAX_SLIP, fitted(p, items.get(0)).slip(), 1e-12, why);     // slip 0.4
        assertEquals(ItemParameters.MIN, fitted(p, items.get(1)).slip(), 1e-12, why);          // slip 0
        assertEquals(0.6, fitted(p, items.get(2)).guess(), 1e-12, why);                        // 0.75 > 0.5 + 0.1
        assertEquals(0.35, fitted(p, items.get(3)).guess(), 1e-12, why);                       // 0.55 > 0.25 + 0.1
        assertEquals(0.3, fitted(p, items.get(4)).guess(), 1e-12, why);                        // 0.45 > max(0.3, 0.13)
        // never guessed: 8 pseudo-answers at the starting 0.25 over ≈ 390 answers keep it at 0.0052, just above 0.005
        assertTrue(fitted(p, items.get(5)).guess() < 0.01, why);
        assertEquals(ItemParameters.MIN, fitted(p, items.get(8)).guess(), 1e-12, why);
        assertEquals(ItemParameters.MIN, fitted(p, items.get(8)).slip(), 1e-12, why);
        assertEquals(0.6, fitted(p, items.get(9)).guess(), 1e-12, why);                        // 0.9
    }

    private static ItemParameters fitted(ModelParameters<String> p, Item it) {
        return p.fittedItems().get(it.key());
    }

    @Test
    void aTwoSkillItemAtItsTrueValuesIsAFixedPointOfTheEStep() {
        // independent skills a, b known with 0.5; one item tagged {a, b}, guess 0.2, slip 0.1; 1000 learners
        // answer it once, in the exact expected proportions: P(right) = 0.25·0.9 + 0.75·0.2 = 0.375 → 375 right.
        // exact E-step: P(a ∧ b | right) = 0.225 / 0.375 = 0.6, P(a ∧ b | wrong) = 0.025 / 0.625 = 0.04, so
        //   slip = 625·0.04 / (625·0.04 + 375·0.6) = 25 / 250 = 0.1, guess = 375·0.4 / (375·0.4 + 625·0.96) = 0.2.
        // the E-step's cavity: each tag's smoothed belief without this answer's message is its prior 0.5, so
        //   w = 0.25·0.9 / 0.375 = 0.6 and 0.25·0.1 / 0.625 = 0.04, the exact values. (The former product of the
        //   smoothed marginals, 0.7333² = 0.5378 and 0.36² = 0.1296, gave slip 0.287 and guess 0.242.)
        ModelGraph<String> g = new ModelGraph<>(List.of("a", "b"), List.of());
        KnowledgeTracing kt = new KnowledgeTracing(0.5, 0.1, 0.2, 0.1);
        ItemKey key = new ItemKey(new UUID(0, 1), 1);
        ModelParameters<String> p = new ModelParameters<>(g, new KnowledgeTracing[] {kt, kt}, 0.05, 0,
                Map.of(key, new ItemParameters(0.2, 0.1, 0, 0)));
        List<List<EvidenceEvent>> histories = new ArrayList<>();
        for (int l = 0; l < 1000; l++) {
            histories.add(List.of(EvidenceEvent.attempt(List.of(
                    new AnsweredQuestion(key, FOUR_CHOICES, new int[] {0, 1}, l < 375)))));
        }
        double[] acc = new ModelFitter<String>().expect(p, histories).items.get(key);
        double guess = acc[0] / acc[1];
        double slip = acc[2] / acc[3];
        assertAll(() -> assertEquals(0.2, guess, 1e-9, "guess"), () -> assertEquals(0.1, slip, 1e-9, "slip"),
                () -> assertEquals(375 * 0.6 + 625 * 0.04, acc[3], 1e-9, "Σ w"));
    }

    @Test
    void aSingleSkillItemAtItsTrueValuesIsAFixedPointOfTheEStep() {
        // the same with one skill known with 0.5: P(right) = 0.5·0.9 + 0.5·0.2 = 0.55 → 550 of 1000 right
        // P(a | right) = 0.45/0.55, P(a | wrong) = 0.05/0.45: slip = 450·(1/9) / (450/9 + 450) = 50/500 = 0.1
        ModelGraph<String> g = new ModelGraph<>(List.of("a"), List.of());
        ItemKey key = new ItemKey(new UUID(0, 1), 1);
        ModelParameters<String> p = new ModelParameters<>(g, new KnowledgeTracing[] {new KnowledgeTracing(0.5, 0.1, 0.2, 0.1)},
                0.05, 0, Map.of(key, new ItemParameters(0.2, 0.1, 0, 0)));
        List<List<EvidenceEvent>> histories = new ArrayList<>();
        for (int l = 0; l < 1000; l++) {
            histories.add(List.of(EvidenceEvent.attempt(List.of(new AnsweredQuestion(key, FOUR_CHOICES, new int[] {0}, l < 550)))));
        }
        ModelFitter.Expectations e = new ModelFitter<String>().expect(p, histories);
        double[] acc = e.items.get(key);
        assertEquals(0.2, acc[0] / acc[1], 1e-9, "guess");
        assertEquals(0.1, acc[2] / acc[3], 1e-9, "slip");
        assertEquals(0.5, e.priorKnown[0][0] / (e.priorKnown[0][0] + e.priorUnknown[0][0]), 1e-9, "prior");
        assertEquals(550, acc[4], 0);
        assertEquals(1000, acc[5], 0);
    }

    @Test
    void aMultiSkillAnswersWeightIsTheExactPosteriorThatAllItsSkillsAreKnown() {
        // independent skills a (0.4), b (0.6); one attempt: two right answers on an item of a (guess 0.25, slip 0.1),
        // a wrong one on an item of b (0.2, 0.05), then a wrong one on an item of both (0.2, 0.1). Nothing is learned
        // between answers, so the four states (a, b) weighed by prior × the four answers' likelihoods are exact:
        //   w of the joint answer = P(a ∧ b | all four), of a's answers P(a | all), of b's P(b | all)
        ModelGraph<String> g = new ModelGraph<>(List.of("a", "b"), List.of());
        KnowledgeTracing[] kt = {new KnowledgeTracing(0.4, 0.1, 0.2, 0.1), new KnowledgeTracing(0.6, 0.1, 0.2, 0.1)};
        ItemKey onA = new ItemKey(new UUID(0, 1), 1);
        ItemKey onB = new ItemKey(new UUID(0, 2), 1);
        ItemKey onBoth = new ItemKey(new UUID(0, 3), 1);
        ModelParameters<String> p = new ModelParameters<>(g, kt, 0.05, 0, Map.of(onA, new ItemParameters(0.25, 0.1, 0, 0),
                onB, new ItemParameters(0.2, 0.05, 0, 0), onBoth, new ItemParameters(0.2, 0.1, 0, 0)));
        List<List<EvidenceEvent>> histories = List.of(List.of(EvidenceEvent.attempt(List.of(
                new AnsweredQuestion(onA, FOUR_CHOICES, new int[] {0}, true),
                new AnsweredQuestion(onA, FOUR_CHOICES, new int[] {0}, true),
                new AnsweredQuestion(onB, FOUR_CHOICES, new int[] {1}, false),
                new AnsweredQuestion(onBoth, FOUR_CHOICES, new int[] {0, 1}, false)))));
        double[] state = new double[4];   // index 2·a + b
        for (int a = 0; a <= 1; a++) {
            for (int b = 0; b <= 1; b++) {
                double w = (a == 1 ? 0.4 : 0.6) * (b == 1 ? 0.6 : 0.4);
                w *= a == 1 ? 0.9 * 0.9 : 0.25 * 0.25;      // two right answers on a's item
                w *= b == 1 ? 0.05 : 0.8;                   // a wrong one on b's
                w *= a == 1 && b == 1 ? 0.1 : 0.8;          // a wrong one on both
                state[2 * a + b] = w;
            }
        }
        double z = Arrays.stream(state).sum();
        double both = state[3] / z;
        double knowsA = (state[2] + state[3]) / z;
        double knowsB = (state[1] + state[3]) / z;
        ModelFitter.Expectations e = new ModelFitter<String>().expect(p, histories);
        assertEquals(both, e.items.get(onBoth)[3], 1e-12, "w of the joint answer");
        assertEquals(1 - both, e.items.get(onBoth)[1], 1e-12);
        assertEquals(2 * knowsA, e.items.get(onA)[3], 1e-12, "Σ w of a's answers");
        assertEquals(knowsB, e.items.get(onB)[3], 1e-12, "w of b's answer");
        // and not the product of the marginals (0.0176 for an exact 0.0103): the wrong joint answer's explaining-away
        // makes a and b known together less likely than each alone says
        assertTrue(knowsA * knowsB > 1.5 * both, knowsA * knowsB + " vs " + both);
    }

    @Test
    void theLearnCountsWeighEachOpportunityByItsGate() {
        // b requires a; a (prior q = 0.3) never answered; b prior 0.6, T 0.1; b's item guess 0.2, slip 0.1; leak
        // 0.05, no spread. One learner: a lesson on b (gate g1 = 0.3), then an attempt with one right answer on b
        // (its learning step has gate g2 = P(a) in the attempt's running view: the answer is about b, so a stands where
        // the lesson left it, and a lesson is no observation, so at its prior 0.3). By hand, with P0 = P(b at the start) = 0.6·0.3 +
        // 0.05·0.7 = 0.215 and Z = P(right) = (P0 + (1 − P0)·0.1·g1)·0.9 + (1 − P0)·(1 − 0.1·g1)·0.2:
        //   lesson:  moved = (1 − P0)·0.1·g1·0.9 / Z; not known before, weighed by its gate = (1 − P0)·(0.1·g1·0.9 +
        //            (1 − 0.1·g1)·0.2) / Z · g1
        //   attempt: not known after the answer, u = (1 − P0)·(1 − 0.1·g1)·0.2 / Z, nothing after it:
        //            moved = u·0.1·g2, not known before weighed by its gate = u·g2
        // the M-step's T = Σ moved / Σ (P(not known before)·gate), shrunk by LEARN_WEIGHT pseudo-counts at 0.1
        ModelGraph<String> g = new ModelGraph<>(List.of("a", "b"), List.of(Map.entry("b", "a")));
        KnowledgeTracing[] kt = {new KnowledgeTracing(0.3, 0.2, 0.2, 0.1), new KnowledgeTracing(0.6, 0.1, 0.2, 0.1)};
        ItemKey key = new ItemKey(new UUID(0, 1), 1);
        ModelParameters<String> p = new ModelParameters<>(g, kt, 0.05, 0, Map.of(key, new ItemParameters(0.2, 0.1, 0, 0)));
        List<List<EvidenceEvent>> histories = List.of(List.of(EvidenceEvent.lesson(new int[] {1}),
                EvidenceEvent.attempt(List.of(new AnsweredQuestion(key, FOUR_CHOICES, new int[] {1}, true)))));
        double p0 = 0.6 * 0.3 + 0.05 * 0.7;
        double g1 = 0.3;
        double known = p0 + (1 - p0) * 0.1 * g1;
        double z = known * 0.9 + (1 - p0) * (1 - 0.1 * g1) * 0.2;
        double g2 = 0.3;
        double u = (1 - p0) * (1 - 0.1 * g1) * 0.2 / z;
        double moved = (1 - p0) * 0.1 * g1 * 0.9 / z + u * 0.1 * g2;
        double opportunities = (1 - p0) * (0.1 * g1 * 0.9 + (1 - 0.1 * g1) * 0.2) / z * g1 + u * g2;
        ModelFitter<String> fitter = new ModelFitter<>();
        ModelFitter.Expectations e = fitter.expect(p, histories);
        assertEquals(moved, e.learned[1], 1e-12, "expected transitions");
        assertEquals(opportunities, e.learnOf[1], 1e-12, "gated opportunities");
        assertEquals(0, e.learned[0], 0);
        assertEquals(0, e.learnOf[0], 0);
        double t = fitter.maximise(p, kt, new boolean[2], e, 1).skill(1).learn();
        assertEquals((moved + ModelFitter.LEARN_WEIGHT * 0.1) / (opportunities + ModelFitter.LEARN_WEIGHT), t, 1e-12);
    }
}
