package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reference: an estimator that ignores every answer and knows only the {@code requires} graph. known(s) =
 * 0.5^(number of skills in s's prerequisite closure, s included), the same for every learner: each step down the
 * graph a coin flip. predictCorrect = Π known(tags)·0.9 + (1 − Π)·0.2. Never mastered; frontier = the roots.
 * Whatever it scores comes from the graph (and, for the outside prediction with the true guess rate, from the
 * generative model's guess rates), not from evidence: no figure of a real model means anything below it.
 */
public final class PriorOnlyEstimator implements Estimator {

    public static final String NAME = "no evidence (graph prior)";

    private final SeedData data;
    private final Map<String, Double> prior = new HashMap<>();

    public PriorOnlyEstimator(SeedData data) {
        this.data = data;
        for (String s : data.skills()) {
            Set<String> closure = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(s));
            while (!todo.isEmpty()) {
                String next = todo.pop();
                if (closure.add(next)) {
                    todo.addAll(data.prerequisites(next));
                }
            }
            prior.put(s, Math.pow(0.5, closure.size()));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void graded(String learner, List<Observation> answers, Instant at) {
        // ignores the evidence by design
    }

    @Override
    public double known(String learner, String skill) {
        return prior.get(skill);
    }

    @Override
    public double predictCorrect(String learner, Question question) {
        double all = 1;
        for (String s : question.skills()) {
            all *= known(learner, s);
        }
        return all * 0.9 + (1 - all) * 0.2;
    }

    @Override
    public boolean mastered(String learner, String skill) {
        return false;
    }

    @Override
    public List<String> frontier(String learner) {
        return Frontiers.of(data, s -> false, s -> known(learner, s));
    }
}
