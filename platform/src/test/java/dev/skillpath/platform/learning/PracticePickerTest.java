package dev.skillpath.platform.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.PracticePicker.Candidate;
import dev.skillpath.platform.learning.PracticePicker.Context;
import dev.skillpath.platform.learning.PracticePicker.Empty;
import dev.skillpath.platform.learning.PracticePicker.Pick;

class PracticePickerTest {

    static final UUID HTTP = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID REST = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    static final UUID SQL = UUID.fromString("00000000-0000-0000-0000-0000000000a3");
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    static Candidate question(int n, double guess, double slip, Instant lastSeen, UUID... skills) {
        return new Candidate(new UUID(0, n), new UUID(1, n), List.of(skills), guess, slip, 0.0, lastSeen);
    }

    static Context context(Map<UUID, Double> estimates, Set<UUID> mastered, Set<UUID> given, UUID... targets) {
        return new Context(Set.of(targets), estimates, 0.3, mastered, given, NOW, Duration.ofDays(1),
                PracticePicker.TARGET_CHANCE);
    }

    static Pick picked(List<Candidate> pool, Context context) {
        return PracticePicker.pick(pool, context).pick().orElseThrow();
    }

    @Test
    void thePredictedChanceIsTheNoisyAndOfTheTaggedSkills() {
        Candidate both = question(1, 0.25, 0.1, null, HTTP, REST);
        Context c = context(Map.of(HTTP, 0.8, REST, 0.5), Set.of(), Set.of(), REST);
        // 0.8·0.5 = 0.4 of knowing both: 0.4·0.9 + 0.6·0.25
        assertEquals(0.4 * 0.9 + 0.6 * 0.25, PracticePicker.predictedChance(both, c), 1e-12);
        // a skill the learner has no estimate of counts with the unknown estimate (0.3 here)
        Candidate sql = question(2, 0.03, 0.1, null, SQL);
        assertEquals(0.3 * 0.9 + 0.7 * 0.03, PracticePicker.predictedChance(sql, c), 1e-12);
    }

    @Test
    void picksTheQuestionWhosePredictedChanceIsClosestToTheTarget() {
        // estimate 0.7 of http: a numeric question (guess 0.03) predicts 0.639, a true/false one (0.5) 0.78,
        // a four-option one (0.25) 0.705: the last is closest to 0.7
        List<Candidate> pool = List.of(question(1, 0.03, 0.1, null, HTTP), question(2, 0.5, 0.1, null, HTTP),
                question(3, 0.25, 0.1, null, HTTP));
        Pick p = picked(pool, context(Map.of(HTTP, 0.7), Set.of(), Set.of(), HTTP));
        assertEquals(new UUID(0, 3), p.question().questionId());
        assertEquals(0.7 * 0.9 + 0.3 * 0.25, p.predicted(), 1e-12);
        assertEquals(HTTP, p.skill());
        assertEquals(0.7, p.skillEstimate(), 0);
        // a learner who knows http better gets the harder, unguessable question
        Pick better = picked(pool, context(Map.of(HTTP, 0.85), Set.of(), Set.of(), HTTP));
        assertEquals(new UUID(0, 1), better.question().questionId());
    }

    @Test
    void aTieGoesToTheQuestionGuessedLeastThenToTheLowerId() {
        List<Candidate> pool = List.of(question(5, 0.25, 0.1, null, HTTP), question(4, 0.25, 0.1, null, HTTP),
                question(6, 0.2, 0.1, null, HTTP));
        Context c = new Context(Set.of(HTTP), Map.of(HTTP, 0.0), 0.3, Set.of(), Set.of(), NOW, Duration.ofDays(1),
                0.225);
        // with an estimate of 0 every question predicts its guess: 0.25, 0.25 and 0.2 are all 0.025 from 0.225
        assertEquals(new UUID(0, 6), picked(pool, c).question().questionId());
        Context only25 = new Context(Set.of(HTTP), Map.of(HTTP, 0.0), 0.3, Set.of(), Set.of(new UUID(0, 6)), NOW,
                Duration.ofDays(1), 0.225);
        assertEquals(new UUID(0, 4), picked(pool, only25).question().questionId());
    }

    @Test
    void neverGivesAQuestionTwiceInASessionNorOneSeenRecently() {
        Candidate given = question(1, 0.25, 0.1, null, HTTP);
        Candidate seenAnHourAgo = question(2, 0.25, 0.1, NOW.minus(Duration.ofHours(1)), HTTP);
        Candidate seenTwoDaysAgo = question(3, 0.5, 0.1, NOW.minus(Duration.ofDays(2)), HTTP);
        Pick p = picked(List.of(given, seenAnHourAgo, seenTwoDaysAgo),
                context(Map.of(HTTP, 0.7), Set.of(), Set.of(given.questionId()), HTTP));
        assertEquals(seenTwoDaysAgo.questionId(), p.question().questionId());
    }

    @Test
    void anExhaustedPoolAndAMasteredTargetAreToldApart() {
        Candidate given = question(1, 0.25, 0.1, null, HTTP);
        Candidate recent = question(2, 0.25, 0.1, NOW.minus(Duration.ofMinutes(5)), HTTP);
        var exhausted = PracticePicker.pick(List.of(given, recent),
                context(Map.of(HTTP, 0.5), Set.of(), Set.of(given.questionId()), HTTP));
        assertTrue(exhausted.pick().isEmpty());
        assertEquals(Empty.POOL_EXHAUSTED, exhausted.empty());
        assertEquals(Empty.POOL_EXHAUSTED, PracticePicker.pick(List.of(), context(Map.of(), Set.of(), Set.of(), HTTP))
                .empty());
        var mastered = PracticePicker.pick(List.of(given, recent),
                context(Map.of(HTTP, 0.97), Set.of(HTTP), Set.of(), HTTP));
        assertEquals(Empty.TARGET_MASTERED, mastered.empty());
    }

    @Test
    void practisesOnlyTargetSkillsNotMasteredAndNamesTheLeastKnownTag() {
        Candidate restOnly = question(1, 0.25, 0.1, null, REST);
        Candidate sqlOnly = question(2, 0.25, 0.1, null, SQL);
        Candidate both = question(3, 0.25, 0.1, null, HTTP, REST);
        Context c = context(Map.of(HTTP, 0.5, REST, 0.4), Set.of(REST), Set.of(), HTTP, REST);
        // rest is mastered in this context: only questions tagged with http practise a target
        Pick p = picked(List.of(restOnly, sqlOnly, both), c);
        assertEquals(both.questionId(), p.question().questionId());
        assertEquals(HTTP, p.skill());
        Context neither = context(Map.of(HTTP, 0.5, REST, 0.4), Set.of(), Set.of(), HTTP, REST);
        assertEquals(REST, picked(List.of(both), neither).skill(), "the least known target tag");
    }

    @Test
    void theSameInputsGiveTheSamePickWhateverTheirOrder() {
        List<Candidate> pool = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pool.add(question(i, 0.25, 0.1, null, HTTP));
        }
        Context c = context(Map.of(HTTP, 0.6), Set.of(), Set.of(), HTTP);
        UUID first = picked(pool, c).question().questionId();
        java.util.Collections.shuffle(pool, new java.util.Random(7));
        assertEquals(first, picked(pool, c).question().questionId());
        assertEquals(new UUID(0, 0), first);
    }
}
