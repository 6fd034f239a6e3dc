package dev.skillpath.skills.domain.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The skills the learner model knows and their {@code requires} edges, as arrays indexed by skill position: what
 * the propagation over the graph walks a few times per answer. Immutable.
 *
 * @param <S> how a skill is identified (the service uses ids)
 */
public final class ModelGraph<S> {

    private final List<S> skills;
    private final Map<S, Integer> index = new HashMap<>();
    /** Every direct prerequisite, as authored: what "every required prerequisite known" means. */
    final int[][] required;
    /**
     * The direct prerequisites that no other prerequisite already requires (the transitive reduction): what the
     * inference walks. "c requires a and b, b requires a" says nothing about c that "c requires b" does not, and the
     * redundant edge would make belief propagation count a twice.
     */
    final int[][] parents;
    /** For each skill, the skills that require it, and where it stands among each one's parents. */
    final int[][] children;
    final int[][] positionInChild;
    /** Prerequisites before the skills that require them. */
    final int[] order;

    /**
     * @param skills the skills, in a stable order (it decides nothing but array positions)
     * @param edges  pairs (skill, prerequisite); edges naming a skill outside {@code skills} are ignored
     * @throws IllegalArgumentException if the edges make a cycle
     */
    public ModelGraph(List<S> skills, Collection<Map.Entry<S, S>> edges) {
        this.skills = List.copyOf(skills);
        for (int i = 0; i < this.skills.size(); i++) {
            if (index.put(this.skills.get(i), i) != null) {
                throw new IllegalArgumentException("skill listed twice: " + this.skills.get(i));
            }
        }
        int n = this.skills.size();
        List<Set<Integer>> parentSets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parentSets.add(new LinkedHashSet<>());
        }
        for (Map.Entry<S, S> e : edges) {
            Integer s = index.get(e.getKey());
            Integer p = index.get(e.getValue());
            if (s != null && p != null && !s.equals(p)) {
                parentSets.get(s).add(p);
            }
        }
        required = new int[n][];
        for (int s = 0; s < n; s++) {
            required[s] = parentSets.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
        for (int s = 0; s < n; s++) {
            Set<Integer> redundant = new java.util.HashSet<>();
            for (int p : required[s]) {
                for (int q : required[s]) {
                    if (p != q && reaches(q, p, required)) {
                        redundant.add(p);
                    }
                }
            }
            parentSets.get(s).removeAll(redundant);
        }
        parents = new int[n][];
        List<List<int[]>> childLists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            childLists.add(new ArrayList<>());
        }
        for (int s = 0; s < n; s++) {
            parents[s] = parentSets.get(s).stream().mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < parents[s].length; k++) {
                childLists.get(parents[s][k]).add(new int[] {s, k});
            }
        }
        children = new int[n][];
        positionInChild = new int[n][];
        for (int p = 0; p < n; p++) {
            List<int[]> list = childLists.get(p);
            children[p] = list.stream().mapToInt(a -> a[0]).toArray();
            positionInChild[p] = list.stream().mapToInt(a -> a[1]).toArray();
        }
        order = topological(n);
    }

    public int size() {
        return skills.size();
    }

    public S skill(int i) {
        return skills.get(i);
    }

    public List<S> skills() {
        return skills;
    }

    /** The skill's position, or −1 if the model does not know it. */
    public int indexOf(S skill) {
        Integer i = index.get(skill);
        return i == null ? -1 : i;
    }

    /** The skill's prerequisites as the inference sees them (without the redundant ones). */
    public int[] parentsOf(int skill) {
        return parents[skill].clone();
    }

    /** The skill's direct prerequisites, as authored. */
    public int[] prerequisitesOf(int skill) {
        return required[skill].clone();
    }

    public boolean hasParents(int skill) {
        return parents[skill].length > 0;
    }

    /** Per skill, whether it requires one of {@code skills} or is required by one of them, directly or not. */
    public boolean[] related(int[] skills) {
        boolean[] seen = new boolean[size()];
        Deque<Integer> down = new ArrayDeque<>();
        Deque<Integer> up = new ArrayDeque<>();
        for (int s : skills) {
            if (s >= 0) {
                down.push(s);
                up.push(s);
            }
        }
        boolean[] below = new boolean[size()];
        while (!down.isEmpty()) {
            for (int p : parents[down.pop()]) {
                if (!below[p]) {
                    below[p] = true;
                    seen[p] = true;
                    down.push(p);
                }
            }
        }
        boolean[] above = new boolean[size()];
        while (!up.isEmpty()) {
            for (int c : children[up.pop()]) {
                if (!above[c]) {
                    above[c] = true;
                    seen[c] = true;
                    up.push(c);
                }
            }
        }
        return seen;
    }

    /** Whether {@code from} requires {@code to}, directly or not (a cycle was ruled out already by the catalogue). */
    private static boolean reaches(int from, int to, int[][] edges) {
        Deque<Integer> stack = new ArrayDeque<>(List.of(from));
        Set<Integer> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            int at = stack.pop();
            for (int next : edges[at]) {
                if (next == to) {
                    return true;
                }
                if (seen.add(next)) {
                    stack.push(next);
                }
            }
        }
        return false;
    }

    private int[] topological(int n) {
        int[] missing = new int[n];
        Deque<Integer> ready = new ArrayDeque<>();
        for (int s = 0; s < n; s++) {
            missing[s] = parents[s].length;
            if (missing[s] == 0) {
                ready.add(s);
            }
        }
        int[] result = new int[n];
        int at = 0;
        while (!ready.isEmpty()) {
            int s = ready.poll();
            result[at++] = s;
            for (int c : children[s]) {
                if (--missing[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (at != n) {
            throw new IllegalArgumentException("the requires edges make a cycle");
        }
        return result;
    }
}
