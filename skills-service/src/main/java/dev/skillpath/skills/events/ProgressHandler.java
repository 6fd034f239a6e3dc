package dev.skillpath.skills.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.MalformedEventException;
import dev.skillpath.events.Topics;
import dev.skillpath.events.consumer.EventHandler;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizAttemptGradedV1;
import dev.skillpath.skills.domain.MasteryTracker;
import dev.skillpath.skills.domain.MasteryTracker.EventEvidence;
import dev.skillpath.skills.store.ModelStore.EvidenceRow;

/**
 * Reads learners' progress (graded attempts, v2 and still v1; practice answers; completed lessons) and gives it to
 * the learner model as evidence rows: one per graded answer, one per practice answer, one per lesson.
 */
@ApplicationScoped
public class ProgressHandler implements EventHandler {

    @Inject
    MasteryTracker tracker;

    @Override
    public String consumerGroup() {
        return "skills-service.mastery";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROGRESS);
    }

    /**
     * Graded attempts, practice answers and completed lessons are evidence; the rest of the topic (our own mastery
     * and estimates events) is not.
     */
    @Override
    public boolean accepts(String type) {
        return EventTypes.QUIZ_ATTEMPT_GRADED.type().equals(type) || EventTypes.QUIZ_ATTEMPT_GRADED_V1.type().equals(type)
                || EventTypes.PRACTICE_ANSWERED.type().equals(type) || EventTypes.LESSON_COMPLETED.type().equals(type);
    }

    @Override
    public void handle(CloudEvent event) {
        EventEvidence evidence = evidence(event);
        if (evidence != null) {
            tracker.apply(evidence.learnerId(), evidence.rows(), event);
        }
    }

    /** A poll's events with one pass of the learner model's statements ({@link MasteryTracker#applyAll}). */
    @Override
    public void handleAll(List<CloudEvent> events) {
        List<EventEvidence> all = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            EventEvidence evidence = evidence(event);
            if (evidence != null) {
                all.add(evidence);
            }
        }
        tracker.applyAll(all);
    }

    /** The event's evidence rows, or null when it has none (a lesson of no skill, an event that is not evidence). */
    private static EventEvidence evidence(CloudEvent event) {
        List<EvidenceRow> rows = new ArrayList<>();
        String learner;
        if (EventTypes.QUIZ_ATTEMPT_GRADED.matches(event)) {
            QuizAttemptGraded g = EventTypes.QUIZ_ATTEMPT_GRADED.read(event);
            learner = required(g.learnerId());
            OffsetDateTime at = utc(g.gradedAt(), event);
            for (QuizAttemptGraded.Answer a : nonNull(g.answers())) {
                rows.add(new EvidenceRow(0, learner, event.id(), event.type(), rows.size(), EvidenceRow.ANSWER,
                        g.quizId(), g.attemptId(), null, a.questionId(), a.questionVersion(), a.questionType(),
                        Math.max(0, a.options()), Math.max(0, a.correctOptions()), a.answered(), a.correct(),
                        distinct(a.skillIds()), at));
            }
        } else if (EventTypes.QUIZ_ATTEMPT_GRADED_V1.matches(event)) {
            QuizAttemptGradedV1 g = EventTypes.QUIZ_ATTEMPT_GRADED_V1.read(event);
            learner = required(g.learnerId());
            OffsetDateTime at = utc(g.gradedAt(), event);
            for (QuizAttemptGradedV1.Answer a : nonNull(g.answers())) {
                // v1 does not say the question's type: the model then uses the skills' guess rate
                rows.add(new EvidenceRow(0, learner, event.id(), event.type(), rows.size(), EvidenceRow.ANSWER,
                        g.quizId(), g.attemptId(), null, a.questionId(), a.questionVersion(), null, 0, 0, true, a.correct(),
                        distinct(a.skillIds()), at));
            }
        } else if (EventTypes.PRACTICE_ANSWERED.matches(event)) {
            // graded at once, the learner saw the right answer: like an attempt of one answer (observation, then
            // learning), kept as kind practice with the session where an attempt's id goes
            PracticeAnswered p = EventTypes.PRACTICE_ANSWERED.read(event);
            learner = required(p.learnerId());
            QuizAttemptGraded.Answer a = p.answer();
            if (a == null || p.sessionId() == null) {
                throw new MalformedEventException("a practice answer needs its answer and its session");
            }
            rows.add(new EvidenceRow(0, learner, event.id(), event.type(), 0, EvidenceRow.PRACTICE, null,
                    p.sessionId(), null, a.questionId(), a.questionVersion(), a.questionType(),
                    Math.max(0, a.options()), Math.max(0, a.correctOptions()), a.answered(), a.correct(),
                    distinct(a.skillIds()), utc(p.answeredAt(), event)));
        } else if (EventTypes.LESSON_COMPLETED.matches(event)) {
            LessonCompleted c = EventTypes.LESSON_COMPLETED.read(event);
            learner = required(c.learnerId());
            List<UUID> skills = distinct(c.skillIds());
            if (!skills.isEmpty()) {
                rows.add(new EvidenceRow(0, learner, event.id(), event.type(), 0, EvidenceRow.LESSON, null, null,
                        c.lessonId(), null, null, null, 0, 0, null, null, skills, utc(c.completedAt(), event)));
            }
        } else {
            return null; // other progress events (our own mastery announcements among them) are not evidence
        }
        rows.removeIf(r -> r.skillIds().isEmpty());
        return rows.isEmpty() ? null : new EventEvidence(learner, rows, event);
    }

    private static OffsetDateTime utc(Instant at, CloudEvent event) {
        return OffsetDateTime.ofInstant(at != null ? at : event.time().toInstant(), ZoneOffset.UTC);
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return new ArrayList<>(new LinkedHashSet<>(nonNull(ids)));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    private static String required(String learnerId) {
        if (learnerId == null || learnerId.isBlank()) {
            throw new MalformedEventException("the event names no learner");
        }
        return learnerId;
    }
}
