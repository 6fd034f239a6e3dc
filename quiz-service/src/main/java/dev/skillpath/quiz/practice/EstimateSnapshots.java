package dev.skillpath.quiz.practice;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the learner model's view of a learner from {@code estimate_snapshot} (see {@link EstimatesProjection}). */
@ApplicationScoped
public class EstimateSnapshots {

    /** The estimate of a skill that neither the learner's snapshot nor the baseline names (a skill added since). */
    public static final double UNKNOWN_ESTIMATE = 0.5;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /**
     * A snapshot: P(known) per skill, the mastered skills, the frontier (most ready first) and the skills to confirm
     * (prerequisites mastered, probably known: most probably known first), and when each skill mastered once is next
     * due for review.
     *
     * @param source {@code learner} (the learner's own) or {@code baseline} (a newcomer's: no evidence yet)
     */
    public record Snapshot(String source, long fitId, Map<UUID, Double> estimates, Set<UUID> mastered,
            List<UUID> frontier, List<UUID> toConfirm, Map<UUID, Instant> reviewDue) {

        public double estimate(UUID skill) {
            return estimates.getOrDefault(skill, UNKNOWN_ESTIMATE);
        }

        /** The mastered skills whose review is due at {@code now}, most overdue first (then by id). */
        public List<UUID> dueReviews(Instant now) {
            return reviewDue.entrySet().stream().filter(e -> mastered.contains(e.getKey()))
                    .filter(e -> !e.getValue().isAfter(now))
                    .sorted(Map.Entry.<UUID, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
        }
    }

    /** The learner's own snapshot, else the newcomer baseline, else nothing (skills-service has published none). */
    public Optional<Snapshot> of(String learnerId) {
        return read(EstimatesProjection.subject(learnerId), "learner").or(() -> read(EstimatesProjection.BASELINE,
                "baseline"));
    }

    private Optional<Snapshot> read(String subject, String source) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fit_id, cast(estimates as text), cast(mastered as text), cast(frontier as text),"
                + " cast(to_confirm as text), cast(review_due as text)"
                + " from estimate_snapshot where subject = :s").setParameter("s", subject).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        Map<UUID, Double> estimates = new HashMap<>();
        try {
            json.readValue((String) r[1], new TypeReference<Map<String, Double>>() {
            }).forEach((k, v) -> estimates.put(UUID.fromString(k), v));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("estimate_snapshot " + subject + " holds no estimates map", e);
        }
        Map<UUID, Instant> due = new HashMap<>();
        try {
            json.readValue((String) r[5], new TypeReference<Map<String, String>>() {
            }).forEach((k, v) -> due.put(UUID.fromString(k), Instant.parse(v)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("estimate_snapshot " + subject + " holds no review dates map", e);
        }
        return Optional.of(new Snapshot(source, ((Number) r[0]).longValue(), Map.copyOf(estimates),
                Set.copyOf(Arrays.asList(uuids(r[2]))), List.of(uuids(r[3])), List.of(uuids(r[4])), Map.copyOf(due)));
    }

    /** A {@code uuid[]} column read as text: {@code {a,b}}. */
    static UUID[] uuids(Object column) {
        String text = column == null ? "{}" : column.toString();
        String inner = text.substring(1, text.length() - 1).trim();
        return inner.isEmpty() ? new UUID[0]
                : Arrays.stream(inner.split(",")).map(String::trim).map(UUID::fromString).toArray(UUID[]::new);
    }
}
