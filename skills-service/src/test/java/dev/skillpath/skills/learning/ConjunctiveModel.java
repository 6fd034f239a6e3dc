package dev.skillpath.skills.learning;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Noisy-AND: a learner who knows every tagged skill answers correctly with probability 1 − slip; one who misses
 * any of them, with the question's guess rate.
 */
final class ConjunctiveModel implements GenerativeModel {

    static final String NAME = "conjunctive";
    static final double SLIP_MIN = 0.03;
    static final double SLIP_MAX = 0.15;

    private final Map<String, Double> guess = new HashMap<>();
    private final Map<String, Double> slip = new HashMap<>();

    ConjunctiveModel(SeedData data, SplittableRandom rng) {
        for (Question q : data.questions().values()) {   // the bank's order: reproducible
            guess.put(q.key(), GenerativeModel.shapeGuess(q, rng));
            slip.put(q.key(), rng.nextDouble(SLIP_MIN, SLIP_MAX));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return "noisy-AND: P(correct) = 1 − slip_i when every tagged skill is known, else guess_i; slip_i ~ "
                + GenerativeModel.range(SLIP_MIN, SLIP_MAX) + " per question; guess_i from the question's shape "
                + "(true_false 1/2, single_choice 1/options, multiple_choice max(0.03, 1/(2^options−1)), "
                + "ordering max(0.02, 1/items!), short_text and numeric U(0.01, 0.02))";
    }

    @Override
    public double guess(Question question) {
        return guess.get(question.key());
    }

    @Override
    public double probabilityCorrect(Question question, int knownTags, double theta) {
        return knownTags == question.skills().size() ? 1 - slip.get(question.key()) : guess.get(question.key());
    }
}
