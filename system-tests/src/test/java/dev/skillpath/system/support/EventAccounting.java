package dev.skillpath.system.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.skillpath.events.CloudEvent;

/**
 * Counts, for a set of acknowledged attempts, what reached {@code skillpath.progress}: one graded event per attempt;
 * one {@code skill.estimates.changed} per graded event skills-service applied (it publishes one for every event it
 * applies, however little the estimates moved: the proof that it was applied, and a second distinct one for the same
 * cause is an event applied twice); and the mastery updates, one per skill the event moved at least
 * {@code EFFECT_MIN} (the tagged skill, and others through the graph), so an answer that moved its skill less
 * announces none. Distinct event ids are effects; extra copies of the same id are redeliveries, which consumers
 * skip by id.
 */
public final class EventAccounting {

    /**
     * The tally, and how long it took until every acknowledged attempt was applied.
     *
     * @param applied            graded events with their {@code skill.estimates.changed}
     * @param appliedTwice       graded events with a second distinct {@code skill.estimates.changed}
     * @param unannounced        applied graded events that moved no skill far enough for a mastery update
     * @param lost               acknowledged attempts never applied (no graded event, or no estimates after it)
     * @param lostDetail         each of those, and why
     */
    public record Tally(int acknowledged, int graded, int gradedCopies, int gradedDuplicates, int applied,
            int appliedTwice, int masteryUpdates, int masteryCopies, int masteryDuplicates, int unannounced, int lost,
            List<String> lostDetail, long drainMillis) {

        public boolean exactlyOnce() {
            return lost == 0 && gradedDuplicates == 0 && appliedTwice == 0 && masteryDuplicates == 0
                    && graded == acknowledged && applied == acknowledged;
        }
    }

    private EventAccounting() {
    }

    /** Reads the topic until every attempt was applied (or the deadline passes) and tallies. */
    public static Tally await(String bootstrap, Set<UUID> attempts, Duration timeout) {
        long t0 = System.nanoTime();
        ProgressEvents.readUntil(bootstrap, e -> complete(e, attempts), timeout);
        long drain = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        // read a little further, so that a duplicate arriving just after the last expected event is seen too
        return tally(ProgressEvents.readAll(bootstrap), attempts, drain);
    }

    /**
     * Reads the topic until every attempt has its graded event (or the deadline passes) and tallies: for loads that
     * count what was graded, not what was applied (the learners' observations are the check that each was applied
     * once).
     */
    public static Tally awaitGraded(String bootstrap, Set<UUID> attempts, Duration timeout) {
        long t0 = System.nanoTime();
        ProgressEvents.readUntil(bootstrap, e -> e.gradedByAttempt(attempts).size() >= attempts.size(), timeout);
        long drain = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        return tally(ProgressEvents.readAll(bootstrap), attempts, drain);
    }

    static boolean complete(ProgressEvents events, Set<UUID> attempts) {
        Map<UUID, List<CloudEvent>> graded = events.gradedByAttempt(attempts);
        if (graded.size() < attempts.size()) {
            return false;
        }
        Set<UUID> causes = new HashSet<>();
        graded.values().forEach(list -> list.forEach(e -> causes.add(e.id())));
        return events.estimatesByCause(causes).keySet().containsAll(causes);
    }

    static Tally tally(ProgressEvents events, Set<UUID> attempts, long drainMillis) {
        Map<UUID, List<CloudEvent>> graded = events.gradedByAttempt(attempts);
        int gradedDistinct = 0;
        int gradedCopies = 0;
        int gradedDuplicates = 0;
        Set<UUID> causes = new HashSet<>();
        for (List<CloudEvent> copies : graded.values()) {
            Set<UUID> ids = new HashSet<>();
            copies.forEach(e -> ids.add(e.id()));
            gradedDistinct++;
            gradedCopies += copies.size() - ids.size();
            gradedDuplicates += ids.size() - 1; // a second distinct event for one attempt: graded twice
            causes.addAll(ids);
        }
        Map<UUID, List<CloudEvent>> estimates = events.estimatesByCause(causes);
        int applied = estimates.size();
        int appliedTwice = 0;
        for (List<CloudEvent> list : estimates.values()) {
            appliedTwice += list.stream().map(CloudEvent::id).distinct().count() > 1 ? 1 : 0;
        }
        Map<UUID, List<CloudEvent>> mastery = events.masteryByCause(causes);
        int updates = 0;
        int copies = 0;
        int duplicates = 0;
        for (List<CloudEvent> list : mastery.values()) {
            // one cause may move several skills (the tagged one, and others through the prerequisite graph and
            // the learner's ability); a second distinct update of the same skill for one cause: applied twice
            Map<String, Set<UUID>> idsBySkill = new HashMap<>();
            list.forEach(e -> idsBySkill.computeIfAbsent(e.subject(), k -> new HashSet<>()).add(e.id()));
            int distinct = idsBySkill.values().stream().mapToInt(Set::size).sum();
            updates++;
            copies += list.size() - distinct;
            for (Set<UUID> ids : idsBySkill.values()) {
                duplicates += ids.size() - 1;
            }
        }
        int unannounced = 0;
        for (UUID cause : estimates.keySet()) {
            unannounced += mastery.containsKey(cause) ? 0 : 1;
        }
        List<String> lostDetail = new ArrayList<>();
        for (UUID attempt : attempts) {
            List<CloudEvent> ofAttempt = graded.getOrDefault(attempt, List.of());
            if (ofAttempt.isEmpty()) {
                lostDetail.add(attempt + ": no graded event");
            } else if (ofAttempt.stream().noneMatch(e -> estimates.containsKey(e.id()))) {
                lostDetail.add(attempt + ": graded (event " + ofAttempt.get(0).id() + "), never applied");
            }
        }
        return new Tally(attempts.size(), gradedDistinct, gradedCopies, gradedDuplicates, applied, appliedTwice,
                updates, copies, duplicates, unannounced, lostDetail.size(), List.copyOf(lostDetail), drainMillis);
    }
}
