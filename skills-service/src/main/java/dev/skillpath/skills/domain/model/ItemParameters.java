package dev.skillpath.skills.domain.model;

import dev.skillpath.platform.learning.QuestionShape;

/**
 * One question version's own parameters (the item level of KT-IDEM, Pardos &amp; Heffernan 2011): its guess rate
 * (a right answer without every tagged skill), its slip rate (a wrong answer with all of them) and its difficulty,
 * the logit of the population's share of wrong answers (the item difficulty an Elo rating converges to when
 * abilities are equal; Pelánek 2016). Starting values come from the question's shape; a fit moves them toward the
 * population's answers.
 *
 * @param observations how many answers the values rest on (0 for starting values)
 */
public record ItemParameters(double guess, double slip, double difficulty, int observations) {

    /** Guess and slip stay within these, and below 1 together, whatever the data. */
    public static final double MIN = 0.005;
    public static final double MAX_GUESS = 0.6;
    public static final double MAX_SLIP = 0.25;

    public ItemParameters {
        if (!(guess >= MIN && guess <= MAX_GUESS) || !(slip >= MIN && slip <= MAX_SLIP)) {
            throw new IllegalArgumentException("guess must be in [" + MIN + ", " + MAX_GUESS + "] and slip in [" + MIN
                    + ", " + MAX_SLIP + "], were " + guess + " and " + slip);
        }
        if (Double.isNaN(difficulty) || observations < 0) {
            throw new IllegalArgumentException("difficulty must be a number and observations not negative");
        }
    }

    /** Before any data: the shape's guess rate and the tagged skills' slip. */
    public static ItemParameters starting(QuestionShape shape, double skillGuess, double skillSlip) {
        double guess = clamp(shape.startingGuess(skillGuess), MIN, MAX_GUESS);
        return new ItemParameters(guess, clamp(skillSlip, MIN, MAX_SLIP), 0, 0);
    }

    /**
     * The item as it behaves for a learner of general ability {@code ability} (logit scale, 0 the average): a more
     * able learner guesses better and slips less, logit(guess) + effect·ability and logit(slip) − effect·ability (a
     * two-parameter logistic model's person term on both sides of the noisy-AND; {@code effect} is fitted, 0 keeps
     * the item as it is).
     */
    public ItemParameters forAbility(double ability, double effect) {
        if (effect == 0 || ability == 0) {
            return this;
        }
        double g = clamp(sigmoid(logit(guess) + effect * ability), MIN, MAX_GUESS);
        double s = clamp(sigmoid(logit(slip) - effect * ability), MIN, MAX_SLIP);
        if (g + s >= 0.95) {
            s = Math.max(MIN, 0.95 - g);
        }
        return new ItemParameters(g, s, difficulty, observations);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The highest guess rate a fit may give an item that started at {@code starting}. */
    public static double maxGuess(double starting) {
        return Math.min(MAX_GUESS, Math.max(0.3, starting + 0.1));
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
