package dev.skillpath.skills.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.consumer.EventHandler;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.skills.domain.MasteryTracker;
import dev.skillpath.skills.domain.MasteryTracker.Evidence;

/** Reads learners' progress (graded attempts, completed lessons) and feeds it to the mastery tracker. */
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

    /** Graded attempts and completed lessons are evidence; the rest of the topic (our own mastery events) is not. */
    @Override
    public boolean accepts(String type) {
        return EventTypes.QUIZ_ATTEMPT_GRADED.type().equals(type) || EventTypes.LESSON_COMPLETED.type().equals(type);
    }

    @Override
    public void handle(CloudEvent event) {
        if (EventTypes.QUIZ_ATTEMPT_GRADED.matches(event)) {
            QuizAttemptGraded graded = EventTypes.QUIZ_ATTEMPT_GRADED.read(event);
            List<Evidence> evidence = new ArrayList<>();
            for (QuizAttemptGraded.Answer answer : nonNull(graded.answers())) {
                for (UUID skill : nonNull(answer.skillIds())) {
                    evidence.add(Evidence.observation(skill, answer.correct()));
                }
            }
            tracker.apply(required(graded.learnerId()), evidence, event,
                    graded.gradedAt() != null ? graded.gradedAt() : event.time().toInstant());
        } else if (EventTypes.LESSON_COMPLETED.matches(event)) {
            LessonCompleted completed = EventTypes.LESSON_COMPLETED.read(event);
            List<Evidence> evidence = nonNull(completed.skillIds()).stream().map(Evidence::learningStep).toList();
            tracker.apply(required(completed.learnerId()), evidence, event,
                    completed.completedAt() != null ? completed.completedAt() : event.time().toInstant());
        }
        // other progress events (our own mastery announcements among them) are not evidence
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static String required(String learnerId) {
        if (learnerId == null || learnerId.isBlank()) {
            throw new dev.skillpath.events.MalformedEventException("the event names no learner");
        }
        return learnerId;
    }
}
