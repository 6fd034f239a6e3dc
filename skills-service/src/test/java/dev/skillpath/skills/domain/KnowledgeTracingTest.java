package dev.skillpath.skills.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class KnowledgeTracingTest {

    private static final KnowledgeTracing BKT = KnowledgeTracing.DEFAULTS;

    @Test
    void aCorrectAnswerFromThePriorMatchesTheFormulaOnWorkedNumbers() {
        // posterior = 0.2*0.9 / (0.2*0.9 + 0.8*0.2) = 0.18 / 0.34 = 0.529411...
        // then learning: 0.529411 + 0.470588*0.1 = 0.576470...
        assertEquals(0.5764705882, BKT.observe(0.2, true), 1e-9);
    }

    @Test
    void aWrongAnswerFromThePriorMatchesTheFormulaOnWorkedNumbers() {
        // posterior = 0.2*0.1 / (0.2*0.1 + 0.8*0.8) = 0.02 / 0.66 = 0.030303...
        // then learning: 0.030303 + 0.969697*0.1 = 0.127272...
        assertEquals(0.1272727273, BKT.observe(0.2, false), 1e-9);
    }

    @Test
    void aLessonIsALearningStepOnly() {
        assertEquals(0.28, BKT.learningStep(0.2), 1e-12);
        assertEquals(1.0, BKT.learningStep(1.0), 1e-12);
    }

    @Test
    void probabilityOfACorrectAnswer() {
        assertEquals(0.2 * 0.9 + 0.8 * 0.2, BKT.probabilityCorrect(0.2), 1e-12);
    }

    @Test
    void threeCorrectAnswersInARowReachMasteryFromTheDefaultPrior() {
        double l = BKT.prior();
        int answers = 0;
        while (!KnowledgeTracing.isMastered(l)) {
            l = BKT.observe(l, true);
            answers++;
        }
        assertEquals(3, answers, "0.2 → 0.576 → 0.874 → 0.972: three correct answers cross 0.95");
    }

    @Test
    void staysAProbabilityAndACorrectAnswerNeverLowersIt() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            KnowledgeTracing p = new KnowledgeTracing(random.nextDouble(), random.nextDouble(),
                    0.01 + random.nextDouble() * 0.48, 0.01 + random.nextDouble() * 0.48);
            double l = random.nextDouble();
            double right = p.observe(l, true);
            double wrong = p.observe(l, false);
            assertTrue(right >= 0 && right <= 1, "correct: " + right);
            assertTrue(wrong >= 0 && wrong <= 1, "wrong: " + wrong);
            assertTrue(right >= l - 1e-12, "a correct answer lowered L from " + l + " to " + right + " with " + p);
            assertTrue(right >= wrong, "a correct answer counts more than a wrong one");
        }
    }

    @Test
    void theEdgesOfTheScaleStayPut() {
        assertEquals(1.0, BKT.observe(1.0, true), 1e-12);
        assertEquals(1.0, BKT.observe(1.0, false), 1e-12, "with S > 0 a wrong answer cannot refute certainty");
        assertEquals(0.1, BKT.observe(0.0, true), 1e-12, "from 0 only learning moves it");
    }

    @Test
    void refusesParametersThatAreNotProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(1.2, 0.1, 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(0.2, -0.1, 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(0.2, 0.1, 0.0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(0.2, 0.1, 0.6, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(Double.NaN, 0.1, 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> BKT.observe(1.5, true));
    }

    @Test
    void masteryThreshold() {
        assertTrue(KnowledgeTracing.isMastered(0.95));
        assertFalse(KnowledgeTracing.isMastered(0.9499));
    }
}
