package dev.skillpath.skills.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The frontier rule the baselines share with the service: not mastered, every prerequisite mastered. */
final class Frontiers {

    private Frontiers() {
    }

    /** The skills not mastered whose prerequisites are all mastered, highest {@code readiness} first, then catalogue order. */
    static List<String> of(SeedData data, Predicate<String> mastered, ToDoubleFunction<String> readiness) {
        List<String> frontier = new ArrayList<>();
        for (String s : data.skills()) {
            if (!mastered.test(s) && data.prerequisites(s).stream().allMatch(mastered)) {
                frontier.add(s);
            }
        }
        frontier.sort(Comparator.comparingDouble(readiness).reversed());   // stable: ties keep the catalogue order
        return frontier;
    }
}
