package dev.skillpath.skills.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The frontier with a redundant edge: mastery is asked of every authored prerequisite, readiness of the parents. */
class FrontierTest {

    /** a; b requires a; c requires a and b (c → a is implied by c → b → a). */
    private static final ModelGraph<String> TRIANGLE = new ModelGraph<>(List.of("a", "b", "c"),
            List.of(Map.entry("b", "a"), Map.entry("c", "a"), Map.entry("c", "b")));

    @Test
    void readinessMultipliesTheParentsOnlyAndCountsEveryPrerequisite() {
        // a 0.96, b 0.95 mastered; c 0.15: readiness (1 − 0.15)·P(b) = 0.85·0.95 = 0.8075 ≥ 0.8, ready
        // (with the redundant a multiplied in too it would be 0.85·0.96·0.95 = 0.7752 and only "to confirm")
        Frontier.Fringe f = Frontier.of(TRIANGLE, new double[] {0.96, 0.95, 0.15}, Integer::compare);
        assertEquals(1, f.ready().size(), f.toString());
        Frontier.Entry c = f.ready().get(0);
        assertEquals(2, c.skill());
        assertEquals(0.8075, c.readiness(), 1e-12);
        assertEquals(0.15, c.known(), 0);
        assertEquals(2, c.prerequisites());   // the authored prerequisites, a and b
        assertTrue(f.toConfirm().isEmpty(), f.toString());
    }

    @Test
    void aSkillJustUnderTheReadinessThresholdIsListedToConfirm() {
        // c 0.16: readiness 0.84·0.95 = 0.798 < 0.8
        Frontier.Fringe f = Frontier.of(TRIANGLE, new double[] {0.96, 0.95, 0.16}, Integer::compare);
        assertTrue(f.ready().isEmpty(), f.toString());
        assertEquals(List.of(2), f.toConfirm().stream().map(Frontier.Entry::skill).toList());
        assertEquals(0.798, f.toConfirm().get(0).readiness(), 1e-12);
    }

    @Test
    void aSkillIsOnTheFrontierOnlyWhenEveryAuthoredPrerequisiteIsMastered() {
        // b mastered (0.96) but a not (0.9): c's only parent is mastered, its authored prerequisite a is not, so c is
        // left out; a, a root, has readiness 1 − 0.9 = 0.1 and is listed to confirm
        Frontier.Fringe f = Frontier.of(TRIANGLE, new double[] {0.9, 0.96, 0.1}, Integer::compare);
        assertTrue(f.ready().isEmpty(), f.toString());
        assertEquals(1, f.toConfirm().size(), f.toString());
        assertEquals(0, f.toConfirm().get(0).skill());
        assertEquals(0.1, f.toConfirm().get(0).readiness(), 1e-12);
        assertEquals(0, f.toConfirm().get(0).prerequisites());
    }
}
