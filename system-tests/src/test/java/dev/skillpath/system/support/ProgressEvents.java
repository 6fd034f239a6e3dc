package dev.skillpath.system.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.LearnerEstimates;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.SkillMasteryChanged;

/**
 * What is on {@code skillpath.progress}, read from the beginning with dev-infra's {@link TopicReader}: the graded
 * attempts, and what skills-service published on applying them (the learner's estimates, one per applied event, and
 * the mastery updates of the skills it moved), counted per cause.
 */
public final class ProgressEvents {

    private final List<CloudEvent> events;

    private ProgressEvents(List<CloudEvent> events) {
        this.events = events;
    }

    /** Reads the topic until {@code done} holds for what was read (or the timeout passes). */
    public static ProgressEvents readUntil(String bootstrap, Predicate<ProgressEvents> done, Duration timeout) {
        try (TopicReader reader = new TopicReader(bootstrap, Topics.PROGRESS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(
                    rs -> done.test(of(rs)), timeout);
            return of(records);
        }
    }

    /** Everything on the topic now. */
    public static ProgressEvents readAll(String bootstrap) {
        try (TopicReader reader = new TopicReader(bootstrap, Topics.PROGRESS)) {
            return of(reader.readToEnd(Duration.ofSeconds(60)));
        }
    }

    private static ProgressEvents of(List<ConsumerRecord<String, byte[]>> records) {
        List<CloudEvent> parsed = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            parsed.add(CloudEventCodec.parse(r.value()));
        }
        return new ProgressEvents(parsed);
    }

    public List<CloudEvent> all() {
        return events;
    }

    /**
     * Graded events of the given attempts, by attempt id (every copy, so that redeliveries show): the v2 type, the
     * only one quiz-service publishes, so a v1 event of these attempts would be missing here.
     */
    public Map<UUID, List<CloudEvent>> gradedByAttempt(Collection<UUID> attemptIds) {
        Set<UUID> wanted = Set.copyOf(attemptIds);
        Map<UUID, List<CloudEvent>> by = new HashMap<>();
        for (CloudEvent e : events) {
            if (EventTypes.QUIZ_ATTEMPT_GRADED.type().equals(e.type())) {
                QuizAttemptGraded g = EventTypes.QUIZ_ATTEMPT_GRADED.read(e);
                if (wanted.contains(g.attemptId())) {
                    by.computeIfAbsent(g.attemptId(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        return by;
    }

    /** Mastery updates caused by the given events, by cause event id (every copy). */
    public Map<UUID, List<CloudEvent>> masteryByCause(Collection<UUID> causeIds) {
        Set<UUID> wanted = Set.copyOf(causeIds);
        Map<UUID, List<CloudEvent>> by = new HashMap<>();
        for (CloudEvent e : events) {
            if (EventTypes.SKILL_MASTERY_CHANGED.type().equals(e.type())) {
                SkillMasteryChanged m = CloudEventCodec.data(e, SkillMasteryChanged.class);
                if (m.causeEventId() != null && wanted.contains(m.causeEventId())) {
                    by.computeIfAbsent(m.causeEventId(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        return by;
    }

    /**
     * The learner's estimates skills-service published on applying the given events ({@code skill.estimates.changed},
     * one per applied event however little it moved), by cause event id (every copy).
     */
    public Map<UUID, List<CloudEvent>> estimatesByCause(Collection<UUID> causeIds) {
        Set<UUID> wanted = Set.copyOf(causeIds);
        Map<UUID, List<CloudEvent>> by = new HashMap<>();
        for (CloudEvent e : events) {
            if (EventTypes.LEARNER_ESTIMATES.type().equals(e.type())) {
                LearnerEstimates m = EventTypes.LEARNER_ESTIMATES.read(e);
                if (m.causeEventId() != null && wanted.contains(m.causeEventId())) {
                    by.computeIfAbsent(m.causeEventId(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        return by;
    }

    public List<CloudEvent> ofType(String type, String learnerId) {
        return events.stream().filter(e -> e.type().equals(type))
                .filter(e -> learnerId == null || learnerId.equals(e.data().path("learnerId").asText(null)))
                .toList();
    }
}
