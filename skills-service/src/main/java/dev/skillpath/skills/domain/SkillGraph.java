package dev.skillpath.skills.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The {@code requires} graph of the catalogue: an edge {@code a → b} means skill a requires skill b. Answers the
 * questions the catalogue and mastery need (cycles, transitive prerequisites, learning paths, the frontier) in
 * plain Java. Orders are deterministic: among skills that could come next, {@code order} decides.
 *
 * @param <S> how a skill is identified (the service uses ids)
 */
public final class SkillGraph<S> {

    private final Set<S> skills;
    private final Map<S, Set<S>> requires = new HashMap<>();
    private final Comparator<S> order;

    /**
     * @param skills the skills in the graph
     * @param edges  pairs (skill, prerequisite); edges to skills outside {@code skills} are ignored
     * @param order  tie-break between skills that may come in either order
     */
    public SkillGraph(Collection<S> skills, Collection<Map.Entry<S, S>> edges, Comparator<S> order) {
        this.skills = new LinkedHashSet<>(skills);
        this.order = order;
        for (Map.Entry<S, S> e : edges) {
            if (this.skills.contains(e.getKey()) && this.skills.contains(e.getValue())) {
                requires.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue());
            }
        }
    }

    /** The direct prerequisites of {@code skill}. */
    public Set<S> directPrerequisites(S skill) {
        return requires.getOrDefault(skill, Set.of());
    }

    /**
     * The cycle that "{@code skill} requires {@code prerequisite}" would close, as the list of skills along it
     * starting and ending with {@code skill}; empty if the edge keeps the graph acyclic.
     */
    public Optional<List<S>> cycleIfAdded(S skill, S prerequisite) {
        if (skill.equals(prerequisite)) {
            return Optional.of(List.of(skill, skill));
        }
        // the new edge closes a cycle exactly when the prerequisite already (transitively) requires the skill
        Map<S, S> cameFrom = new HashMap<>();
        Deque<S> queue = new ArrayDeque<>(List.of(prerequisite));
        Set<S> seen = new HashSet<>(List.of(prerequisite));
        while (!queue.isEmpty()) {
            S current = queue.poll();
            if (current.equals(skill)) {
                List<S> path = new ArrayList<>();
                for (S at = skill; at != null; at = cameFrom.get(at)) {
                    path.add(0, at);
                }
                List<S> cycle = new ArrayList<>();
                cycle.add(skill);
                cycle.addAll(path);
                return Optional.of(cycle);
            }
            for (S next : sorted(directPrerequisites(current))) {
                if (seen.add(next)) {
                    cameFrom.put(next, current);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    /** Every skill {@code skill} requires, directly or not, in an order where each comes after its own. */
    public List<S> prerequisites(S skill) {
        Set<S> closure = reachable(skill, Set.of());
        closure.remove(skill);
        return topological(closure);
    }

    /**
     * What a learner still has to learn to reach {@code target}, in an order they can follow: the target and
     * its prerequisites that are not mastered, without descending below a mastered skill. Empty when the
     * target itself is mastered.
     */
    public List<S> pathTo(S target, Set<S> mastered) {
        if (mastered.contains(target)) {
            return List.of();
        }
        return topological(reachable(target, mastered));
    }

    /** Skills not mastered whose every required prerequisite is mastered: what a learner can start now. */
    public List<S> frontier(Set<S> mastered) {
        List<S> frontier = new ArrayList<>();
        for (S s : skills) {
            if (!mastered.contains(s) && mastered.containsAll(directPrerequisites(s))) {
                frontier.add(s);
            }
        }
        frontier.sort(order);
        return frontier;
    }

    /** The skill and everything it requires, not descending through skills in {@code stopAt}. */
    private Set<S> reachable(S start, Set<S> stopAt) {
        Set<S> seen = new LinkedHashSet<>(List.of(start));
        Deque<S> stack = new ArrayDeque<>(List.of(start));
        while (!stack.isEmpty()) {
            for (S next : directPrerequisites(stack.pop())) {
                if (!stopAt.contains(next) && seen.add(next)) {
                    stack.push(next);
                }
            }
        }
        return seen;
    }

    /** Kahn's algorithm on the subgraph induced by {@code subset}: prerequisites first, ties by {@code order}. */
    private List<S> topological(Set<S> subset) {
        Map<S, Integer> missing = new HashMap<>();
        Map<S, List<S>> dependents = new HashMap<>();
        for (S s : subset) {
            int count = 0;
            for (S p : directPrerequisites(s)) {
                if (subset.contains(p)) {
                    count++;
                    dependents.computeIfAbsent(p, k -> new ArrayList<>()).add(s);
                }
            }
            missing.put(s, count);
        }
        PriorityQueue<S> ready = new PriorityQueue<>(order);
        missing.forEach((s, count) -> {
            if (count == 0) {
                ready.add(s);
            }
        });
        List<S> result = new ArrayList<>(subset.size());
        while (!ready.isEmpty()) {
            S s = ready.poll();
            result.add(s);
            for (S d : dependents.getOrDefault(s, List.of())) {
                if (missing.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (result.size() != subset.size()) {
            throw new IllegalStateException("the requires graph has a cycle");
        }
        return result;
    }

    private List<S> sorted(Collection<S> items) {
        List<S> list = new ArrayList<>(items);
        list.sort(order);
        return list;
    }
}
