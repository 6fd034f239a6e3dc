package dev.skillpath.quiz.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GradingMethodAndReviewTest {

    private static final List<Double> TAKEN = List.of(40.0, 90.0, 70.0);

    @Test
    void gradingMethodsCombineAttemptsInTheOrderTaken() {
        assertEquals(90.0, GradingMethod.HIGHEST.combine(TAKEN).getAsDouble());
        assertEquals(70.0, GradingMethod.LAST.combine(TAKEN).getAsDouble());
        assertEquals(40.0, GradingMethod.FIRST.combine(TAKEN).getAsDouble());
        assertEquals(200.0 / 3, GradingMethod.AVERAGE.combine(TAKEN).getAsDouble(), 1e-9);
        assertTrue(GradingMethod.AVERAGE.combine(List.of()).isEmpty());
    }

    @Test
    void nothingIsReviewedBeforeGrading() {
        for (ReviewPolicy p : ReviewPolicy.values()) {
            assertFalse(Review.visible(p, false, 5, 1, QuizStatus.RETIRED), p.value());
        }
    }

    @Test
    void reviewPolicies() {
        assertFalse(Review.visible(ReviewPolicy.NEVER, true, 3, 3, QuizStatus.RETIRED));
        assertTrue(Review.visible(ReviewPolicy.AFTER_SUBMIT, true, 1, 3, QuizStatus.PUBLISHED));
        assertFalse(Review.visible(ReviewPolicy.AFTER_LAST_ATTEMPT, true, 2, 3, QuizStatus.PUBLISHED));
        assertTrue(Review.visible(ReviewPolicy.AFTER_LAST_ATTEMPT, true, 3, 3, QuizStatus.PUBLISHED));
        assertFalse(Review.visible(ReviewPolicy.AFTER_LAST_ATTEMPT, true, 9, null, QuizStatus.PUBLISHED));
        assertTrue(Review.visible(ReviewPolicy.AFTER_LAST_ATTEMPT, true, 1, null, QuizStatus.RETIRED));
    }

    @Test
    void enumValuesAreTheApiSpelling() {
        assertEquals(QuestionType.MULTIPLE_CHOICE, QuestionType.of("multiple_choice"));
        assertEquals("after_last_attempt", ReviewPolicy.AFTER_LAST_ATTEMPT.value());
    }
}
