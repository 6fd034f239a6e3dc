package dev.skillpath.skills.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.skillpath.events.payload.LearnerEstimates;
import dev.skillpath.skills.domain.model.Frontier;
import dev.skillpath.skills.domain.model.ModelGraph;

/** The published view of a learner: every skill, mastered at 0.95, the frontier in the endpoint's order; its fingerprint. */
class PublishedEstimatesTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID D = UUID.fromString("00000000-0000-0000-0000-00000000000d");

    /** a; b and c require a; d requires nothing. */
    private static final ModelGraph<UUID> GRAPH = new ModelGraph<>(List.of(A, B, C, D),
            List.of(Map.entry(B, A), Map.entry(C, A)));

    private static final Comparator<Integer> BY_POSITION = Integer::compare;

    @Test
    void everySkillWithItsEstimateAndMasteredFlagAndTheFrontierMostReadyFirst() {
        // a mastered (exactly at the threshold); b 0.1 → readiness 0.9·0.95 = 0.855; c 0.05 → 0.9025; d 0.3 → 0.7,
        // to confirm only
        double[] known = {0.95, 0.1, 0.05, 0.3};
        UUID cause = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        LearnerEstimates e = PublishedEstimates.of("learner-1", 7, GRAPH, known, BY_POSITION, cause, at);

        assertEquals("learner-1", e.learnerId());
        assertEquals(7, e.fitId());
        assertEquals(List.of(new LearnerEstimates.SkillEstimate(A, 0.95, true),
                new LearnerEstimates.SkillEstimate(B, 0.1, false), new LearnerEstimates.SkillEstimate(C, 0.05, false),
                new LearnerEstimates.SkillEstimate(D, 0.3, false)), e.skills());
        assertEquals(List.of(C, B), e.frontier(), "most ready first; d is only to confirm");
        assertEquals(List.of(D), e.toConfirm(), "d's prerequisites are mastered, and it is probably known");
        // the same list Frontier gives the endpoint
        assertEquals(Frontier.of(GRAPH, known, BY_POSITION).ready().stream().map(f -> GRAPH.skill(f.skill())).toList(),
                e.frontier());
        assertEquals(cause, e.causeEventId());
        assertEquals(at, e.at());
    }

    @Test
    void equallyReadySkillsAreOrderedByTheTieBreakGiven() {
        double[] known = {0.99, 0.1, 0.1, 0.3};
        assertEquals(List.of(B, C), PublishedEstimates.of(null, 0, GRAPH, known, BY_POSITION, null, null).frontier());
        assertEquals(List.of(C, B), PublishedEstimates.of(null, 0, GRAPH, known, BY_POSITION.reversed(), null, null)
                .frontier());
    }

    @Test
    void aNewcomerBaselineHasNoLearner() {
        LearnerEstimates baseline = PublishedEstimates.of(null, 0, GRAPH, new double[] {0.5, 0.03, 0.03, 0.5},
                BY_POSITION, null, Instant.EPOCH);
        assertNull(baseline.learnerId());
        assertEquals(List.of(), baseline.frontier(), "nothing mastered: nothing ready, a and d are to confirm");
        assertEquals(4, baseline.skills().size());
    }

    @Test
    void theFingerprintIsWhatTheEstimatesSayNotWhoWhyOrWhen() {
        double[] known = {0.95, 0.1, 0.05, 0.3};
        String one = PublishedEstimates.fingerprint(
                PublishedEstimates.of(null, 3, GRAPH, known, BY_POSITION, UUID.randomUUID(), Instant.EPOCH));
        assertEquals(one, PublishedEstimates.fingerprint(
                PublishedEstimates.of("someone", 3, GRAPH, known, BY_POSITION, UUID.randomUUID(), Instant.now())));
        assertEquals(64, one.length(), "SHA-256 in hex");

        assertNotEquals(one, PublishedEstimates.fingerprint(
                PublishedEstimates.of(null, 4, GRAPH, known, BY_POSITION, null, null)), "another fit");
        double[] moved = known.clone();
        moved[3] = Math.nextUp(moved[3]);
        assertNotEquals(one, PublishedEstimates.fingerprint(
                PublishedEstimates.of(null, 3, GRAPH, moved, BY_POSITION, null, null)), "an estimate moved by one ulp");
        assertNotEquals(one, PublishedEstimates.fingerprint(
                PublishedEstimates.of(null, 3, GRAPH, new double[] {0.95, 0.1, 0.1, 0.3}, BY_POSITION, null, null)),
                "another frontier");
        // the same estimates over another catalogue (a skill added) are another baseline
        ModelGraph<UUID> grown = new ModelGraph<>(List.of(A, B, C, D, UUID.randomUUID()),
                List.of(Map.entry(B, A), Map.entry(C, A)));
        assertNotEquals(one, PublishedEstimates.fingerprint(PublishedEstimates.of(null, 3, grown,
                new double[] {0.95, 0.1, 0.05, 0.3, 0.5}, BY_POSITION, null, null)));
    }
}
