package dev.skillpath.skills.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.skillpath.skills.domain.KnowledgeTracing;

class SkillEvidenceTest {

    private static final double TOLERANCE = 1e-9;

    /** Plain BKT, one step at a time, written out independently of the code under test. */
    private static double bktObserve(double l, double guess, double slip, boolean correct) {
        return correct ? l * (1 - slip) / (l * (1 - slip) + (1 - l) * guess)
                : l * slip / (l * slip + (1 - l) * (1 - guess));
    }

    private static double bktLearn(double l, double learn) {
        return l + (1 - l) * learn;
    }

    /**
     * The same in 60 significant digits, for long histories and priors near 1: in doubles 1 − L underflows once L
     * is within 1e-16 of 1, and from there L = 1 is absorbing (a wrong answer can no longer lower it), so the
     * double reference, not the code under test, goes wrong.
     */
    private static final class PreciseBkt {
        private static final MathContext MC = new MathContext(60);
        private BigDecimal l;

        PreciseBkt(double prior) {
            l = new BigDecimal(prior);
        }

        void observe(double guess, double slip, boolean correct) {
            BigDecimal ifKnown = new BigDecimal(correct ? 1 - slip : slip);
            BigDecimal ifUnknown = new BigDecimal(correct ? guess : 1 - guess);
            BigDecimal k = l.multiply(ifKnown, MC);
            l = k.divide(k.add(BigDecimal.ONE.subtract(l).multiply(ifUnknown, MC), MC), MC);
        }

        void learn(double learn) {
            l = l.add(BigDecimal.ONE.subtract(l).multiply(new BigDecimal(learn), MC), MC);
        }

        double value() {
            return l.doubleValue();
        }
    }

    private static LearnerModel<String> oneSkill(double prior, double learn) {
        ModelGraph<String> graph = new ModelGraph<>(List.of("s"), List.of());
        return new LearnerModel<>(graph, new KnowledgeTracing[] {new KnowledgeTracing(prior, learn, 0.2, 0.1)}, 0.05);
    }

    @Test
    void aSingleSkillWithoutPrerequisitesFollowsPlainBktStepByStepOnRandomSequences() {
        Random random = new Random(7L);
        double worst = 0;
        for (int c = 0; c < 300; c++) {
            double prior = 0.01 + 0.98 * random.nextDouble();
            double learn = random.nextInt(10) == 0 ? 0 : 0.5 * random.nextDouble();
            double guess = ItemParameters.MIN + (ItemParameters.MAX_GUESS - ItemParameters.MIN) * random.nextDouble();
            double slip = ItemParameters.MIN + (ItemParameters.MAX_SLIP - ItemParameters.MIN) * random.nextDouble();
            ItemParameters item = new ItemParameters(guess, slip, 0, 0);
            LearnerModel<String> model = oneSkill(prior, learn);
            LearnerState state = model.fresh();
            double l = prior;
            assertEquals(l, model.estimate(state).known(0), TOLERANCE);
            int steps = 1 + random.nextInt(60);
            for (int t = 0; t < steps; t++) {
                if (random.nextInt(3) == 0) {
                    model.learn(state, new int[] {0}, random.nextBoolean(), LearnerModel.Steps.NONE);
                    l = bktLearn(l, learn);
                } else {
                    boolean correct = random.nextBoolean();
                    model.answer(state, new int[] {0}, item, correct, t, LearnerModel.Steps.NONE);
                    l = bktObserve(l, guess, slip, correct);
                }
                double known = model.estimate(state).known(0);
                worst = Math.max(worst, Math.abs(known - l));
                assertEquals(l, known, TOLERANCE, "case " + c + ", step " + t);
            }
        }
        assertTrue(worst < TOLERANCE, "worst " + worst);
    }

    @Test
    void knownNowFromAnyPriorEqualsBktRunFromThatPrior() {
        // the open start: one record of evidence serves every prior P0; the graph's posterior of the start is
        // sigmoid(logit P0 + log-likelihood ratio), and knownNow of it is BKT run from P0
        Random random = new Random(11L);
        for (int c = 0; c < 100; c++) {
            double guess = 0.05 + 0.4 * random.nextDouble();
            double slip = 0.01 + 0.2 * random.nextDouble();
            double learn = 0.3 * random.nextDouble();
            SkillEvidence e = SkillEvidence.NONE;
            boolean[] answers = new boolean[1 + random.nextInt(30)];
            boolean[] learnAfter = new boolean[answers.length];
            for (int t = 0; t < answers.length; t++) {
                answers[t] = random.nextDouble() < 0.6;
                learnAfter[t] = random.nextBoolean();
                e = answers[t] ? e.observed(1 - slip, guess) : e.observed(slip, 1 - guess);
                if (learnAfter[t]) {
                    e = e.learned(learn);
                }
            }
            for (double p0 : new double[] {0.0, 1e-6, 0.01, 0.2, 0.5, 0.77, 0.99, 1 - 1e-6, 1.0}) {
                PreciseBkt bkt = new PreciseBkt(p0);
                for (int t = 0; t < answers.length; t++) {
                    bkt.observe(guess, slip, answers[t]);
                    if (learnAfter[t]) {
                        bkt.learn(learn);
                    }
                }
                double l = bkt.value();
                double start = p0 == 0 ? 0 : p0 == 1 ? 1
                        : PrerequisiteInference.sigmoid(PrerequisiteInference.logit(p0) + e.logLikelihoodRatio());
                assertEquals(l, e.knownNow(start), TOLERANCE, "case " + c + ", P0 " + p0);
            }
            // and through the model, whose graph gives the start
            for (double p0 : new double[] {0.03, 0.4, 0.9}) {
                LearnerModel<String> model = oneSkill(p0, learn);
                LearnerState state = model.fresh();
                state.restore(0, e, answers.length, 0, 0);
                double l = p0;
                for (int t = 0; t < answers.length; t++) {
                    l = bktObserve(l, guess, slip, answers[t]);
                    if (learnAfter[t]) {
                        l = bktLearn(l, learn);
                    }
                }
                assertEquals(l, model.estimate(state).known(0), TOLERANCE);
            }
        }
    }

    @Test
    void noEvidenceSaysNothing() {
        SkillEvidence none = SkillEvidence.NONE;
        assertEquals(0, none.logLikelihoodRatio(), 0);
        assertEquals(0, none.learnedSince(), 0);
        assertEquals(0.37, none.knownNow(0.37), 0);
    }

    @Test
    void learningStepsAloneAreTheLearningTransition() {
        // three lessons at T = 0.2 from P0 = 0.3: 1 − 0.7·0.8³ = 0.6416
        SkillEvidence e = SkillEvidence.NONE.learned(0.2).learned(0.2).learned(0.2);
        assertEquals(0, e.logLikelihoodRatio(), TOLERANCE);
        assertEquals(1 - 0.8 * 0.8 * 0.8, e.learnedSince(), TOLERANCE);
        assertEquals(1 - 0.7 * 0.512, e.knownNow(0.3), TOLERANCE);
    }

    @Test
    void learnRatesOfZeroAndOneAreHandled() {
        SkillEvidence never = SkillEvidence.NONE.observed(0.9, 0.2).learned(0).observed(0.1, 0.8).learned(0);
        assertEquals(bktObserve(bktObserve(0.4, 0.2, 0.1, true), 0.2, 0.1, false),
                never.knownNow(PrerequisiteInference.sigmoid(PrerequisiteInference.logit(0.4) + never.logLikelihoodRatio())),
                TOLERANCE);
        SkillEvidence always = SkillEvidence.NONE.observed(0.1, 0.8).learned(1);
        assertEquals(1.0, always.learnedSince(), TOLERANCE);
        assertEquals(1.0, always.knownNow(0.3), TOLERANCE);
        SkillEvidence after = always.observed(0.1, 0.8);
        assertTrue(Double.isFinite(after.logLikelihoodRatio()));
        assertEquals(1.0, after.knownNow(0.3), TOLERANCE);
    }

    @Test
    void aLongHistoryStaysFiniteAndExact() {
        // 20 000 steps: the learning step rescales the chain, so nothing under- or overflows
        Random random = new Random(3L);
        double guess = 0.2;
        double slip = 0.1;
        double learn = 0.01;
        SkillEvidence e = SkillEvidence.NONE;
        PreciseBkt bkt = new PreciseBkt(0.2);
        for (int t = 0; t < 20_000; t++) {
            boolean correct = random.nextDouble() < 0.5;
            e = correct ? e.observed(1 - slip, guess) : e.observed(slip, 1 - guess);
            bkt.observe(guess, slip, correct);
            if (t % 3 == 0) {
                e = e.learned(learn);
                bkt.learn(learn);
            }
            assertTrue(Double.isFinite(e.logKnown()) && Double.isFinite(e.logStillUnknown()), "step " + t);
            if (t % 1000 == 999) {
                double start = PrerequisiteInference.sigmoid(PrerequisiteInference.logit(0.2) + e.logLikelihoodRatio());
                assertEquals(bkt.value(), e.knownNow(start), TOLERANCE, "step " + t);
            }
        }
        // after a learning step the largest of the three terms is 0
        SkillEvidence scaled = e.learned(learn);
        assertEquals(0, Math.max(scaled.logKnown(), SkillEvidence.logSumExp(scaled.logLearnedSince(),
                scaled.logStillUnknown())), 1e-12);
    }
}
