package dev.skillpath.skills.domain.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.skillpath.skills.domain.KnowledgeTracing;

/**
 * The outer fringe of a learner's knowledge state (Doignon &amp; Falmagne, knowledge space theory; ALEKS's "ready
 * to learn"): skills not known whose every required prerequisite is known. "Known" for a prerequisite means
 * mastered (P ≥ 0.95). A skill is on the frontier when its readiness, P(not known) × Π P(prerequisite known), the
 * probability that it is in the learner's fringe, is at least {@link #READY}: a claim "ready to learn" should be
 * right at least eight times in ten. A skill whose prerequisites are mastered but which the learner may well know
 * already is listed apart, to confirm (a quiz on it tells).
 */
public final class Frontier {

    public static final double READY = 0.8;

    /** A skill whose prerequisites are all mastered, with its readiness. */
    public record Entry(int skill, double readiness, double known, int prerequisites) {
    }

    /** Ready to learn, most ready first; and probably known, to confirm. */
    public record Fringe(List<Entry> ready, List<Entry> toConfirm) {
    }

    private Frontier() {
    }

    /**
     * @param known P(known) of every skill of the graph
     * @param tie   the order among skills equally ready
     */
    public static Fringe of(ModelGraph<?> graph, double[] known, Comparator<Integer> tie) {
        List<Entry> ready = new ArrayList<>();
        List<Entry> confirm = new ArrayList<>();
        for (int s = 0; s < graph.size(); s++) {
            if (KnowledgeTracing.isMastered(known[s])) {
                continue;
            }
            boolean allMastered = true;
            for (int p : graph.required[s]) {
                allMastered &= KnowledgeTracing.isMastered(known[p]);
            }
            double prerequisites = 1;
            for (int p : graph.parents[s]) { // the redundant ones are implied by these
                prerequisites *= known[p];
            }
            if (!allMastered) {
                continue;
            }
            Entry e = new Entry(s, (1 - known[s]) * prerequisites, known[s], graph.required[s].length);
            (e.readiness() >= READY ? ready : confirm).add(e);
        }
        Comparator<Entry> byReadiness = Comparator.comparingDouble(Entry::readiness).reversed();
        ready.sort(byReadiness.thenComparing(Entry::skill, tie));
        confirm.sort(Comparator.comparingDouble(Entry::known).reversed().thenComparing(Entry::skill, tie));
        return new Fringe(ready, confirm);
    }
}
