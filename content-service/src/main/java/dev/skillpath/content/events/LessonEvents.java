package dev.skillpath.content.events;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.content.domain.Lesson;
import dev.skillpath.content.domain.LessonVersion;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.LessonPublished;
import dev.skillpath.events.payload.LessonRetired;

/** Announces lessons published or retired (catalogue topic) and completed (progress topic), via the outbox. */
@ApplicationScoped
public class LessonEvents {

    @Inject
    OutboxWriter outbox;

    public void published(Lesson lesson, LessonVersion version) {
        outbox.publish(EventTypes.LESSON_PUBLISHED, lesson.id.toString(), lesson.id.toString(),
                new LessonPublished(lesson.id, lesson.slug, version.version, version.title, version.level.value(),
                        version.skillIds));
    }

    public void retired(Lesson lesson) {
        outbox.publish(EventTypes.LESSON_RETIRED, lesson.id.toString(), lesson.id.toString(),
                new LessonRetired(lesson.id, lesson.slug));
    }

    public void completed(String learnerId, Lesson lesson, LessonVersion version, Instant at) {
        outbox.publish(EventTypes.LESSON_COMPLETED, learnerId, learnerId,
                new LessonCompleted(learnerId, lesson.id, lesson.slug, version.version, version.skillIds, at));
    }
}
