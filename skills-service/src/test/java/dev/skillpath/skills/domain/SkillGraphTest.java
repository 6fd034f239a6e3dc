package dev.skillpath.skills.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SkillGraphTest {

    // binary-search requires java and sorting; sorting requires arrays; arrays requires java; graphs requires arrays
    private final SkillGraph<String> graph = new SkillGraph<>(
            List.of("java", "arrays", "sorting", "binary-search", "graphs", "git"),
            List.of(Map.entry("binary-search", "java"), Map.entry("binary-search", "sorting"),
                    Map.entry("sorting", "arrays"), Map.entry("arrays", "java"), Map.entry("graphs", "arrays")),
            Comparator.naturalOrder());

    @Test
    void namesTheCycleAnEdgeWouldClose() {
        assertEquals(Optional.of(List.of("java", "graphs", "arrays", "java")), graph.cycleIfAdded("java", "graphs"));
        // the shortest way round is named: binary-search requires java directly
        assertEquals(Optional.of(List.of("java", "binary-search", "java")), graph.cycleIfAdded("java", "binary-search"));
    }

    @Test
    void aSkillCannotRequireItself() {
        assertEquals(Optional.of(List.of("git", "git")), graph.cycleIfAdded("git", "git"));
    }

    @Test
    void anEdgeThatKeepsTheGraphAcyclicIsAccepted() {
        assertEquals(Optional.empty(), graph.cycleIfAdded("graphs", "sorting"));
        assertEquals(Optional.empty(), graph.cycleIfAdded("git", "java"));
    }

    @Test
    void prerequisitesAreTransitiveAndComeInAnOrderThatCanBeFollowed() {
        assertEquals(List.of("java", "arrays", "sorting"), graph.prerequisites("binary-search"));
        assertEquals(List.of(), graph.prerequisites("java"));
    }

    @Test
    void thePathLeavesOutWhatIsMasteredAndWhatLiesBelowIt() {
        assertEquals(List.of("java", "arrays", "sorting", "binary-search"), graph.pathTo("binary-search", Set.of()));
        assertEquals(List.of("sorting", "binary-search"), graph.pathTo("binary-search", Set.of("arrays", "java")));
        // sorting mastered: arrays below it is not needed for this target, java still is (a direct prerequisite)
        assertEquals(List.of("java", "binary-search"), graph.pathTo("binary-search", Set.of("sorting")));
        assertEquals(List.of(), graph.pathTo("binary-search", Set.of("binary-search")));
    }

    @Test
    void theFrontierIsWhatCanBeStartedNow() {
        assertEquals(List.of("git", "java"), graph.frontier(Set.of()));
        assertEquals(List.of("arrays", "git"), graph.frontier(Set.of("java")));
        assertEquals(List.of("git", "graphs", "sorting"), graph.frontier(Set.of("java", "arrays")));
    }

    @Test
    void ordersLargeChainsWithoutRecursion() {
        int n = 20_000;
        List<Integer> skills = new java.util.ArrayList<>();
        List<Map.Entry<Integer, Integer>> edges = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            skills.add(i);
            if (i > 0) {
                edges.add(Map.entry(i, i - 1));
            }
        }
        SkillGraph<Integer> chain = new SkillGraph<>(skills, edges, Comparator.naturalOrder());
        List<Integer> path = chain.pathTo(n - 1, Set.of());
        assertEquals(n, path.size());
        assertEquals(0, path.get(0));
        assertTrue(chain.cycleIfAdded(0, n - 1).isPresent());
    }
}
