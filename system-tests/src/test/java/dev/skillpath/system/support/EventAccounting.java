package dev.skillpath.system.support;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.skillpath.events.CloudEvent;

/**
 * Counts, for a set of acknowledged attempts, what reached {@code skillpath.progress}: one graded event per attempt
 * and its mastery updates, one per skill it moved (the tagged skill, and others through the graph). Distinct
 * event ids are effects; extra copies of the same id are redeliveries, which consumers skip by id.
 */
public final class EventAccounting {

    /** The tally, and how long it took until every acknowledged attempt had its mastery update. */
    public record Tally(int acknowledged, int graded, int gradedCopies, int gradedDuplicates, int masteryUpdates,
            int masteryCopies, int masteryDuplicates, int lost, long drainMillis) {

        public boolean exactlyOnce() {
            return lost == 0 && gradedDuplicates == 0 && masteryDuplicates == 0 && graded == acknowledged
                    && masteryUpdates == acknowledged;
        }
    }

    private EventAccounting() {
    }

    /** Reads the topic until every attempt has its mastery update (or the deadline passes) and tallies. */
    public static Tally await(String bootstrap, Set<UUID> attempts, Duration timeout) {
        long t0 = System.nanoTime();
        ProgressEvents events = ProgressEvents.readUntil(bootstrap, e -> complete(e, attempts), timeout);
        long drain = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        // read a little further, so that a duplicate arriving just after the last expected event is seen too
        events = ProgressEvents.readAll(bootstrap);
        return tally(events, attempts, drain);
    }

    /**
     * Reads the topic until every attempt has its graded event (or the deadline passes) and tallies: for loads whose
     * answers need not move mastery enough to be announced (wrong in a row after a failed save), where the learners'
     * observations, not the mastery updates, are the check that each was applied once.
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
        return events.masteryByCause(causes).keySet().containsAll(causes);
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
        Map<UUID, List<CloudEvent>> mastery = events.masteryByCause(causes);
        int updates = 0;
        int copies = 0;
        int duplicates = 0;
        for (List<CloudEvent> list : mastery.values()) {
            // one cause may move several skills (the tagged one, and others through the prerequisite graph and
            // the learner's ability); a second distinct update of the same skill for one cause: applied twice
            Map<String, Set<UUID>> idsBySkill = new java.util.HashMap<>();
            list.forEach(e -> idsBySkill.computeIfAbsent(e.subject(), k -> new HashSet<>()).add(e.id()));
            int distinct = idsBySkill.values().stream().mapToInt(Set::size).sum();
            updates++;
            copies += list.size() - distinct;
            for (Set<UUID> ids : idsBySkill.values()) {
                duplicates += ids.size() - 1;
            }
        }
        int lost = 0;
        for (UUID attempt : attempts) {
            boolean applied = graded.getOrDefault(attempt, List.of()).stream().anyMatch(e -> mastery.containsKey(e.id()));
            lost += applied ? 0 : 1;
        }
        return new Tally(attempts.size(), gradedDistinct, gradedCopies, gradedDuplicates, updates, copies, duplicates,
                lost, drainMillis);
    }
}
