package dev.skillpath.skills.domain.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.skills.domain.KnowledgeTracing;

class LearnerModelTest {

    private static final double EXACT = 1e-12;
    private static final ItemParameters ITEM = new ItemParameters(0.2, 0.1, 0, 0);

    private static LearnerModel<String> model(List<String> skills, List<Map.Entry<String, String>> edges,
            KnowledgeTracing kt, double leak) {
        KnowledgeTracing[] parameters = new KnowledgeTracing[skills.size()];
        java.util.Arrays.fill(parameters, kt);
        return new LearnerModel<>(new ModelGraph<>(skills, edges), parameters, leak);
    }

    private static LearnerModel<String> independent(double... priors) {
        List<String> skills = new ArrayList<>();
        KnowledgeTracing[] parameters = new KnowledgeTracing[priors.length];
        for (int i = 0; i < priors.length; i++) {
            skills.add("s" + i);
            parameters[i] = new KnowledgeTracing(priors[i], 0.1, 0.2, 0.1);
        }
        return new LearnerModel<>(new ModelGraph<>(skills, List.of()), parameters, 0.05);
    }

    private static void answer(LearnerModel<?> m, LearnerState s, int[] tags, boolean correct) {
        m.answer(s, tags, ITEM, correct, 0, LearnerModel.Steps.NONE);
    }

    private static void assertSameState(LearnerState expected, LearnerState actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.evidence(i), actual.evidence(i), "evidence of skill " + i);
            assertEquals(expected.observations(i), actual.observations(i));
            assertEquals(expected.correctAnswers(i), actual.correctAnswers(i));
            assertEquals(expected.learningSteps(i), actual.learningSteps(i));
        }
    }

    @Test
    void aSkillTaggedTwiceCountsOnce() {
        LearnerModel<String> m = independent(0.3, 0.4, 0.5);
        for (boolean correct : new boolean[] {true, false}) {
            LearnerState once = m.fresh();
            LearnerState twice = m.fresh();
            answer(m, once, new int[] {0}, correct);
            answer(m, twice, new int[] {0, 0}, correct);
            assertSameState(once, twice);
            assertEquals(1, twice.observations(0));
            LearnerState pair = m.fresh();
            LearnerState pairRepeated = m.fresh();
            answer(m, pair, new int[] {0, 1}, correct);
            answer(m, pairRepeated, new int[] {0, 1, 0, 1, 1}, correct);
            assertSameState(pair, pairRepeated);
            m.learn(pair, new int[] {0, 1}, false, LearnerModel.Steps.NONE);
            m.learn(pairRepeated, new int[] {1, 0, 1}, false, LearnerModel.Steps.NONE);
            assertEquals(pair.evidence(0), pairRepeated.evidence(0));
            assertEquals(pair.evidence(1), pairRepeated.evidence(1));
        }
        LearnerModel.Estimates now = m.estimate(m.fresh());
        assertEquals(m.probabilityCorrect(now, new int[] {0, 1}, ITEM), m.probabilityCorrect(now, new int[] {1, 0, 1}, ITEM),
                EXACT);
    }

    @Test
    void aSkillTheModelDoesNotKnowIsIgnored() {
        LearnerModel<String> m = independent(0.3, 0.4);
        LearnerState known = m.fresh();
        LearnerState withUnknown = m.fresh();
        answer(m, known, new int[] {0}, false);
        answer(m, withUnknown, new int[] {-1, 0, -1}, false);
        assertSameState(known, withUnknown);
        LearnerState onlyUnknown = m.fresh();
        answer(m, onlyUnknown, new int[] {-1}, true);
        m.learn(onlyUnknown, new int[] {-1}, true, LearnerModel.Steps.NONE);
        assertSameState(m.fresh(), onlyUnknown);
        assertFalse(onlyUnknown.hasEvidence(0) || onlyUnknown.hasEvidence(1));
    }

    @Test
    void aRightAnswerToATwoSkillQuestionRaisesBothByTheNoisyAndPosterior() {
        LearnerModel<String> m = independent(0.3, 0.4);
        LearnerState s = m.fresh();
        answer(m, s, new int[] {0, 1}, true);
        double[] expected = NoisyAnd.posterior(new double[] {0.3, 0.4}, ITEM.guess(), ITEM.slip(), 0, true);
        LearnerModel.Estimates now = m.estimate(s);
        assertEquals(expected[0], now.known(0), EXACT);
        assertEquals(expected[1], now.known(1), EXACT);
        assertTrue(now.known(0) > 0.3 && now.known(1) > 0.4);
        assertEquals(1, s.correctAnswers(0));
        assertEquals(1, s.observations(1));
    }

    @Test
    void withCompensationATwoSkillAnswerMovesBothByThePosteriorOfThatEmission() {
        KnowledgeTracing[] kt = {new KnowledgeTracing(0.3, 0.1, 0.2, 0.1), new KnowledgeTracing(0.4, 0.1, 0.2, 0.1)};
        LearnerModel<String> m = new LearnerModel<>(new ModelGraph<>(List.of("a", "b"), List.of()), kt,
                ModelParameters.DEFAULT_LEAK, 0, 0.5, 0);
        for (boolean correct : new boolean[] {true, false}) {
            LearnerState s = m.fresh();
            answer(m, s, new int[] {0, 1}, correct);
            double[] expected = NoisyAnd.posterior(new double[] {0.3, 0.4}, ITEM.guess(), ITEM.slip(), 0.5, correct);
            LearnerModel.Estimates now = m.estimate(s);
            assertEquals(expected[0], now.known(0), EXACT, "a, correct " + correct);
            assertEquals(expected[1], now.known(1), EXACT, "b, correct " + correct);
            // and P(right) for the next such question sums the emission over how many tags are known
            assertEquals(NoisyAnd.probabilityCorrect(now.known(), ITEM.guess(), ITEM.slip(), 0.5),
                    m.probabilityCorrect(now, new int[] {0, 1}, ITEM), EXACT);
        }
        // a right answer says less about each tag than under the pure noisy-AND: knowing one tag already helps
        LearnerState s = m.fresh();
        answer(m, s, new int[] {0, 1}, true);
        assertTrue(m.estimate(s).known(0) < NoisyAnd.posterior(new double[] {0.3, 0.4}, ITEM.guess(), ITEM.slip(), 0, true)[0]);
    }

    @Test
    void anAbleLearnersRightAnswerIsWorthLessWithAnAbilityEffect() {
        // the same evidence for a learner whose other answers show high ability: with λ > 0 their guess is higher,
        // so a right answer on skill b moves it less than with λ = 0
        List<String> skills = List.of("a", "b", "c", "d", "e");
        KnowledgeTracing[] kt = new KnowledgeTracing[5];
        java.util.Arrays.fill(kt, new KnowledgeTracing(0.5, 0.1, 0.2, 0.1));
        ModelGraph<String> g = new ModelGraph<>(skills, List.of());
        double[] knownB = new double[2];
        for (int k = 0; k < 2; k++) {
            LearnerModel<String> m = new LearnerModel<>(g, kt, ModelParameters.DEFAULT_LEAK, 1.0, 0, k == 0 ? 0 : 1.5);
            LearnerState s = m.fresh();
            for (int skill : new int[] {0, 2, 3, 4}) {
                for (int r = 0; r < 3; r++) {
                    answer(m, s, new int[] {skill}, true);
                }
            }
            assertTrue(m.ability(m.estimate(s)) > 0.3, "the answers show an able learner");
            answer(m, s, new int[] {1}, true);
            knownB[k] = m.estimate(s).known(1);
        }
        assertTrue(knownB[1] < knownB[0], "with λ: " + knownB[1] + ", without: " + knownB[0]);

        // the same through ModelParameters.apply, the consumer's and the replay's path: one event per attempt
        double[] applied = new double[2];
        for (int k = 0; k < 2; k++) {
            ModelParameters<String> p = new ModelParameters<>(g, kt, ModelParameters.DEFAULT_LEAK, 1.0, 0, k == 0 ? 0 : 1.5,
                    Map.of());
            LearnerState s = p.model().fresh();
            QuestionShape shape = new QuestionShape("single_choice", 5, 1);
            for (int skill : new int[] {0, 2, 3, 4}) {
                List<AnsweredQuestion> answers = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    answers.add(new AnsweredQuestion(null, shape, new int[] {skill}, true));
                }
                p.apply(s, EvidenceEvent.attempt(answers), 0, LearnerModel.Steps.NONE);
            }
            p.apply(s, EvidenceEvent.attempt(List.of(new AnsweredQuestion(null, shape, new int[] {1}, true))), 0,
                    LearnerModel.Steps.NONE);
            applied[k] = p.model().estimate(s).known(1);
        }
        assertTrue(applied[1] < applied[0], "applied with λ: " + applied[1] + ", without: " + applied[0]);
    }

    @Test
    void aWrongAnswerToATwoSkillQuestionLowersBothButLessThanAWrongSingleSkillAnswer() {
        LearnerModel<String> m = independent(0.3, 0.4);
        LearnerState pair = m.fresh();
        answer(m, pair, new int[] {0, 1}, false);
        LearnerModel.Estimates afterPair = m.estimate(pair);
        LearnerState a = m.fresh();
        answer(m, a, new int[] {0}, false);
        LearnerState b = m.fresh();
        answer(m, b, new int[] {1}, false);
        // a alone: 0.3·0.1 / (0.3·0.1 + 0.7·0.8) = 0.0508; with b: 0.3·(1 − (0.4·0.9 + 0.6·0.2)) / … = 0.2553
        assertEquals(0.03 / 0.59, m.estimate(a).known(0), EXACT);
        assertEquals(0.3 * 0.52 / (0.3 * 0.52 + 0.7 * 0.8), afterPair.known(0), EXACT);
        assertTrue(afterPair.known(0) < 0.3 && afterPair.known(1) < 0.4);
        assertTrue(afterPair.known(0) > m.estimate(a).known(0));
        assertTrue(afterPair.known(1) > m.estimate(b).known(1));
    }

    @Test
    void rightAnswersOnASkillRaiseItsPrerequisiteToMasteryWhenThePriorSupportsIt() {
        // b requires a; prior 0.5, learn 0.02, guess 0.1, slip 0.05, leak 0.01. After many right answers on b
        // (a learning step after each, gated by P(a)) P(a) tends to 0.97669 (gatedRun below; 0.9760 ungated),
        // above the mastery threshold
        KnowledgeTracing kt = new KnowledgeTracing(0.5, 0.02, 0.1, 0.05);
        LearnerModel<String> m = model(List.of("a", "b"), List.of(Map.entry("b", "a")), kt, 0.01);
        ItemParameters item = new ItemParameters(0.1, 0.05, 0, 0);
        LearnerState s = m.fresh();
        double previous = m.estimate(s).known(0);
        int mastered = -1;
        for (int i = 1; i <= 60; i++) {
            m.answer(s, new int[] {1}, item, true, i, LearnerModel.Steps.NONE);
            m.learn(s, new int[] {1}, false, LearnerModel.Steps.NONE);
            double a = m.estimate(s).known(0);
            assertTrue(a >= previous - 1e-12, "P(a) should not fall on a right answer to b");
            assertEquals(gatedRun(0.5, 0.5, 0.02, 0.1, 0.05, 0.01, i)[0], a, 1e-9, "after " + i);
            previous = a;
            if (mastered < 0 && KnowledgeTracing.isMastered(a)) {
                mastered = i;
            }
        }
        assertTrue(mastered > 0, "a never mastered: " + previous);
        double limit = gatedRun(0.5, 0.5, 0.02, 0.1, 0.05, 0.01, 5000)[0];
        assertEquals(limit, previous, 1e-6);     // 60 answers are at the limit
        assertEquals(0.97669, limit, 5e-6);
        // the gate makes learning b without a less likely than T, so "b learned since, a not known" weighs less
        assertTrue(limit > prerequisiteLimit(0.5, 0.5, 0.02, 0.1, 0.05, 0.01) + 5e-4);
        assertTrue(KnowledgeTracing.isMastered(m.estimate(s).known(1)));
    }

    /**
     * P(a) after infinitely many right answers on b (b requires a, a learning step after each answer) if learning b
     * did not depend on a: b's evidence ratio P(E | b not known at the start) / P(E | known) tends to
     * R = T·r / (1 − (1 − T)·r), r = G/(1 − S) (b learned after k guesses), and a has no evidence of its own, so
     * P(a) = P(a at the start | E) over the four start states. What the model did before the learning gate.
     */
    private static double prerequisiteLimit(double pa, double pb, double learn, double guess, double slip, double leak) {
        double r = guess / (1 - slip);
        double ratio = learn * r / (1 - (1 - learn) * r);
        double ab = pa * pb;
        double notAb = (1 - pa) * leak;
        double aNotB = pa * (1 - pb) * ratio;
        double notANotB = (1 - pa) * (1 - leak) * ratio;
        return (ab + aNotB) / (ab + notAb + aNotB + notANotB);
    }

    /**
     * {P(a), P(b)} after {@code k} right answers on b, each followed by a learning step on b, worked out here
     * without the model (b requires a; a has no evidence; no ability spread). b's chain is three numbers, relative to
     * P(E | b known at the start): 1, Al = P(E, b learned since | not known at the start), Au = P(E, b still not known
     * | not known). A right answer leaves Al (known since: right with 1 − S, as when known from the start) and
     * multiplies Au by r = G/(1 − S). P(a) is P(a at the start | E) over the four start states, (a, b) pa·pb,
     * (¬a, b) (1 − pa)·ε, (a, ¬b) pa·(1 − pb)·(Al + Au), (¬a, ¬b) (1 − pa)·(1 − ε)·(Al + Au); then b is learned with T·g, g that P(a): Al += T·g·Au, Au ·= 1 − T·g. So the limit's ratio
     * Al + Au → Σ_k Π_{i<k} (1 − T·g_i)·T·g_k·r^k, which no longer has a closed form (g_k depends on the earlier ones).
     */
    private static double[] gatedRun(double pa, double pb, double learn, double guess, double slip, double leak, int k) {
        double r = guess / (1 - slip);
        double al = 0;
        double au = 1;
        for (int i = 1; i <= k; i++) {
            au *= r;
            double chance = learn * afterEvidence(pa, pb, leak, al, au)[0];
            al += chance * au;
            au *= 1 - chance;
        }
        return afterEvidence(pa, pb, leak, al, au);    // a learning step leaves Al + Au, so P(a), as it was
    }

    /** {P(a), P(b now)} given b's chain (1, al, au). */
    private static double[] afterEvidence(double pa, double pb, double leak, double al, double au) {
        double ab = pa * pb;
        double notAb = (1 - pa) * leak;
        double aNotB = pa * (1 - pb) * (al + au);
        double notANotB = (1 - pa) * (1 - leak) * (al + au);
        double z = ab + notAb + aNotB + notANotB;
        double bAtStart = (ab + notAb) / z;
        return new double[] {(ab + aNotB) / z, bAtStart + (1 - bAtStart) * al / (al + au)};
    }

    /** The former defaults: prior 0.2, T 0.1, G 0.2, S 0.1. */
    private static final KnowledgeTracing PLAIN = new KnowledgeTracing(0.2, 0.1, 0.2, 0.1);

    @Test
    void masteringASkillLeavesItsPrerequisiteAtALimitSetByThePriorAndTheLeak() {
        // b requires a; prior 0.2, T 0.1, G 0.2, S 0.1, leak 0.05, no ability spread: however many right answers
        // on b, P(a) stops at 0.47161 (gatedRun) while P(b) reaches 1. Without the gate it stopped at 8/19 = 0.4211
        // (R = 1/36; start states (a,b) 0.04, (¬a,b) 0.04, (a,¬b) 0.16/36, (¬a,¬b) 0.76/36); the gate, P(a) < 0.5 at
        // every step, shrinks R. It stays below P(a | b known at the start) = 0.04/0.08 = 0.5: b's chain is one for
        // both states of a (the gate is the marginal P(a)), so "b learned since" weighs a : ¬a as 0.16 : 0.76. (With
        // b unlearnable without a exactly, the limit would be (0.04 + 0.16/36) / (0.08 + 0.16/36) = 0.526.)
        LearnerModel<String> m = model(List.of("a", "b"), List.of(Map.entry("b", "a")), PLAIN, 0.05);
        LearnerState s = m.fresh();
        for (int i = 1; i <= 200; i++) {
            m.answer(s, new int[] {1}, ITEM, true, i, LearnerModel.Steps.NONE);
            m.learn(s, new int[] {1}, false, LearnerModel.Steps.NONE);
        }
        LearnerModel.Estimates now = m.estimate(s);
        double[] limit = gatedRun(0.2, 0.2, 0.1, 0.2, 0.1, 0.05, 5000);
        assertEquals(limit[0], gatedRun(0.2, 0.2, 0.1, 0.2, 0.1, 0.05, 200)[0], 1e-12);   // 200 answers are at the limit
        assertEquals(0.47161, limit[0], 5e-6);
        assertEquals(limit[0], now.known(0), 1e-9);
        assertEquals(8.0 / 19, prerequisiteLimit(0.2, 0.2, 0.1, 0.2, 0.1, 0.05), 1e-12);
        assertTrue(now.known(0) > 8.0 / 19 + 0.05 && now.known(0) < 0.5);
        assertTrue(now.known(1) > 0.9999);
    }

    /** Records every learning step the model reports: {skill, learn, gate}. */
    private static LearnerModel.Steps recorder(List<double[]> learned) {
        return new LearnerModel.Steps() {
            @Override
            public void observed(int skill, int answer, double ifKnown, double ifUnknown) {
            }

            @Override
            public void learned(int skill, double learn, double gate) {
                learned.add(new double[] {skill, learn, gate});
            }
        };
    }

    private static void assertEvidence(SkillEvidence expected, SkillEvidence actual) {
        assertEquals(expected.logKnown(), actual.logKnown(), EXACT, "log known");
        assertEquals(expected.logLearnedSince(), actual.logLearnedSince(), EXACT, "log learned since");
        assertEquals(expected.logStillUnknown(), actual.logStillUnknown(), EXACT, "log still unknown");
    }

    @Test
    void aSkillWithoutPrerequisitesLearnsWithItsTExactly() {
        // b requires a; a (T 0.1) has a wrong answer behind it, so P(a) is not its prior; practised with b, a is
        // learned with 0.1 itself, and the step reports T 0.1 and a gate of exactly 1
        KnowledgeTracing kt = new KnowledgeTracing(0.3, 0.1, 0.2, 0.1);
        LearnerModel<String> m = model(List.of("a", "b"), List.of(Map.entry("b", "a")), kt, 0.05);
        LearnerState s = m.fresh();
        answer(m, s, new int[] {0}, false);
        SkillEvidence before = s.evidence(0);
        List<double[]> steps = new ArrayList<>();
        m.learn(s, new int[] {0, 1}, false, recorder(steps));
        assertEquals(before.learned(0.1), s.evidence(0));
        assertArrayEquals(new double[] {0, 0.1, 1}, steps.get(0), 0);
        // and without any edge at all, after evidence on every skill
        LearnerModel<String> flat = independent(0.3, 0.4);
        LearnerState f = flat.fresh();
        answer(flat, f, new int[] {0, 1}, true);
        SkillEvidence a = f.evidence(0);
        SkillEvidence b = f.evidence(1);
        steps.clear();
        flat.learn(f, new int[] {1, 0}, true, recorder(steps));
        assertEquals(a.learned(0.1), f.evidence(0));
        assertEquals(b.learned(0.1), f.evidence(1));
        assertArrayEquals(new double[] {1, 0.1, 1}, steps.get(0), 0);
        assertArrayEquals(new double[] {0, 0.1, 1}, steps.get(1), 0);
    }

    @Test
    void aSkillWhosePrerequisiteIsKnownWithQLearnsWithTTimesQ() {
        // b requires a; no ability spread. Fresh: P(a) = q = 0.3, its prior. b (prior 0.6, T 0.1) practised once is
        // learned with 0.1·0.3 = 0.03: its evidence becomes (log 1, log 0.03, log 0.97). By hand, P(b at the start)
        // = 0.6·0.3 + 0.05·0.7 = 0.215 (the learning step is no evidence), P(b now) = 0.215 + 0.785·0.03 = 0.23855
        KnowledgeTracing[] kt = {new KnowledgeTracing(0.3, 0.2, 0.2, 0.1), new KnowledgeTracing(0.6, 0.1, 0.2, 0.1)};
        LearnerModel<String> m = new LearnerModel<>(new ModelGraph<>(List.of("a", "b"), List.of(Map.entry("b", "a"))),
                kt, 0.05);
        LearnerState s = m.fresh();
        List<double[]> steps = new ArrayList<>();
        m.learn(s, new int[] {1}, false, recorder(steps));
        assertEvidence(new SkillEvidence(0, Math.log(0.03), Math.log(0.97)), s.evidence(1));
        assertEvidence(SkillEvidence.NONE.learned(0.1 * 0.3), s.evidence(1));
        assertEquals(1, steps.size());
        assertEquals(1, steps.get(0)[0], 0);
        assertEquals(0.1, steps.get(0)[1], 0);       // T and the gate are reported apart
        assertEquals(0.3, steps.get(0)[2], EXACT);
        assertEquals(0.23855, m.estimate(s).known(1), EXACT);
        assertEquals(0.3, m.estimate(s).known(0), EXACT);
        // a lesson is gated the same way, and counted
        LearnerState lesson = m.fresh();
        m.learn(lesson, new int[] {1}, true, LearnerModel.Steps.NONE);
        assertEvidence(s.evidence(1), lesson.evidence(1));
        assertEquals(1, lesson.learningSteps(1));
        // after a wrong answer on a: q' = 0.3·0.1 / (0.3·0.1 + 0.7·0.8) = 0.03/0.59, b learned with 0.1·q';
        // P(b at the start) = 0.6·q' + 0.05·(1 − q'), P(b now) = that + (1 − that)·0.1·q'
        LearnerState wrong = m.fresh();
        answer(m, wrong, new int[] {0}, false);
        m.learn(wrong, new int[] {1}, false, LearnerModel.Steps.NONE);
        double q = 0.03 / 0.59;
        assertEvidence(SkillEvidence.NONE.learned(0.1 * q), wrong.evidence(1));
        double start = 0.6 * q + 0.05 * (1 - q);
        assertEquals(start + (1 - start) * 0.1 * q, m.estimate(wrong).known(1), EXACT);
    }

    @Test
    void theGateIsTheProductOverTheParentsNotOverEveryPrerequisite() {
        // c requires a and b, roots known with 0.3 and 0.4: gate 0.3·0.4 = 0.12
        KnowledgeTracing[] kt = {new KnowledgeTracing(0.3, 0.1, 0.2, 0.1), new KnowledgeTracing(0.4, 0.1, 0.2, 0.1),
                new KnowledgeTracing(0.5, 0.2, 0.2, 0.1)};
        LearnerModel<String> two = new LearnerModel<>(new ModelGraph<>(List.of("a", "b", "c"),
                List.of(Map.entry("c", "a"), Map.entry("c", "b"))), kt, 0.05);
        LearnerState s = two.fresh();
        List<double[]> steps = new ArrayList<>();
        two.learn(s, new int[] {2}, false, recorder(steps));
        assertEquals(0.12, steps.get(0)[2], EXACT);
        assertEvidence(SkillEvidence.NONE.learned(0.2 * 0.12), s.evidence(2));
        // the same with b requiring a too: c → a is redundant, the gate is P(b) = 0.4·0.3 + 0.05·0.7 = 0.155 alone
        // (P(a)·P(b) would be 0.0465)
        LearnerModel<String> triangle = new LearnerModel<>(new ModelGraph<>(List.of("a", "b", "c"),
                List.of(Map.entry("c", "a"), Map.entry("c", "b"), Map.entry("b", "a"))), kt, 0.05);
        LearnerState t = triangle.fresh();
        steps.clear();
        triangle.learn(t, new int[] {2}, false, recorder(steps));
        assertEquals(0.155, steps.get(0)[2], EXACT);
        assertEvidence(SkillEvidence.NONE.learned(0.2 * 0.155), t.evidence(2));
    }

    @Test
    void theGateIsTheAttemptsRunningViewOfThePrerequisiteBeforeItsLearning() {
        // b requires a. One attempt: a wrong answer on a, a right one on b; then a and b are practised, a first.
        // b's gate is P(a) as the attempt has it after its answers (a's own evidence updated, the graph held as it
        // was before the attempt): not P(a) before them, nor after a's own learning step
        ModelParameters<String> p = new ModelParameters<>(new ModelGraph<>(List.of("a", "b"), List.of(Map.entry("b", "a"))),
                new KnowledgeTracing[] {new KnowledgeTracing(0.5, 0.3, 0.2, 0.1), PLAIN}, 0.05, 0, Map.of());
        LearnerModel<String> m = p.model();
        AnsweredQuestion onA = new AnsweredQuestion(null, QuestionShape.UNKNOWN, new int[] {0}, false);
        AnsweredQuestion onB = new AnsweredQuestion(null, QuestionShape.UNKNOWN, new int[] {1}, true);
        LearnerState byHand = m.fresh();
        double before = m.estimate(byHand).known(0);
        m.answer(byHand, onA.tags(), p.item(onA), false, 0, LearnerModel.Steps.NONE);
        m.answer(byHand, onB.tags(), p.item(onB), true, 1, LearnerModel.Steps.NONE);
        double afterAnswers = m.knownLocally(m.estimate(m.fresh()), 0, byHand.evidence(0));
        SkillEvidence b = byHand.evidence(1);
        m.learn(byHand, new int[] {0}, false, LearnerModel.Steps.NONE);
        double afterLearningA = m.estimate(byHand).known(0);
        assertTrue(Math.abs(afterAnswers - before) > 0.05 && Math.abs(afterLearningA - afterAnswers) > 0.05,
                before + ", " + afterAnswers + ", " + afterLearningA);
        LearnerState s = m.fresh();
        List<double[]> steps = new ArrayList<>();
        p.apply(s, EvidenceEvent.attempt(List.of(onA, onB)), 0, recorder(steps));
        assertEquals(2, steps.size());
        assertArrayEquals(new double[] {0, 0.3, 1}, steps.get(0), 0);
        assertArrayEquals(new double[] {1, PLAIN.learn(), afterAnswers}, steps.get(1), 0);
        assertEquals(b.learned(PLAIN.learn() * afterAnswers), s.evidence(1));
    }

    @Test
    @Disabled("limit of the leak, not of the gate: with the service's default parameters (prior 0.5, T 0.1, G 0.2, "
            + "S 0.1, leak 0.05 (the default when this was measured), ability spread 1) 200 right answers on b leave its prerequisite a at 0.8924, never "
            + "mastered (0.8803 without the ability spread; before the learning gate 0.884 and 0.871). Even a gate "
            + "on the exact joint would stop at 0.911: P(a | b known at the start) = 0.25 / (0.25 + 0.5·0.05) = 0.909")
    void withTheDefaultsARunOfRightAnswersOnASkillMakesItsPrerequisiteMastered() {
        ModelGraph<String> g = new ModelGraph<>(List.of("a", "b"), List.of(Map.entry("b", "a")));
        LearnerModel<String> m = new ModelParameters<>(g, new KnowledgeTracing[] {KnowledgeTracing.DEFAULTS,
                KnowledgeTracing.DEFAULTS}, ModelParameters.DEFAULT_LEAK, Map.of()).model();
        ItemParameters item = new ItemParameters(KnowledgeTracing.DEFAULTS.guess(), KnowledgeTracing.DEFAULTS.slip(), 0, 0);
        LearnerState s = m.fresh();
        for (int i = 1; i <= 200; i++) {
            m.answer(s, new int[] {1}, item, true, i, LearnerModel.Steps.NONE);
            m.learn(s, new int[] {1}, false, LearnerModel.Steps.NONE);
        }
        assertTrue(KnowledgeTracing.isMastered(m.estimate(s).known(1)));
        assertTrue(KnowledgeTracing.isMastered(m.estimate(s).known(0)), "P(a) = " + m.estimate(s).known(0));
    }

    @Test
    void failingAPrerequisiteLowersTheSkillThatRequiresIt() {
        LearnerModel<String> m = model(List.of("a", "b"), List.of(Map.entry("b", "a")), PLAIN, 0.05);
        LearnerState s = m.fresh();
        double b = m.estimate(s).known(1);
        // no evidence: P(b) = 0.2·0.2 + 0.8·0.05 = 0.08
        assertEquals(0.08, b, EXACT);
        for (int i = 0; i < 10; i++) {
            answer(m, s, new int[] {0}, false);
            double next = m.estimate(s).known(1);
            assertTrue(next < b, "wrong answer " + i + " on a should lower b: " + next + " ≥ " + b);
            b = next;
        }
        // a is all but ruled out at the start, so b falls to the leak
        assertEquals(0.05, b, 1e-3);
        // b's own evidence is untouched: b can still be learned
        assertEquals(SkillEvidence.NONE, s.evidence(1));
    }

    @Test
    void withAnAbilitySpreadIndependentSkillsAreTheExactMixtureOverTheAbilityPoints() {
        // no edges: given the ability the skills are independent, so weighing the ability points skill by skill is
        // exact, and the estimate must equal the Bayesian mixture computed here from each skill's evidence (exactly,
        // to 1e-12 in these cases; a point whose weight fell below LearnerModel.NEGLIGIBLE would be dropped)
        double spread = 1.5;
        KnowledgeTracing[] kt = {new KnowledgeTracing(0.3, 0.1, 0.2, 0.1), new KnowledgeTracing(0.6, 0.2, 0.2, 0.1),
                new KnowledgeTracing(0.15, 0.05, 0.2, 0.1)};
        LearnerModel<String> m = new LearnerModel<>(new ModelGraph<>(List.of("a", "b", "c"), List.of()), kt, 0.05, spread);
        LearnerModel<String> flat = new LearnerModel<>(new ModelGraph<>(List.of("a", "b", "c"), List.of()), kt, 0.05);
        Random random = new Random(53L);
        double differs = 0;
        for (int c = 0; c < 50; c++) {
            LearnerState s = m.fresh();
            int steps = 1 + random.nextInt(12);
            for (int t = 0; t < steps; t++) {
                int skill = random.nextInt(2);   // c never has evidence
                if (random.nextInt(3) == 0) {
                    m.learn(s, new int[] {skill}, true, LearnerModel.Steps.NONE);
                } else {
                    answer(m, s, new int[] {skill}, random.nextDouble() < 0.6);
                }
            }
            double[] z = LearnerModel.ABILITY_POINTS;
            double total = 0;
            double[] knownNow = new double[3];
            for (int k = 0; k < z.length; k++) {
                double weight = Math.exp(-z[k] * z[k] / 2);
                double[] evidenceTerm = new double[3];   // Z_s = p·L1 + (1 − p)·(A_learned + A_still)
                double[] knownTerm = new double[3];      // p·L1 + (1 − p)·A_learned
                for (int i = 0; i < 3; i++) {
                    double p = PrerequisiteInference.sigmoid(PrerequisiteInference.logit(kt[i].prior()) + spread * z[k]);
                    SkillEvidence e = s.evidence(i);
                    double l1 = Math.exp(e.logKnown());
                    double learned = Math.exp(e.logLearnedSince());
                    double still = Math.exp(e.logStillUnknown());
                    evidenceTerm[i] = p * l1 + (1 - p) * (learned + still);
                    knownTerm[i] = p * l1 + (1 - p) * learned;
                    weight *= evidenceTerm[i];
                }
                total += weight;
                for (int i = 0; i < 3; i++) {
                    knownNow[i] += weight * knownTerm[i] / evidenceTerm[i];
                }
            }
            LearnerModel.Estimates now = m.estimate(s);
            for (int i = 0; i < 3; i++) {
                assertEquals(knownNow[i] / total, now.known(i), 1e-9, "case " + c + ", skill " + i);
                differs = Math.max(differs, Math.abs(now.known(i) - flat.estimate(s).known(i)));
            }
            double weights = 0;
            for (double w : now.weights()) {
                weights += w;
            }
            assertEquals(1, weights, 1e-12);
        }
        // the ability matters: without it the estimates are not the same
        assertTrue(differs > 0.05, "largest difference from no spread " + differs);
    }

    /**
     * The exact estimate of the model with an ability spread: a mixture over the ability points of the Bayesian
     * network on the graph, each skill's own evidence entering through its SkillEvidence; enumerated.
     */
    private static double[] exactMixture(ModelGraph<String> g, KnowledgeTracing[] kt, double leak, double spread,
            LearnerState s) {
        int n = g.size();
        double[] z = LearnerModel.ABILITY_POINTS;
        double total = 0;
        double[] known = new double[n];
        for (double point : z) {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = PrerequisiteInference.sigmoid(PrerequisiteInference.logit(kt[i].prior()) + spread * point);
            }
            for (int x = 0; x < (1 << n); x++) {
                double w = Math.exp(-point * point / 2);
                double[] now = new double[n];
                for (int i = 0; i < n; i++) {
                    boolean all = true;
                    for (int q : g.parentsOf(i)) {
                        all &= ((x >> q) & 1) == 1;
                    }
                    double pk = all ? p[i] : leak;
                    SkillEvidence e = s.evidence(i);
                    double learned = Math.exp(e.logLearnedSince());
                    double still = Math.exp(e.logStillUnknown());
                    if (((x >> i) & 1) == 1) {
                        w *= pk * Math.exp(e.logKnown());
                        now[i] = 1;
                    } else {
                        w *= (1 - pk) * (learned + still);
                        now[i] = learned / (learned + still);
                    }
                }
                total += w;
                for (int i = 0; i < n; i++) {
                    known[i] += w * now[i];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            known[i] /= total;
        }
        return known;
    }

    /**
     * With prerequisites the ability points are weighed as if the skills were independent (LearnerModel#estimate
     * says so), which counts correlated evidence twice. Against exact enumeration on random trees of 3–6 skills,
     * spread 0.5–2.5, 8 random answers, seen: median error 0.008, 90th percentile 0.06, worst 0.163 (on a = 0.437
     * for an exact 0.274). Asserted: what holds, so that a worse approximation fails.
     */
    @Test
    void withAnAbilitySpreadOnATreeTheEstimateIsCloseToTheExactMixture() {
        Random random = new Random(5L);
        List<Double> errors = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            int n = 3 + random.nextInt(4);
            List<String> skills = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                skills.add("s" + i);
            }
            List<Map.Entry<String, String>> edges = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                edges.add(Map.entry("s" + i, "s" + random.nextInt(i)));
            }
            ModelGraph<String> g = new ModelGraph<>(skills, edges);
            KnowledgeTracing[] kt = new KnowledgeTracing[n];
            for (int i = 0; i < n; i++) {
                kt[i] = new KnowledgeTracing(0.2 + 0.6 * random.nextDouble(), 0.1, 0.2, 0.1);
            }
            double spread = 0.5 + 2 * random.nextDouble();
            LearnerModel<String> m = new LearnerModel<>(g, kt, 0.05, spread);
            LearnerState s = m.fresh();
            for (int t = 0; t < 8; t++) {
                answer(m, s, new int[] {random.nextInt(n)}, random.nextBoolean());
            }
            double[] exact = exactMixture(g, kt, 0.05, spread, s);
            LearnerModel.Estimates now = m.estimate(s);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(now.known(i) - exact[i]));
            }
            errors.add(worst);
        }
        errors.sort(null);
        double median = errors.get(errors.size() / 2);
        double p90 = errors.get(errors.size() * 9 / 10);
        double max = errors.get(errors.size() - 1);
        System.out.printf("ability mixture on trees: median %.4f, p90 %.4f, max %.4f%n", median, p90, max);
        assertTrue(median < 0.02, "median " + median);
        assertTrue(p90 < 0.1, "90th percentile " + p90);
        assertTrue(max < 0.25, "worst " + max);
    }

    @Test
    void withAnAbilitySpreadEvidenceOnOneSkillOnlyIsWeighedExactly() {
        // one skill with evidence: nothing is counted twice, so the mixture is exact (b requires a, right answers on b)
        ModelGraph<String> g = new ModelGraph<>(List.of("a", "b"), List.of(Map.entry("b", "a")));
        KnowledgeTracing[] kt = {KnowledgeTracing.DEFAULTS, KnowledgeTracing.DEFAULTS};
        LearnerModel<String> m = new LearnerModel<>(g, kt, 0.05, 1.0);
        LearnerState s = m.fresh();
        for (int i = 1; i <= 30; i++) {
            m.answer(s, new int[] {1}, ITEM, true, i, LearnerModel.Steps.NONE);
            m.learn(s, new int[] {1}, false, LearnerModel.Steps.NONE);
            double[] exact = exactMixture(g, kt, 0.05, 1.0, s);
            assertArrayEquals(exact, m.estimate(s).known(), 1e-9, "after " + i);
        }
    }

    /** A random learner's events on a five-skill graph with multi-skill questions, lessons and unknown skills. */
    private static List<EvidenceEvent> events(Random random, int count) {
        List<EvidenceEvent> events = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            if (random.nextInt(5) == 0) {
                events.add(EvidenceEvent.lesson(new int[] {random.nextInt(5)}));
                continue;
            }
            List<AnsweredQuestion> answers = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                int q = random.nextInt(8);
                int[] tags = switch (q % 4) {
                    case 0 -> new int[] {q % 5};
                    case 1 -> new int[] {q % 5, (q + 1) % 5};
                    case 2 -> new int[] {q % 5, -1};
                    default -> new int[] {0, 2, 4};
                };
                QuestionShape shape = q % 2 == 0 ? new QuestionShape("single_choice", 4, 1) : QuestionShape.UNKNOWN;
                answers.add(new AnsweredQuestion(new ItemKey(new UUID(0, q), 1), shape, tags, random.nextBoolean()));
            }
            events.add(EvidenceEvent.attempt(answers));
        }
        return events;
    }

    private static ModelParameters<String> parameters() {
        List<String> skills = List.of("a", "b", "c", "d", "e");
        List<Map.Entry<String, String>> edges = List.of(Map.entry("b", "a"), Map.entry("c", "a"), Map.entry("d", "b"),
                Map.entry("d", "c"), Map.entry("e", "d"));
        KnowledgeTracing[] kt = {new KnowledgeTracing(0.3, 0.1, 0.2, 0.1), new KnowledgeTracing(0.4, 0.15, 0.25, 0.08),
                new KnowledgeTracing(0.5, 0.05, 0.1, 0.1), new KnowledgeTracing(0.2, 0.2, 0.2, 0.05),
                KnowledgeTracing.DEFAULTS};
        Map<ItemKey, ItemParameters> items = new HashMap<>();
        items.put(new ItemKey(new UUID(0, 1), 1), new ItemParameters(0.3, 0.05, 0.4, 120));
        items.put(new ItemKey(new UUID(0, 4), 1), new ItemParameters(0.22, 0.12, -0.2, 80));
        return new ModelParameters<>(new ModelGraph<>(skills, edges), kt, 0.07, items);
    }

    @Test
    void replayingTheSameEventsGivesBitIdenticalEstimates() {
        ModelParameters<String> p = parameters();
        List<EvidenceEvent> events = events(new Random(101L), 40);
        LearnerState first = p.model().fresh();
        LearnerState second = p.model().fresh();
        int answers = 0;
        for (EvidenceEvent e : events) {
            p.apply(first, e, answers, LearnerModel.Steps.NONE);
            p.apply(second, e, answers, LearnerModel.Steps.NONE);
            answers += e.answers().size();
        }
        assertArrayEquals(p.model().estimate(first).known(), p.model().estimate(second).known(), 0);
        assertSameState(first, second);
    }

    @Test
    void storingTheStateHalfwayAndRestoringItGivesTheSameResultAsOneGo() {
        ModelParameters<String> p = parameters();
        LearnerModel<String> m = p.model();
        for (long seed = 1; seed <= 20; seed++) {
            List<EvidenceEvent> events = events(new Random(seed), 30);
            LearnerState whole = m.fresh();
            for (EvidenceEvent e : events) {
                p.apply(whole, e, 0, LearnerModel.Steps.NONE);
            }
            LearnerState half = m.fresh();
            for (EvidenceEvent e : events.subList(0, 15)) {
                p.apply(half, e, 0, LearnerModel.Steps.NONE);
            }
            // "store" it: only what a row would hold
            LearnerState restored = new LearnerState(half.size());
            for (int s = 0; s < half.size(); s++) {
                SkillEvidence e = half.evidence(s);
                restored.restore(s, new SkillEvidence(e.logKnown(), e.logLearnedSince(), e.logStillUnknown()),
                        half.observations(s), half.correctAnswers(s), half.learningSteps(s));
            }
            assertArrayEquals(m.estimate(half).known(), m.estimate(restored).known(), 0);
            for (EvidenceEvent e : events.subList(15, events.size())) {
                p.apply(restored, e, 0, LearnerModel.Steps.NONE);
            }
            assertArrayEquals(m.estimate(whole).known(), m.estimate(restored).known(), 0, "seed " + seed);
            assertSameState(whole, restored);
        }
    }

    @Test
    void countsFollowTheAnswersAndLessons() {
        ModelParameters<String> p = parameters();
        LearnerState s = p.model().fresh();
        ItemKey key = new ItemKey(new UUID(0, 9), 1);
        p.apply(s, EvidenceEvent.attempt(List.of(new AnsweredQuestion(key, QuestionShape.UNKNOWN, new int[] {0, 1}, true),
                new AnsweredQuestion(key, QuestionShape.UNKNOWN, new int[] {1}, false))), 0, LearnerModel.Steps.NONE);
        p.apply(s, EvidenceEvent.lesson(new int[] {2, 2}), 2, LearnerModel.Steps.NONE);
        assertEquals(1, s.observations(0));
        assertEquals(2, s.observations(1));
        assertEquals(1, s.correctAnswers(1));
        assertEquals(0, s.learningSteps(1));    // an attempt's learning step is not a lesson
        assertEquals(1, s.learningSteps(2));
        assertTrue(s.hasEvidence(2));
        assertFalse(s.hasEvidence(3));
    }
}
