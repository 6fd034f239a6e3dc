package dev.skillpath.platform.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuestionShapeTest {

    private static final double EXACT = 1e-12;
    private static final double FALLBACK = 0.2;

    private static double guess(String type, int options, int correct) {
        return new QuestionShape(type, options, correct).startingGuess(FALLBACK);
    }

    @Test
    void trueFalseIsACoinFlip() {
        assertEquals(0.5, guess("true_false", 2, 1), EXACT);
        assertEquals(0.5, guess("true_false", 0, 0), EXACT);
    }

    @Test
    void singleChoiceIsOneOverTheOptions() {
        assertEquals(0.25, guess("single_choice", 4, 1), EXACT);
        assertEquals(1.0 / 3, guess("single_choice", 3, 1), EXACT);
        assertEquals(0.2, guess("single_choice", 5, 1), EXACT);
        // fewer than two options counts as two
        assertEquals(0.5, guess("single_choice", 1, 1), EXACT);
        assertEquals(0.5, guess("single_choice", 0, 0), EXACT);
        // 1/100 is below the floor
        assertEquals(QuestionShape.FLOOR, guess("single_choice", 100, 1), EXACT);
    }

    @Test
    void multipleChoiceIsOneOverTheNonEmptySubsetsFlooredAtFivePercent() {
        assertEquals(1.0 / 3, guess("multiple_choice", 2, 1), EXACT);   // 2² − 1 = 3 subsets
        assertEquals(1.0 / 7, guess("multiple_choice", 3, 2), EXACT);   // 7 subsets
        assertEquals(1.0 / 15, guess("multiple_choice", 4, 2), EXACT);  // 15 subsets: 0.0667
        assertEquals(0.05, guess("multiple_choice", 5, 2), EXACT);      // 1/31 = 0.032 → 0.05
        assertEquals(0.05, guess("multiple_choice", 10, 3), EXACT);
        // one option (or none): a single subset, capped at a coin flip
        assertEquals(0.5, guess("multiple_choice", 1, 1), EXACT);
    }

    @Test
    void orderingIsOneOverThePermutationsFlooredAtThreePercent() {
        assertEquals(0.5, guess("ordering", 2, 0), EXACT);
        assertEquals(1.0 / 6, guess("ordering", 3, 0), EXACT);
        assertEquals(1.0 / 24, guess("ordering", 4, 0), EXACT);
        assertEquals(0.03, guess("ordering", 5, 0), EXACT);            // 1/120 → 0.03
        assertEquals(0.5, guess("ordering", 0, 0), EXACT);             // counts as two items
    }

    @Test
    void freeAnswersAreRarelyGuessed() {
        assertEquals(0.03, guess("numeric", 0, 0), EXACT);
        assertEquals(0.03, guess("short_text", 0, 0), EXACT);
    }

    @Test
    void anUnknownShapeTakesTheFallback() {
        assertFalse(QuestionShape.UNKNOWN.known());
        assertTrue(new QuestionShape("true_false", 2, 1).known());
        assertEquals(0.2, QuestionShape.UNKNOWN.startingGuess(0.2), EXACT);
        assertEquals(0.137, QuestionShape.UNKNOWN.startingGuess(0.137), EXACT);
        // held within [FLOOR, 0.5] like the known types (a v1 event's answer no longer starts above a coin flip)
        assertEquals(0.5, QuestionShape.UNKNOWN.startingGuess(0.9), EXACT);
        assertEquals(0.5, QuestionShape.UNKNOWN.startingGuess(0.5), EXACT);
        assertEquals(QuestionShape.FLOOR, QuestionShape.UNKNOWN.startingGuess(0.001), EXACT);
        assertEquals(QuestionShape.FLOOR, QuestionShape.UNKNOWN.startingGuess(0.02), EXACT);
        assertEquals(0.02, QuestionShape.FLOOR, 0);
        // a type this version does not know: the fallback, held within [FLOOR, 0.5]
        assertEquals(0.2, guess("essay", 0, 0), EXACT);
        assertEquals(0.5, new QuestionShape("essay", 0, 0).startingGuess(0.9), EXACT);
        assertEquals(QuestionShape.FLOOR, new QuestionShape("essay", 0, 0).startingGuess(0.001), EXACT);
    }

    @Test
    void anUnknownShapeIsBoundedLikeAnUnknownType() {
        for (double fallback : new double[] {0, 0.001, 0.0199, 0.02, 0.2, 0.4999, 0.5, 0.5001, 0.9, 1}) {
            assertEquals(new QuestionShape("essay", 0, 0).startingGuess(fallback), QuestionShape.UNKNOWN.startingGuess(fallback),
                    0, "fallback " + fallback);
        }
        assertEquals(0.5, QuestionShape.UNKNOWN.startingGuess(0.5001), 0);
        assertEquals(QuestionShape.FLOOR, QuestionShape.UNKNOWN.startingGuess(0.0199), 0);
    }
}
