package dev.skillpath.skills.learning;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How a simulated learner's true state produces answers. Each implementation draws its own per-question
 * parameters from the run's seed; nothing is fitted to, or read from, any estimator.
 */
public interface GenerativeModel {

    List<String> NAMES = List.of(ConjunctiveModel.NAME, CompensatoryModel.NAME);

    String name();

    /** What the model is and the ranges its parameters were drawn from, for the report (Markdown). */
    String describe();

    /** The question's true guess rate: P(correct) for a learner who knows none of its tagged skills (θ aside). */
    double guess(Question question);

    /** The true probability that the learner, in their current state, answers the question correctly. */
    default double probabilityCorrect(SimulatedLearner learner, Question question, SeedData data) {
        int knownTags = 0;
        for (String s : question.skills()) {
            knownTags += learner.knows(data.index(s)) ? 1 : 0;
        }
        return probabilityCorrect(question, knownTags, learner.theta());
    }

    /**
     * The same from what it depends on: how many of the question's tagged skills the learner knows, and the
     * learner's person parameter θ (which only the compensatory model reads).
     */
    double probabilityCorrect(Question question, int knownTags, double theta);

    static GenerativeModel create(String name, SeedData data, SplittableRandom rng) {
        return switch (name) {
            case ConjunctiveModel.NAME -> new ConjunctiveModel(data, rng);
            case CompensatoryModel.NAME -> new CompensatoryModel(data, rng);
            default -> throw new IllegalArgumentException("unknown generative model " + name + " (one of " + NAMES + ")");
        };
    }

    /**
     * The chance of a right answer by guessing alone, from the question's type and shape: true_false 1/2,
     * single_choice 1/options, multiple_choice (all-or-nothing) 1/(2^options − 1) but at least 0.03, ordering
     * 1/items! but at least 0.02, short_text and numeric drawn from U(0.01, 0.02).
     */
    static double shapeGuess(Question q, SplittableRandom rng) {
        return switch (q.type()) {
            case "true_false" -> 0.5;
            case "single_choice" -> 1.0 / Math.max(2, q.options());
            case "multiple_choice" -> Math.max(0.03, 1.0 / (Math.pow(2, Math.max(1, q.options())) - 1));
            case "ordering" -> Math.max(0.02, 1.0 / factorial(Math.max(1, q.options())));
            case "short_text", "numeric" -> rng.nextDouble(0.01, 0.02);
            default -> throw new IllegalArgumentException("unknown question type " + q.type());
        };
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    static String range(double lo, double hi) {
        return "U(" + lo + ", " + hi + ")";
    }
}
