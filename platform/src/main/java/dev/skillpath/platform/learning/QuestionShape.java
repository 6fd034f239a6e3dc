package dev.skillpath.platform.learning;

/**
 * What kind of question an answer was given to, as far as guessing goes: its type and, for choice and ordering
 * questions, how many options (items) it has and how many of them are correct. The shape gives the starting guess
 * rate, the chance of a right answer without the skills: a coin flip answers half of all true/false questions,
 * nobody guesses a number.
 *
 * @param type           the question type's API value ({@code true_false}, …), or null when unknown (a v1 event)
 * @param options        options of a choice question, items of an ordering one, else 0
 * @param correctOptions correct options of a choice question, else 0
 */
public record QuestionShape(String type, int options, int correctOptions) {

    /** The shape of an answer whose event did not say (version 1 of {@code quiz.attempt.graded}). */
    public static final QuestionShape UNKNOWN = new QuestionShape(null, 0, 0);

    /** No question type is guessed more often than a coin flip, or less often than this. */
    public static final double FLOOR = 0.02;

    public boolean known() {
        return type != null;
    }

    /**
     * The guess rate before any data: a uniform guess among the answers the shape allows, floored where a learner
     * who half-knows a skill does better than chance (choosing among subsets, orders, free answers).
     *
     * @param fallback used when the shape is unknown (the skills' guess rate)
     */
    public double startingGuess(double fallback) {
        if (type == null) {
            return Math.max(FLOOR, Math.min(0.5, fallback));
        }
        double guess = switch (type) {
            case "true_false" -> 0.5;
            case "single_choice" -> 1.0 / Math.max(2, options);
            // all-or-nothing: any non-empty subset of the options might be chosen
            case "multiple_choice" -> Math.max(0.05, 1.0 / (Math.pow(2, Math.max(1, options)) - 1));
            case "ordering" -> Math.max(0.03, 1.0 / factorial(Math.max(2, options)));
            case "numeric", "short_text" -> 0.03;
            default -> fallback;
        };
        return Math.max(FLOOR, Math.min(0.5, guess));
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
