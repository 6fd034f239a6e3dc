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
        // a 0.96, b 0.95 mastered; c 0.25: readiness (1 − 0.25)·P(b) = 0.75·0.95 = 0.7125 ≥ 0.7, ready
        // (with the redundant a multiplied in too it would be 0.75·0.96·0.95 = 0.684 and only "to confirm")
        Frontier.Fringe f = Frontier.of(TRIANGLE, new double[] {0.96, 0.95, 0.25}, Integer::compare);
        assertEquals(1, f.ready().size(), f.toString());
        Frontier.Entry c = f.ready().get(0);
        assertEquals(2, c.skill());
        assertEquals(0.7125, c.readiness(), 1e-12);
        assertEquals(0.25, c.known(), 0);
        assertEquals(2, c.prerequisites());   // the authored prerequisites, a and b
        assertTrue(f.toConfirm().isEmpty(), f.toString());
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
