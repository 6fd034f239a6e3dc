package dev.skillpath.platform.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The rules of a mastered skill's memory: ratings, the first review, later reviews, due dates and decay. */
class SkillMemoryTest {

    private final Fsrs fsrs = new Fsrs();
    private final Instant t0 = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void anEventIsRatedByItsAnswersOnTheSkill() {
        assertEquals(Fsrs.GOOD, SkillMemory.rating(3, 3));
        assertEquals(Fsrs.HARD, SkillMemory.rating(2, 3));
        assertEquals(Fsrs.HARD, SkillMemory.rating(1, 3));
        assertEquals(Fsrs.AGAIN, SkillMemory.rating(0, 3));
        assertEquals(Fsrs.GOOD, SkillMemory.rating(1, 1));
        assertThrows(IllegalArgumentException.class, () -> SkillMemory.rating(0, 0));
        assertThrows(IllegalArgumentException.class, () -> SkillMemory.rating(4, 3));
        assertThrows(IllegalArgumentException.class, () -> SkillMemory.rating(-1, 3));
    }

    @Test
    void masteryIsTheFirstReviewAndTheNextIsDueAfterItsInterval() {
        SkillMemory m = SkillMemory.first(fsrs, Fsrs.GOOD, t0);
        assertEquals(2.3065, m.state().stability(), 1e-12, "S0(Good) = w2");
        assertEquals(1, m.reviews());
        assertEquals(0, m.lapses());
        // round(2.3065) = 2 days
        assertEquals(t0.plus(Duration.ofDays(2)), m.due(fsrs));
        assertFalse(m.isDue(fsrs, t0.plus(Duration.ofDays(2)).minusSeconds(1)));
        assertTrue(m.isDue(fsrs, t0.plus(Duration.ofDays(2))));
        assertEquals(1, SkillMemory.first(fsrs, Fsrs.AGAIN, t0).lapses());
    }

    @Test
    void aRightReviewAtTheDueDateLengthensTheIntervalAndALapseShortensIt() {
        SkillMemory m = SkillMemory.first(fsrs, Fsrs.GOOD, t0);
        Instant due = m.due(fsrs);
        SkillMemory good = m.review(fsrs, Fsrs.GOOD, due);
        SkillMemory again = m.review(fsrs, Fsrs.AGAIN, due);
        // the same numbers as Fsrs itself, two whole days elapsed
        assertEquals(fsrs.review(m.state(), Fsrs.GOOD, 2), good.state());
        assertEquals(2, good.reviews());
        assertEquals(0, good.lapses());
        assertEquals(1, again.lapses());
        assertTrue(good.state().stability() > m.state().stability());
        assertTrue(again.state().stability() < m.state().stability());
        assertTrue(good.due(fsrs).isAfter(due.plus(Duration.ofDays(2))));
        assertEquals(due, good.lastReviewAt());
    }

    @Test
    void aReviewTheSameDayOrStampedBeforeTheLastIsAShortTermReview() {
        SkillMemory m = SkillMemory.first(fsrs, Fsrs.GOOD, t0);
        SkillMemory sameDay = m.review(fsrs, Fsrs.GOOD, t0.plus(Duration.ofHours(23)));
        assertEquals(fsrs.shortTermStability(m.state().stability(), Fsrs.GOOD), sameDay.state().stability(), 1e-12);
        // evidence that arrived late: a same-day review at the last one's time, never a step back in time
        SkillMemory late = m.review(fsrs, Fsrs.AGAIN, t0.minus(Duration.ofDays(3)));
        assertEquals(t0, late.lastReviewAt());
        assertEquals(fsrs.shortTermStability(m.state().stability(), Fsrs.AGAIN), late.state().stability(), 1e-12);
        assertEquals(1, late.lapses());
    }

    @Test
    void theEstimateDecaysAlongTheForgettingCurve() {
        SkillMemory m = SkillMemory.first(fsrs, Fsrs.GOOD, t0);
        assertEquals(1.0, m.retrievability(fsrs, t0), 1e-12);
        assertEquals(1.0, m.retrievability(fsrs, t0.minusSeconds(60)), 1e-12, "before the last review: none elapsed");
        double atS = m.retrievability(fsrs, t0.plusMillis((long) (2.3065 * 86_400_000)));
        assertEquals(0.9, atS, 1e-6, "R(S) = 0.9 by FSRS's definition of stability");
        double r10 = m.retrievability(fsrs, t0.plus(Duration.ofDays(10)));
        assertEquals(fsrs.retrievability(10, 2.3065), r10, 1e-12);
        assertTrue(r10 < atS);
        assertEquals(0.97 * r10, SkillMemory.decayed(0.97, r10), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SkillMemory.decayed(1.2, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SkillMemory.decayed(0.5, Double.NaN));
    }

    @Test
    void aMemoryHasAtLeastOneReviewAndNoMoreLapsesThanReviews() {
        Fsrs.State s = fsrs.first(Fsrs.GOOD);
        assertThrows(IllegalArgumentException.class, () -> new SkillMemory(s, 0, 0, t0));
        assertThrows(IllegalArgumentException.class, () -> new SkillMemory(s, 1, 2, t0));
        assertThrows(NullPointerException.class, () -> new SkillMemory(s, 1, 0, null));
    }
}
