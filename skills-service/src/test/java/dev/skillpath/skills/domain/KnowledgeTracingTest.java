package dev.skillpath.skills.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parameter record checks itself; the formulas live in domain.model (SkillEvidenceTest checks them against BKT). */
class KnowledgeTracingTest {

    @Test
    void refusesParametersThatAreNotProbabilities() {
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(1.2, 0.1, 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(0.2, -0.1, 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(0.2, 0.1, 0.0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(0.2, 0.1, 0.2, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(Double.NaN, 0.1, 0.2, 0.1));
        assertDoesNotThrow(() -> new KnowledgeTracing(0, 0, 0.01, 0.01));
    }

    @Test
    void aCorrectAnswerMustRemainEvidenceForKnowing() {
        assertThrows(IllegalArgumentException.class, () -> new KnowledgeTracing(0.2, 0.1, 0.6, 0.5));
        assertDoesNotThrow(() -> new KnowledgeTracing(0.2, 0.1, 0.5, 0.49));
    }

    @Test
    void masteryThreshold() {
        assertTrue(KnowledgeTracing.isMastered(0.95));
        assertFalse(KnowledgeTracing.isMastered(0.9499));
    }
}
