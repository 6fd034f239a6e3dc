package dev.skillpath.content.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import dev.skillpath.problems.ProblemType;
import dev.skillpath.content.api.LessonViews.LessonChanges;
import dev.skillpath.content.api.LessonViews.NewLesson;
import dev.skillpath.content.events.LessonEvents;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.api.UniqueViolation;
import dev.skillpath.platform.catalog.KnownSkills;

/**
 * Authoring and completing lessons. Publishing snapshots the working copy into an immutable version; learners
 * only ever read versions. Every change that others care about is announced through the outbox.
 */
@ApplicationScoped
@Transactional
public class Lessons {

    @Inject
    KnownSkills skills;

    @Inject
    LessonEvents events;

    @Inject
    EntityManager em;

    public Lesson create(NewLesson input) {
        if (Lesson.findBySlug(input.slug()) != null) {
            throw slugTaken(input.slug());
        }
        Lesson lesson = new Lesson();
        lesson.id = UUID.randomUUID();
        lesson.slug = input.slug();
        lesson.status = LessonStatus.DRAFT;
        apply(lesson, input.title(), input.summary(), input.body(), input.level(), input.estimatedMinutes(),
                skills.requireActive(input.skills(), "skills"));
        lesson.persist();
        try {
            em.flush();
        } catch (PersistenceException e) {
            // another request created the slug between the check above and this insert
            if (UniqueViolation.of(e, "lesson_slug_key")) {
                throw slugTaken(input.slug());
            }
            throw e;
        }
        return lesson;
    }

    public Lesson update(String slug, LessonChanges input) {
        Lesson lesson = locked(slug);
        apply(lesson, input.title(), input.summary(), input.body(), input.level(), input.estimatedMinutes(),
                skills.requireActive(input.skills(), "skills"));
        lesson.unpublishedChanges = true;
        return lesson;
    }

    /**
     * Makes the working copy what learners read, as a new version; publishing an unchanged, published lesson
     * changes nothing. Skill tags are checked again, since a skill may have been retired since the edit.
     */
    public LessonVersion publish(String slug, String publisher) {
        Lesson lesson = locked(slug);
        if (lesson.status == LessonStatus.PUBLISHED && !lesson.unpublishedChanges) {
            return LessonVersion.of(lesson.id, lesson.publishedVersion);
        }
        skills.requireActive(lesson.skillIds.stream().map(UUID::toString).toList(), "skills");
        Integer last = em.createQuery("select max(v.version) from LessonVersion v where v.lessonId = :id", Integer.class)
                .setParameter("id", lesson.id).getSingleResult();
        LessonVersion version = snapshot(lesson, last == null ? 1 : last + 1, publisher);
        lesson.status = LessonStatus.PUBLISHED;
        lesson.publishedVersion = version.version;
        lesson.unpublishedChanges = false;
        em.flush();
        learnWords(version);
        events.published(lesson, version);
        return version;
    }

    /** Takes a lesson away from learners; completions stay. Idempotent. */
    public void retire(String slug) {
        Lesson lesson = locked(slug);
        if (lesson.status == LessonStatus.RETIRED) {
            return;
        }
        lesson.status = LessonStatus.RETIRED;
        em.flush();
        events.retired(lesson);
    }

    public record Completed(LessonCompletion completion, boolean created) {
    }

    /** Records that a learner finished the version they can read now; doing it again is a no-op. */
    public Completed complete(String slug, String learnerId) {
        Lesson lesson = Lesson.findBySlug(slug);
        if (lesson == null || !lesson.readable()) {
            throw ProblemException.notFound("There is no published lesson '" + slug + "'.");
        }
        Instant now = Instant.now();
        int inserted = em.createNativeQuery("insert into lesson_completion (learner_id, lesson_id, version, completed_at)"
                + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, learnerId).setParameter(2, lesson.id).setParameter(3, lesson.publishedVersion)
                .setParameter(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).executeUpdate();
        LessonCompletion completion = LessonCompletion.findById(
                new LessonCompletion.Key(learnerId, lesson.id, lesson.publishedVersion));
        if (inserted == 1) {
            events.completed(learnerId, lesson, LessonVersion.of(lesson.id, lesson.publishedVersion), now);
        }
        return new Completed(completion, inserted == 1);
    }

    /** Seeds a lesson as published version 1 (first start only). */
    public void seed(Lesson lesson) {
        lesson.persist();
        em.flush();
        LessonVersion version = snapshot(lesson, 1, "seed");
        lesson.status = LessonStatus.PUBLISHED;
        lesson.publishedVersion = 1;
        lesson.unpublishedChanges = false;
        em.flush();
        learnWords(version);
        events.published(lesson, version);
    }

    private LessonVersion snapshot(Lesson lesson, int number, String publisher) {
        LessonVersion v = new LessonVersion();
        v.lessonId = lesson.id;
        v.version = number;
        v.title = lesson.title;
        v.summary = lesson.summary;
        v.body = lesson.body;
        v.level = lesson.level;
        v.estimatedMinutes = lesson.estimatedMinutes;
        v.skillIds = List.copyOf(lesson.skillIds);
        v.publishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        v.publishedBy = publisher;
        v.persist();
        return v;
    }

    /** Adds the version's words to the "did you mean" vocabulary of search. */
    private void learnWords(LessonVersion v) {
        em.createNativeQuery("insert into search_word (word) select distinct lower(w)"
                + " from regexp_split_to_table(?1, '[^[:alpha:]]+') as w where length(w) between 3 and 40"
                + " on conflict do nothing")
                .setParameter(1, v.title + " " + v.summary + " " + v.body).executeUpdate();
    }

    /**
     * The lesson to change, locked until the transaction ends: writers of one lesson go one after the other, each
     * seeing what the one before committed. Two publishes at once would otherwise both number the same new version,
     * and two edits or retirements at once would fail on the row's version; now the second publish finds nothing
     * left to publish and answers with the version the first made, as it would a moment later.
     */
    private Lesson locked(String slug) {
        Lesson lesson = Lesson.find("slug", slug).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (lesson == null) {
            throw ProblemException.notFound("There is no lesson '" + slug + "'.");
        }
        return lesson;
    }

    private static ProblemException slugTaken(String slug) {
        return ProblemException.conflict(ProblemType.SLUG_TAKEN, "The slug '" + slug + "' is already used by a lesson.");
    }

    private static void apply(Lesson lesson, String title, String summary, String body,
            dev.skillpath.platform.catalog.Level level, int minutes, List<UUID> skillIds) {
        lesson.title = title.strip();
        lesson.summary = summary.strip();
        lesson.body = body;
        lesson.level = level;
        lesson.estimatedMinutes = minutes;
        lesson.skillIds = skillIds;
    }
}
