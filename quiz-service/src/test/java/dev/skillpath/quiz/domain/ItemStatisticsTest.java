package dev.skillpath.quiz.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillpath.quiz.domain.ItemStatistics.AttemptScores;
import dev.skillpath.quiz.domain.ItemStatistics.Item;
import dev.skillpath.quiz.domain.ItemStatistics.ItemScore;

class ItemStatisticsTest {

    /** Four attempts at three one-point questions: q1 everyone gets, q2 tracks the rest, q3 goes against it. */
    static List<AttemptScores> known() {
        return List.of(attempt(1, 1, 0), attempt(1, 1, 0), attempt(1, 0, 1), attempt(1, 0, 0));
    }

    static AttemptScores attempt(double q1, double q2, double q3) {
        Map<String, ItemScore> items = new LinkedHashMap<>();
        items.put("q1", new ItemScore(q1, 1));
        items.put("q2", new ItemScore(q2, 1));
        items.put("q3", new ItemScore(q3, 1));
        return new AttemptScores(items);
    }

    @Test
    void facilityIsTheMeanShareOfThePoints() {
        List<Item> items = ItemStatistics.analyse(List.of("q1", "q2", "q3"), known());
        assertEquals(1.0, items.get(0).facility());
        assertEquals(0.5, items.get(1).facility());
        assertEquals(0.25, items.get(2).facility());
        assertEquals(4, items.get(0).attempts());
    }

    @Test
    void discriminationIsTheItemRestCorrelation() {
        List<Item> items = ItemStatistics.analyse(List.of("q1", "q2", "q3"), known());
        // q1 never varies: undefined
        assertNull(items.get(0).discrimination());
        // q2 = (1,1,0,0), rest = q1 + q3 = (1,1,2,1): r = −0.5774
        assertEquals(-0.5774, items.get(1).discrimination());
        // q3 = (0,0,1,0), rest = q1 + q2 = (2,2,1,1): r = −0.5774
        assertEquals(-0.5774, items.get(2).discrimination());
    }

    @Test
    void aGoodItemCorrelatesWithTheRest() {
        List<AttemptScores> attempts = List.of(attempt(1, 1, 1), attempt(1, 1, 0), attempt(0, 0, 1), attempt(0, 0, 0));
        Item q2 = ItemStatistics.analyse(List.of("q2"), attempts).get(0);
        // q2 = (1,1,0,0), rest = (2,1,1,0): r = 0.7071
        assertEquals(0.7071, q2.discrimination());
        assertEquals(List.of(), q2.flags());
    }

    @Test
    void flagsNameTooEasyTooHardAndPoorDiscrimination() {
        List<Item> items = ItemStatistics.analyse(List.of("q1", "q2", "q3"), known());
        assertEquals(List.of("too-easy"), items.get(0).flags());
        assertEquals(List.of("poor-discrimination"), items.get(1).flags());
        assertEquals(List.of("poor-discrimination"), items.get(2).flags());
        assertEquals(List.of("too-hard"), ItemStatistics.flags(0.1, null));
        assertEquals(List.of(), ItemStatistics.flags(0.9, 0.2)); // the thresholds themselves are fine
    }

    @Test
    void partialCreditCountsAsAShareOfThePoints() {
        Map<String, ItemScore> a = Map.of("q", new ItemScore(1.5, 2), "r", new ItemScore(1, 1));
        Map<String, ItemScore> b = Map.of("q", new ItemScore(0.5, 2), "r", new ItemScore(0, 1));
        Item q = ItemStatistics.analyse(List.of("q"), List.of(new AttemptScores(a), new AttemptScores(b))).get(0);
        assertEquals(0.5, q.facility());
        assertEquals(1.0, q.discrimination());
    }

    @Test
    void aQuestionNotGivenToAnAttemptIsLeftOutOfItsStatistics() {
        Map<String, ItemScore> withQ = Map.of("q", new ItemScore(1, 1));
        Item q = ItemStatistics.analyse(List.of("q", "never"), List.of(new AttemptScores(withQ),
                new AttemptScores(Map.of()))).get(0);
        assertEquals(1, q.attempts());
        Item never = ItemStatistics.analyse(List.of("never"), List.of(new AttemptScores(withQ))).get(0);
        assertEquals(0, never.attempts());
        assertNull(never.facility());
        assertEquals(List.of(), never.flags());
    }
}
