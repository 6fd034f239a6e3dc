package dev.skillpath.skills.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.skills.domain.KnowledgeTracing;

/** The emission's shared parameters: compensation and ability effect, from the M-step alone and from a whole fit. */
class EmissionFitTest {

    private static final double GUESS = 0.2;
    private static final double SLIP = 0.1;

    /**
     * Complete data for the M-step: answers to two-tag questions whose number of known tags m is certain (the
     * posterior over m is one-hot), by learners of ability ~ N(0, 1), answered right with the emission's probability
     * at the true compensation and ability effect. Record layout as {@link ModelFitter.Expectations#emission}.
     */
    private static List<double[]> records(long seed, int n, double compensation, double abilityEffect) {
        Random random = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int m = (random.nextDouble() < 0.5 ? 1 : 0) + (random.nextDouble() < 0.5 ? 1 : 0);
            double ability = random.nextGaussian();
            ItemParameters item = new ItemParameters(GUESS, SLIP, 0, 0).forAbility(ability, abilityEffect);
            double right = NoisyAnd.emission(m, 2, item.guess(), item.slip(), compensation);
            double[] rec = new double[8];
            rec[0] = GUESS;
            rec[1] = SLIP;
            rec[2] = ability;
            rec[3] = 2;
            rec[4] = random.nextDouble() < right ? 1 : 0;
            rec[5 + m] = 1;
            out.add(rec);
        }
        return out;
    }

    /** EM's M-step converges over iterations; here a few rounds of its coordinate step from 0. */
    private static double[] mStep(List<double[]> records) {
        double[] p = {0, 0};
        for (int i = 0; i < 5; i++) {
            p = ModelFitter.emissionParameters(records, p[0], p[1]);
        }
        return p;
    }

    @Test
    void theMStepRecoversCompensationAndAbilityEffectFromCompleteData() {
        // 20 000 answers: seen with seeds 1-3, c 0.587-0.622 and λ 0.766-0.802 (the pull toward 0 takes a little)
        for (long seed = 1; seed <= 3; seed++) {
            double[] p = mStep(records(seed, 20_000, 0.6, 0.8));
            assertEquals(0.6, p[0], 0.05, "compensation, seed " + seed);
            assertEquals(0.8, p[1], 0.12, "ability effect, seed " + seed);
        }
    }

    @Test
    void pureNoisyAndDataKeepBothNearZero() {
        double[] p = mStep(records(4, 20_000, 0, 0));
        assertTrue(p[0] < 0.03, "compensation " + p[0]);
        assertTrue(p[1] < 0.05, "ability effect " + p[1]);
    }

    @Test
    void theFittedValuesStayWithinTheirBounds() {
        // a truth beyond both bounds: every known tag buys its full share (c = 1), ability moves guess and slip by 4
        double[] p = mStep(records(5, 20_000, 1.0, 4.0));
        assertEquals(NoisyAnd.MAX_COMPENSATION, p[0], 1e-12);
        assertEquals(LearnerModel.MAX_ABILITY_EFFECT, p[1], 1e-12);
    }

    @Test
    void withoutAnswersNothingMoves() {
        assertEquals(List.of(0.3, 0.7), Arrays.stream(ModelFitter.emissionParameters(List.of(), 0.3, 0.7)).boxed().toList());
    }

    /**
     * A whole fit on two independent skills, a and b (known with 0.5 each), with questions on a alone, b alone and on
     * both; the two-tag questions answered with compensation {@code c} in the truth. The fit must find c where the
     * data have it, and keep it near 0 where they are noisy-AND.
     */
    private static double fittedCompensation(double c, long seed) {
        ModelGraph<String> graph = new ModelGraph<>(List.of("a", "b"), List.of());
        QuestionShape shape = new QuestionShape("single_choice", 4, 1);
        ItemKey onA = new ItemKey(new UUID(1, 1), 1);
        ItemKey onB = new ItemKey(new UUID(1, 2), 1);
        ItemKey onBoth = new ItemKey(new UUID(1, 3), 1);
        Random random = new Random(seed);
        List<List<EvidenceEvent>> histories = new ArrayList<>();
        for (int l = 0; l < 1500; l++) {
            boolean a = random.nextDouble() < 0.5;
            boolean b = random.nextDouble() < 0.5;
            List<AnsweredQuestion> answers = new ArrayList<>();
            for (int q = 0; q < 3; q++) {
                answers.add(new AnsweredQuestion(onA, shape, new int[] {0}, random.nextDouble() < (a ? 1 - SLIP : GUESS)));
                answers.add(new AnsweredQuestion(onB, shape, new int[] {1}, random.nextDouble() < (b ? 1 - SLIP : GUESS)));
                int m = (a ? 1 : 0) + (b ? 1 : 0);
                answers.add(new AnsweredQuestion(onBoth, shape, new int[] {0, 1},
                        random.nextDouble() < NoisyAnd.emission(m, 2, GUESS, SLIP, c)));
            }
            histories.add(List.of(EvidenceEvent.attempt(answers)));
        }
        KnowledgeTracing[] start = new KnowledgeTracing[2];
        Arrays.fill(start, KnowledgeTracing.DEFAULTS);
        ModelParameters<String> fitted = new ModelFitter<String>()
                .fit(new ModelParameters<>(graph, start, ModelParameters.DEFAULT_LEAK, Map.of()), histories).parameters();
        return fitted.compensation();
    }

    @Test
    void aWholeFitFindsTheCompensationOfTheDataAndNoneInNoisyAndData() {
        // seen: 0.552 for 0.6 (the pull toward 0 and the uncertainty about m take a little), 0.000 for 0
        double compensatory = fittedCompensation(0.6, 11);
        assertTrue(compensatory > 0.45 && compensatory < 0.75, "compensation fitted to compensatory data: " + compensatory);
        double conjunctive = fittedCompensation(0, 12);
        assertTrue(conjunctive < 0.1, "compensation fitted to noisy-AND data: " + conjunctive);
    }
}
