package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class BaselineEstimatorsTest {

    private static final SeedData DATA = SeedData.load();
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final Question SQL = DATA.question("db-select");            // sql
    private static final Question HASH_AND_O = DATA.question("ds-hash-lookup"); // hash-tables, big-o-notation

    @Test
    void percentCorrectIsTheLaplaceSmoothedShare() {
        PercentCorrectEstimator e = new PercentCorrectEstimator(DATA);
        assertEquals(0.5, e.known("a", "sql"), 1e-12);
        e.graded("a", List.of(new Observation(SQL, true), new Observation(SQL, true), new Observation(SQL, false)), AT);
        assertEquals(3.0 / 5, e.known("a", "sql"), 1e-12);
        assertEquals(0.5, e.known("a", "git"), 1e-12);
        assertEquals(0.5, e.known("b", "sql"), 1e-12);
        e.graded("a", List.of(new Observation(HASH_AND_O, false)), AT);
        assertEquals(1.0 / 3, e.known("a", "hash-tables"), 1e-12);
        assertEquals((1.0 / 3 + 1.0 / 3) / 2, e.predictCorrect("a", HASH_AND_O), 1e-12);
    }

    @Test
    void percentCorrectMastersOnlyAfterEighteenRightAnswers() {
        PercentCorrectEstimator e = new PercentCorrectEstimator(DATA);
        for (int i = 0; i < 17; i++) {
            e.graded("a", List.of(new Observation(SQL, true)), AT);
        }
        assertFalse(e.mastered("a", "sql"));
        e.graded("a", List.of(new Observation(SQL, true)), AT);
        assertTrue(e.mastered("a", "sql"));
    }

    @Test
    void percentCorrectFrontierUsesItsMasteryRule() {
        PercentCorrectEstimator e = new PercentCorrectEstimator(DATA);
        List<String> roots = DATA.skills().stream().filter(s -> DATA.prerequisites(s).isEmpty()).toList();
        assertEquals(roots.size(), e.frontier("nobody").size());
        assertTrue(e.frontier("nobody").containsAll(roots));
    }

    @Test
    void oldModelFollowsTheKnowledgeTracingFormulas() {
        // correct from 0.2: 0.2·0.9 / (0.2·0.9 + 0.8·0.2) = 0.18 / 0.34, then + (1 − ·)·0.1
        double afterCorrect = 0.18 / 0.34;
        afterCorrect += (1 - afterCorrect) * 0.1;
        // wrong from there: L·0.1 / (L·0.1 + (1 − L)·0.8), then + (1 − ·)·0.1
        double afterWrong = afterCorrect * 0.1 / (afterCorrect * 0.1 + (1 - afterCorrect) * 0.8);
        afterWrong += (1 - afterWrong) * 0.1;

        OldModelEstimator e = new OldModelEstimator(DATA);
        assertEquals(0.2, e.known("a", "sql"), 1e-12);
        assertEquals(0.2 * 0.9 + 0.8 * 0.2, e.predictCorrect("a", SQL), 1e-12);
        e.graded("a", List.of(new Observation(SQL, true)), AT);
        assertEquals(afterCorrect, e.known("a", "sql"), 1e-12);
        e.graded("a", List.of(new Observation(SQL, false)), AT);
        assertEquals(afterWrong, e.known("a", "sql"), 1e-12);
        assertEquals(0.2, e.known("a", "git"), 1e-12);
    }

    @Test
    void oldModelCountsOneObservationPerTag() {
        OldModelEstimator e = new OldModelEstimator(DATA);
        e.graded("a", List.of(new Observation(HASH_AND_O, true)), AT);
        double expected = OldModelEstimator.observe(0.2, true);
        assertEquals(expected, e.known("a", "hash-tables"), 1e-12);
        assertEquals(expected, e.known("a", "big-o-notation"), 1e-12);
        assertEquals(expected * 0.9 + (1 - expected) * 0.2, e.predictCorrect("a", HASH_AND_O), 1e-12);
    }

    @Test
    void oldModelMastersAfterARunOfRightAnswers() {
        OldModelEstimator e = new OldModelEstimator(DATA);
        int answers = 0;
        while (!e.mastered("a", "sql")) {
            e.graded("a", List.of(new Observation(SQL, true)), AT);
            answers++;
        }
        assertTrue(e.known("a", "sql") >= 0.95);
        assertEquals(3, answers);
        assertTrue(e.frontier("a").contains("database-design"));
        assertFalse(e.frontier("a").contains("sql"));
    }

    @Test
    void thePriorOnlyEstimatorIgnoresAnswers() {
        PriorOnlyEstimator e = new PriorOnlyEstimator(DATA);
        assertEquals(0.5, e.known("a", "programming-fundamentals"), 1e-12);
        assertEquals(0.25, e.known("a", "java"), 1e-12);
        assertEquals(0.125, e.known("a", "hash-tables"), 1e-12);   // hash-tables, arrays, programming-fundamentals
        e.graded("a", List.of(new Observation(SQL, true)), AT);
        assertEquals(e.known("b", "sql"), e.known("a", "sql"), 1e-12);
        assertFalse(e.mastered("a", "programming-fundamentals"));
        assertTrue(e.frontier("a").stream().allMatch(s -> DATA.prerequisites(s).isEmpty()));
    }
}
