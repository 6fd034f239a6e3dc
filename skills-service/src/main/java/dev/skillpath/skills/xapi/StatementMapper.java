package dev.skillpath.skills.xapi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.MalformedEventException;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizAttemptGradedV1;
import dev.skillpath.events.payload.SkillMastered;
import dev.skillpath.events.payload.SkillMasteryChanged;

/**
 * What xAPI statements a progress event is (docs/skills.md, "Learning records (xAPI)"): a pure function of the
 * event, so the same event gives the same statements, ids included, however often and by whichever replica it is
 * read. The mapping:
 * <ul>
 * <li>{@code quiz.attempt.graded} (v2 and v1): one {@code answered} per answer (the question; success = correct,
 *     scaled = credit; parent = the quiz), then {@code completed} for the quiz (scaled = score / maxScore, raw, min,
 *     max) and {@code passed} or {@code failed}. Registration = the attempt; grouping = the skills.</li>
 * <li>{@code quiz.practice.answered}: one {@code answered}; registration = the practice session.</li>
 * <li>{@code lesson.completed}: {@code completed} for the lesson; grouping = its skills.</li>
 * <li>{@code skill.mastered}: {@code mastered} for the skill; scaled = the estimate that crossed the threshold.</li>
 * <li>{@code skill.mastery.changed}: {@code progressed} for the skill; scaled = the new estimate, the previous one
 *     as an extension.</li>
 * </ul>
 * {@code skill.estimates.changed} and {@code skill.review.due} are not learning records (a snapshot of the model's
 * estimates, a reminder the system sends): they give nothing.
 */
public final class StatementMapper {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final XapiIris iris;

    public StatementMapper(XapiIris iris) {
        this.iris = Objects.requireNonNull(iris);
    }

    /** The event types that are learning records; the others of the progress topic give no statement. */
    public static final Set<String> TYPES = Set.of(EventTypes.QUIZ_ATTEMPT_GRADED.type(),
            EventTypes.QUIZ_ATTEMPT_GRADED_V1.type(), EventTypes.PRACTICE_ANSWERED.type(),
            EventTypes.LESSON_COMPLETED.type(), EventTypes.SKILL_MASTERED.type(), EventTypes.SKILL_MASTERY_CHANGED.type());

    /**
     * The id of the event's {@code index}th statement: the name-based (version 3) UUID of
     * {@code "xapi:<eventId>:<index>"}. Derived, never random, so a duplicate of an event names the statements
     * already stored and a replay of the topic gives the ids it gave before.
     */
    public static UUID statementId(UUID eventId, int index) {
        return UUID.nameUUIDFromBytes(("xapi:" + eventId + ":" + index).getBytes(StandardCharsets.UTF_8));
    }

    /** The event's statements in order (their index is their place); none for a type that is not a learning record. */
    public List<MappedStatement> statements(CloudEvent event) {
        Builder out = new Builder(event);
        if (EventTypes.QUIZ_ATTEMPT_GRADED.matches(event)) {
            QuizAttemptGraded g = EventTypes.QUIZ_ATTEMPT_GRADED.read(event);
            List<Answered> answers = new ArrayList<>();
            for (QuizAttemptGraded.Answer a : nonNull(g.answers())) {
                answers.add(new Answered(a.questionId(), a.questionVersion(), a.questionType(), a.answered(),
                        a.correct(), a.credit(), distinct(a.skillIds())));
            }
            attempt(out, learner(g.learnerId()), g.quizId(), g.attemptId(), g.score(), g.maxScore(), g.passed(),
                    answers, at(g.gradedAt(), event));
        } else if (EventTypes.QUIZ_ATTEMPT_GRADED_V1.matches(event)) {
            QuizAttemptGradedV1 g = EventTypes.QUIZ_ATTEMPT_GRADED_V1.read(event);
            List<Answered> answers = new ArrayList<>();
            for (QuizAttemptGradedV1.Answer a : nonNull(g.answers())) {
                // v1 says neither the question's type nor whether it was left blank: graded answers were answered
                answers.add(new Answered(a.questionId(), a.questionVersion(), null, true, a.correct(), a.credit(),
                        distinct(a.skillIds())));
            }
            attempt(out, learner(g.learnerId()), g.quizId(), g.attemptId(), g.score(), g.maxScore(), g.passed(),
                    answers, at(g.gradedAt(), event));
        } else if (EventTypes.PRACTICE_ANSWERED.matches(event)) {
            PracticeAnswered p = EventTypes.PRACTICE_ANSWERED.read(event);
            QuizAttemptGraded.Answer a = p.answer();
            if (a == null || p.sessionId() == null) {
                throw new MalformedEventException("a practice answer needs its answer and its session");
            }
            Answered answer = new Answered(a.questionId(), a.questionVersion(), a.questionType(), a.answered(),
                    a.correct(), a.credit(), distinct(a.skillIds()));
            answered(out, learner(p.learnerId()), answer, p.sessionId(), null, at(p.answeredAt(), event));
        } else if (EventTypes.LESSON_COMPLETED.matches(event)) {
            LessonCompleted c = EventTypes.LESSON_COMPLETED.read(event);
            ObjectNode result = JSON.objectNode().put("completion", true);
            ObjectNode context = context(null, null, distinct(c.skillIds()));
            context.putObject("extensions").put(iris.extension("lesson-version"), c.version());
            out.add(learner(c.learnerId()), XapiVerb.COMPLETED, activity(iris.lesson(required(c.lessonId(), "lesson")),
                    XapiIris.LESSON_TYPE, null), result, context, null, at(c.completedAt(), event));
        } else if (EventTypes.SKILL_MASTERED.matches(event)) {
            SkillMastered m = EventTypes.SKILL_MASTERED.read(event);
            ObjectNode result = JSON.objectNode();
            scaled(result, m.probability());
            result.put("success", true);
            out.add(learner(m.learnerId()), XapiVerb.MASTERED, activity(iris.skill(required(m.skillId(), "skill")),
                    XapiIris.SKILL_TYPE, null), result, null, null, at(m.masteredAt(), event));
        } else if (EventTypes.SKILL_MASTERY_CHANGED.matches(event)) {
            SkillMasteryChanged m = EventTypes.SKILL_MASTERY_CHANGED.read(event);
            ObjectNode result = JSON.objectNode();
            scaled(result, m.probability());
            if (Double.isFinite(m.previousProbability())) {
                result.putObject("extensions").put(iris.extension("previous-probability"), m.previousProbability());
            }
            out.add(learner(m.learnerId()), XapiVerb.PROGRESSED, activity(iris.skill(required(m.skillId(), "skill")),
                    XapiIris.SKILL_TYPE, null), result, null, null, at(m.changedAt(), event));
        }
        return out.statements;
    }

    /** One answer as both versions of a graded attempt and a practice answer say it. */
    private record Answered(UUID questionId, int questionVersion, String questionType, boolean answered,
            boolean correct, double credit, List<UUID> skills) {
    }

    private void attempt(Builder out, String learner, UUID quizId, UUID attemptId, double score, double maxScore,
            boolean passed, List<Answered> answers, Instant at) {
        String quiz = iris.quiz(required(quizId, "quiz"));
        required(attemptId, "attempt");
        Set<UUID> skills = new LinkedHashSet<>();
        for (Answered a : answers) {
            answered(out, learner, a, attemptId, quiz, at);
            skills.addAll(a.skills());
        }
        ObjectNode completed = JSON.objectNode();
        score(completed, score, maxScore);
        completed.put("completion", true);
        out.add(learner, XapiVerb.COMPLETED, activity(quiz, XapiIris.QUIZ_TYPE, null), completed,
                context(attemptId, null, skills), attemptId, at);
        ObjectNode verdict = JSON.objectNode();
        score(verdict, score, maxScore);
        verdict.put("success", passed).put("completion", true);
        out.add(learner, passed ? XapiVerb.PASSED : XapiVerb.FAILED, activity(quiz, XapiIris.QUIZ_TYPE, null), verdict,
                context(attemptId, null, skills), attemptId, at);
    }

    /**
     * An {@code answered}: success = full credit, scaled = the credit, completion = whether the learner answered at
     * all (a question left blank is graded, wrong, but not completed).
     */
    private void answered(Builder out, String learner, Answered a, UUID registration, String parent, Instant at) {
        ObjectNode result = JSON.objectNode();
        scaled(result, a.credit());
        result.put("success", a.correct()).put("completion", a.answered());
        ObjectNode context = context(registration, parent, a.skills());
        context.putObject("extensions").put(iris.extension("question-version"), a.questionVersion());
        out.add(learner, XapiVerb.ANSWERED, activity(iris.question(required(a.questionId(), "question")),
                XapiIris.QUESTION_TYPE, interactionType(a.questionType())), result, context, registration, at);
    }

    /** xAPI's interaction type (cmi.interaction) of a Skillpath question type; null when the event does not say. */
    static String interactionType(String questionType) {
        if (questionType == null) {
            return null;
        }
        return switch (questionType) {
            case "single_choice", "multiple_choice" -> "choice";
            case "true_false" -> "true-false";
            case "short_text" -> "fill-in";
            case "numeric" -> "numeric";
            case "ordering" -> "sequencing";
            default -> "other";
        };
    }

    private static ObjectNode activity(String id, String type, String interactionType) {
        ObjectNode activity = JSON.objectNode().put("objectType", "Activity").put("id", id);
        ObjectNode definition = activity.putObject("definition").put("type", type);
        if (interactionType != null) {
            definition.put("interactionType", interactionType);
        }
        return activity;
    }

    private ObjectNode context(UUID registration, String parent, Collection<UUID> skills) {
        ObjectNode context = JSON.objectNode();
        if (registration != null) {
            context.put("registration", registration.toString());
        }
        if (parent != null || !skills.isEmpty()) {
            ObjectNode activities = context.putObject("contextActivities");
            if (parent != null) {
                activities.putArray("parent").add(activity(parent, XapiIris.QUIZ_TYPE, null));
            }
            if (!skills.isEmpty()) {
                ArrayNode grouping = activities.putArray("grouping");
                skills.forEach(s -> grouping.add(activity(iris.skill(s), XapiIris.SKILL_TYPE, null)));
            }
        }
        context.put("platform", "Skillpath");
        return context;
    }

    /**
     * {@code score.scaled} of a fraction the event gives in 0..1 (a credit, a probability): clamped into it, so a
     * rounding error upstream cannot make an invalid statement; a value that is not a number gives no score.
     */
    private static void scaled(ObjectNode result, double fraction) {
        if (Double.isFinite(fraction)) {
            result.putObject("score").put("scaled", clamp(fraction, 0, 1));
        }
    }

    /** An attempt's score: raw in [min = 0, max = maxScore], scaled = raw / max; none without a positive maximum. */
    private static void score(ObjectNode result, double score, double maxScore) {
        if (!Double.isFinite(score) || !Double.isFinite(maxScore) || maxScore <= 0) {
            return;
        }
        double raw = clamp(score, 0, maxScore);
        result.putObject("score").put("scaled", raw / maxScore).put("raw", raw).put("min", 0d).put("max", maxScore);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    /** The payload's own time of the record, else the event's; microseconds, what the table keeps. */
    private static Instant at(Instant at, CloudEvent event) {
        return (at != null ? at : event.time().toInstant()).truncatedTo(ChronoUnit.MICROS);
    }

    private static String learner(String learnerId) {
        if (learnerId == null || learnerId.isBlank()) {
            throw new MalformedEventException("the event names no learner");
        }
        return learnerId;
    }

    private static UUID required(UUID id, String what) {
        if (id == null) {
            throw new MalformedEventException("the event names no " + what);
        }
        return id;
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return new ArrayList<>(new LinkedHashSet<>(nonNull(ids)));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    /** Collects an event's statements, numbering them and giving each its id. */
    private final class Builder {

        private final CloudEvent event;
        private final List<MappedStatement> statements = new ArrayList<>();

        Builder(CloudEvent event) {
            this.event = event;
        }

        void add(String learner, XapiVerb verb, ObjectNode object, ObjectNode result, ObjectNode context,
                UUID registration, Instant at) {
            int index = statements.size();
            UUID id = statementId(event.id(), index);
            ObjectNode body = JSON.objectNode().put("id", id.toString());
            ObjectNode actor = body.putObject("actor").put("objectType", "Agent");
            actor.putObject("account").put("homePage", iris.homePage()).put("name", learner);
            ObjectNode v = body.putObject("verb").put("id", verb.iri());
            v.putObject("display").put("en-US", verb.display());
            body.set("object", object);
            if (result != null && !result.isEmpty()) {
                body.set("result", result);
            }
            body.set("context", context != null ? context : StatementMapper.this.context(null, null, List.of()));
            statements.add(new MappedStatement(id, index, learner, verb, object.get("id").asText(), registration, at,
                    body));
        }
    }
}
