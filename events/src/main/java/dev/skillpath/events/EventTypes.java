package dev.skillpath.events;

import java.util.List;

import dev.skillpath.events.payload.ItemParametersFitted;
import dev.skillpath.events.payload.LearnerEstimates;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.LessonPublished;
import dev.skillpath.events.payload.LessonRetired;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.events.payload.QuestionFlagged;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizAttemptGradedV1;
import dev.skillpath.events.payload.QuizPublished;
import dev.skillpath.events.payload.QuizRetired;
import dev.skillpath.events.payload.ReviewDue;
import dev.skillpath.events.payload.SkillChanged;
import dev.skillpath.events.payload.SkillMastered;
import dev.skillpath.events.payload.SkillMasteryChanged;

/**
 * Every event type Skillpath publishes. A type's name ends in its version: a change that breaks readers
 * gets a new type ({@code .v2}) published beside the old one until no subscriber reads it (docs/events.md).
 */
public final class EventTypes {

    private static final String PREFIX = "dev.skillpath.";

    public static final EventType<LessonCompleted> LESSON_COMPLETED =
            EventType.of(PREFIX + "lesson.completed.v1", Topics.PROGRESS, LessonCompleted.class);
    public static final EventType<QuizAttemptGraded> QUIZ_ATTEMPT_GRADED =
            EventType.of(PREFIX + "quiz.attempt.graded.v2", Topics.PROGRESS, QuizAttemptGraded.class);
    /** No longer published; still read by skills-service (events already in the topic, a rolling upgrade). */
    public static final EventType<QuizAttemptGradedV1> QUIZ_ATTEMPT_GRADED_V1 =
            EventType.of(PREFIX + "quiz.attempt.graded.v1", Topics.PROGRESS, QuizAttemptGradedV1.class);
    public static final EventType<SkillMasteryChanged> SKILL_MASTERY_CHANGED =
            EventType.of(PREFIX + "skill.mastery.changed.v1", Topics.PROGRESS, SkillMasteryChanged.class);
    public static final EventType<SkillMastered> SKILL_MASTERED =
            EventType.of(PREFIX + "skill.mastered.v1", Topics.PROGRESS, SkillMastered.class);
    /** A practice session's answer, graded at once: evidence for the learner model. */
    public static final EventType<PracticeAnswered> PRACTICE_ANSWERED =
            EventType.of(PREFIX + "quiz.practice.answered.v1", Topics.PROGRESS, PracticeAnswered.class);
    /** A mastered skill's review fell due (once per learner, skill and due date). */
    public static final EventType<ReviewDue> REVIEW_DUE =
            EventType.of(PREFIX + "skill.review.due.v1", Topics.PROGRESS, ReviewDue.class);
    /** A learner's every estimate and frontier after an event: what quiz-service picks practice questions by. */
    public static final EventType<LearnerEstimates> LEARNER_ESTIMATES =
            EventType.of(PREFIX + "skill.estimates.changed.v1", Topics.PROGRESS, LearnerEstimates.class);

    public static final EventType<SkillChanged> SKILL_CREATED =
            EventType.of(PREFIX + "skill.created.v1", Topics.CATALOG, SkillChanged.class);
    public static final EventType<SkillChanged> SKILL_CHANGED =
            EventType.of(PREFIX + "skill.changed.v1", Topics.CATALOG, SkillChanged.class);
    public static final EventType<SkillChanged> SKILL_RETIRED =
            EventType.of(PREFIX + "skill.retired.v1", Topics.CATALOG, SkillChanged.class);
    public static final EventType<LessonPublished> LESSON_PUBLISHED =
            EventType.of(PREFIX + "lesson.published.v1", Topics.CATALOG, LessonPublished.class);
    public static final EventType<LessonRetired> LESSON_RETIRED =
            EventType.of(PREFIX + "lesson.retired.v1", Topics.CATALOG, LessonRetired.class);
    public static final EventType<QuizPublished> QUIZ_PUBLISHED =
            EventType.of(PREFIX + "quiz.published.v1", Topics.CATALOG, QuizPublished.class);
    public static final EventType<QuizRetired> QUIZ_RETIRED =
            EventType.of(PREFIX + "quiz.retired.v1", Topics.CATALOG, QuizRetired.class);
    public static final EventType<QuestionFlagged> QUESTION_FLAGGED =
            EventType.of(PREFIX + "quiz.question.flagged.v1", Topics.CATALOG, QuestionFlagged.class);
    /** What the learner model says of a newcomer (no learner id): estimates and frontier without evidence. */
    public static final EventType<LearnerEstimates> MODEL_BASELINE =
            EventType.of(PREFIX + "skill.model.baseline.v1", Topics.CATALOG, LearnerEstimates.class);
    public static final EventType<ItemParametersFitted> ITEM_PARAMETERS_FITTED =
            EventType.of(PREFIX + "skill.model.item.fitted.v1", Topics.CATALOG, ItemParametersFitted.class);

    public static final List<EventType<?>> ALL = List.of(LESSON_COMPLETED, QUIZ_ATTEMPT_GRADED, QUIZ_ATTEMPT_GRADED_V1,
            SKILL_MASTERY_CHANGED, SKILL_MASTERED, SKILL_CREATED, SKILL_CHANGED, SKILL_RETIRED, LESSON_PUBLISHED,
            LESSON_RETIRED, QUIZ_PUBLISHED, QUIZ_RETIRED, PRACTICE_ANSWERED, LEARNER_ESTIMATES, REVIEW_DUE, QUESTION_FLAGGED,
            MODEL_BASELINE, ITEM_PARAMETERS_FITTED);

    private EventTypes() {
    }
}
