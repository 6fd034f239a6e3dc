package dev.skillpath.quiz.practice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.MalformedEventException;
import dev.skillpath.events.Topics;
import dev.skillpath.events.consumer.EventHandler;
import dev.skillpath.events.payload.LearnerEstimates;
import io.agroal.api.AgroalDataSource;

/**
 * Keeps {@code estimate_snapshot} current: each learner's newest estimates and frontier
 * ({@code skill.estimates.changed}, progress topic) and the newcomer's ({@code skill.model.baseline}, catalogue
 * topic), as the learner model in skills-service publishes them. A snapshot replaces the stored one unless it is
 * older (an earlier fit, or the same fit and an earlier time): redelivered or late events never roll a learner back.
 */
@ApplicationScoped
public class EstimatesProjection implements EventHandler {

    static final String BASELINE = "baseline";

    private static final String UPSERT = "insert into estimate_snapshot"
            + " (subject, fit_id, estimates, mastered, frontier, to_confirm, cause_event_id, estimated_at, review_due,"
            + " updated_at) values (?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, cast(? as jsonb), now())"
            + " on conflict (subject) do update"
            + " set fit_id = excluded.fit_id, estimates = excluded.estimates, mastered = excluded.mastered,"
            + " review_due = excluded.review_due,"
            + " frontier = excluded.frontier, to_confirm = excluded.to_confirm, cause_event_id = excluded.cause_event_id,"
            + " estimated_at = excluded.estimated_at, updated_at = now()"
            + " where (excluded.fit_id, excluded.estimated_at) >= (estimate_snapshot.fit_id, estimate_snapshot.estimated_at)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    static String subject(String learnerId) {
        return "learner:" + learnerId;
    }

    @Override
    public String consumerGroup() {
        return "quiz-service.estimates";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROGRESS, Topics.CATALOG);
    }

    @Override
    public boolean accepts(String type) {
        return EventTypes.LEARNER_ESTIMATES.type().equals(type) || EventTypes.MODEL_BASELINE.type().equals(type);
    }

    @Override
    public void handle(CloudEvent event) throws SQLException {
        String subject;
        LearnerEstimates e;
        if (EventTypes.LEARNER_ESTIMATES.matches(event)) {
            e = EventTypes.LEARNER_ESTIMATES.read(event);
            if (e.learnerId() == null || e.learnerId().isBlank()) {
                throw new MalformedEventException("the estimates name no learner");
            }
            subject = subject(e.learnerId());
        } else if (EventTypes.MODEL_BASELINE.matches(event)) {
            e = EventTypes.MODEL_BASELINE.read(event);
            subject = BASELINE;
        } else {
            return;
        }
        Map<String, Double> estimates = new LinkedHashMap<>();
        List<UUID> mastered = new java.util.ArrayList<>();
        Map<String, String> reviewDue = new LinkedHashMap<>();
        for (LearnerEstimates.SkillEstimate s : nonNull(e.skills())) {
            if (s.skillId() == null || !(s.probability() >= 0 && s.probability() <= 1)) {
                throw new MalformedEventException("an estimate names no skill or is not a probability");
            }
            estimates.put(s.skillId().toString(), s.probability());
            if (s.mastered()) {
                mastered.add(s.skillId());
            }
            if (s.reviewDueAt() != null) {
                reviewDue.put(s.skillId().toString(), s.reviewDueAt().toString());
            }
        }
        List<UUID> frontier = nonNull(e.frontier()).stream().filter(Objects::nonNull).toList();
        List<UUID> toConfirm = nonNull(e.toConfirm()).stream().filter(Objects::nonNull).toList();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, subject);
            ps.setLong(2, e.fitId());
            ps.setString(3, json.writeValueAsString(estimates));
            ps.setArray(4, c.createArrayOf("uuid", mastered.toArray()));
            ps.setArray(5, c.createArrayOf("uuid", frontier.toArray()));
            ps.setArray(6, c.createArrayOf("uuid", toConfirm.toArray()));
            ps.setObject(7, e.causeEventId() != null ? e.causeEventId() : event.id());
            ps.setTimestamp(8, Timestamp.from(e.at() != null ? e.at() : event.time().toInstant()));
            ps.setString(9, json.writeValueAsString(reviewDue));
            ps.executeUpdate();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
