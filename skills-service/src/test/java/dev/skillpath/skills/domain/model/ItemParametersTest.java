package dev.skillpath.skills.domain.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.QuestionShape;

class ItemParametersTest {

    private static final double EXACT = 1e-12;

    @Test
    void theConstructorAcceptsTheBoundsThemselves() {
        assertDoesNotThrow(() -> new ItemParameters(ItemParameters.MIN, ItemParameters.MIN, 0, 0));
        assertDoesNotThrow(() -> new ItemParameters(ItemParameters.MAX_GUESS, ItemParameters.MAX_SLIP, -3.5, 12));
        assertEquals(0.005, ItemParameters.MIN);
        assertEquals(0.6, ItemParameters.MAX_GUESS);
        assertEquals(0.25, ItemParameters.MAX_SLIP);
    }

    @Test
    void theConstructorRefusesValuesOutsideTheBounds() {
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.004, 0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.0, 0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.6000001, 0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.2, 0.004, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.2, 0.2500001, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.2, 0.3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(Double.NaN, 0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.2, Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.2, 0.1, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new ItemParameters(0.2, 0.1, 0, -1));
    }

    @Test
    void startingValuesTakeTheShapesGuessAndTheSkillsSlip() {
        ItemParameters tf = ItemParameters.starting(new QuestionShape("true_false", 2, 1), 0.2, 0.1);
        assertEquals(0.5, tf.guess(), EXACT);
        assertEquals(0.1, tf.slip(), EXACT);
        assertEquals(0, tf.difficulty(), EXACT);
        assertEquals(0, tf.observations());
        assertEquals(0.25, ItemParameters.starting(new QuestionShape("single_choice", 4, 1), 0.2, 0.1).guess(), EXACT);
        assertEquals(0.03, ItemParameters.starting(new QuestionShape("numeric", 0, 0), 0.2, 0.1).guess(), EXACT);
        assertEquals(0.2, ItemParameters.starting(QuestionShape.UNKNOWN, 0.2, 0.07).guess(), EXACT);
        assertEquals(0.07, ItemParameters.starting(QuestionShape.UNKNOWN, 0.2, 0.07).slip(), EXACT);
    }

    @Test
    void startingValuesAreHeldWithinTheBounds() {
        // the skills' slip beyond the item bound (0.3 → 0.25); the fallback guess 0.9 is held by the shape to a
        // coin flip, 0.5, below the item bound 0.6
        ItemParameters high = ItemParameters.starting(QuestionShape.UNKNOWN, 0.9, 0.3);
        assertEquals(0.5, high.guess(), EXACT);
        assertEquals(ItemParameters.MAX_SLIP, high.slip(), EXACT);
        // a fallback guess of 0.001 is raised by the shape to its floor, 0.02 (above the item bound 0.005); the slip
        // 0.0001 to the item bound
        ItemParameters low = ItemParameters.starting(QuestionShape.UNKNOWN, 0.001, 0.0001);
        assertEquals(QuestionShape.FLOOR, low.guess(), EXACT);
        assertEquals(ItemParameters.MIN, low.slip(), EXACT);
        // an unknown shape and a type this version does not know start alike
        for (double fallback : new double[] {0.001, 0.02, 0.137, 0.5, 0.9}) {
            assertEquals(ItemParameters.starting(new QuestionShape("essay", 0, 0), fallback, 0.1),
                    ItemParameters.starting(QuestionShape.UNKNOWN, fallback, 0.1), "fallback " + fallback);
        }
    }

    @Test
    void everyStartingGuessIsWithinTheShapesBoundsWhateverTheFallback() {
        // [0.02, 0.5] lies inside the item bounds [0.005, 0.6], so the item clamp never changes a starting guess
        String[] types = {null, "true_false", "single_choice", "multiple_choice", "ordering", "numeric", "short_text", "essay"};
        for (String type : types) {
            for (int options = 0; options <= 12; options++) {
                for (double fallback : new double[] {0.0001, 0.01, 0.2, 0.55, 0.99}) {
                    QuestionShape shape = new QuestionShape(type, options, Math.min(options, 1));
                    double guess = ItemParameters.starting(shape, fallback, 0.1).guess();
                    assertEquals(shape.startingGuess(fallback), guess, 0, shape + ", fallback " + fallback);
                    assertTrue(guess >= QuestionShape.FLOOR && guess <= 0.5, shape + " → " + guess);
                }
            }
        }
    }

    @Test
    void aFitMayRaiseTheGuessATenthAboveTheStartButNotBelowThirtyPercentNorAbove60() {
        assertEquals(0.6, ItemParameters.maxGuess(0.5), EXACT);
        assertEquals(0.6, ItemParameters.maxGuess(0.55), EXACT);
        assertEquals(0.35, ItemParameters.maxGuess(0.25), EXACT);
        assertEquals(0.3, ItemParameters.maxGuess(0.03), EXACT);
        assertEquals(0.3, ItemParameters.maxGuess(0.2), EXACT);
    }

    @Test
    void anAbleLearnerGuessesBetterAndSlipsLess() {
        ItemParameters item = new ItemParameters(0.2, 0.1, 0.3, 40);
        assertSame(item, item.forAbility(1.5, 0), "no effect: the item itself");
        assertSame(item, item.forAbility(0, 1), "the average learner: the item itself");
        // logit(0.2) + 0.5·2 = −1.386 + 1 → σ = 0.4046; logit(0.1) − 0.5·2 = −2.197 − 1 → σ = 0.0392
        ItemParameters able = item.forAbility(2, 0.5);
        assertEquals(1 / (1 + Math.exp(-(Math.log(0.2 / 0.8) + 1))), able.guess(), EXACT);
        assertEquals(1 / (1 + Math.exp(-(Math.log(0.1 / 0.9) - 1))), able.slip(), EXACT);
        assertEquals(0.3, able.difficulty(), 0);
        assertEquals(40, able.observations());
        ItemParameters weak = item.forAbility(-2, 0.5);
        assertTrue(weak.guess() < 0.2 && weak.slip() > 0.1, weak.toString());
        // held within the bounds, and below 1 together
        ItemParameters extreme = new ItemParameters(0.5, 0.2, 0, 0).forAbility(10, 2);
        assertEquals(ItemParameters.MAX_GUESS, extreme.guess(), EXACT);
        assertTrue(extreme.guess() + extreme.slip() < 0.95 + EXACT, extreme.toString());
        assertEquals(ItemParameters.MAX_SLIP, new ItemParameters(0.05, 0.2, 0, 0).forAbility(-10, 2).slip(), EXACT);
    }
}
