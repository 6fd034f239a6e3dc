package dev.skillpath.skills.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.MalformedEventException;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizAttemptGradedV1;
import dev.skillpath.events.payload.ReviewDue;
import dev.skillpath.events.payload.SkillMastered;
import dev.skillpath.events.payload.SkillMasteryChanged;

/** Each progress event's statements, without a service: the mapping of docs/skills.md, checked field by field. */
class StatementMapperTest {

    static final String HOME = "https://skillpath.example";
    static final XapiIris IRIS = new XapiIris(HOME, "https://lrs.skillpath.example/");
    static final StatementMapper MAPPER = new StatementMapper(IRIS);
    static final Instant AT = Instant.parse("2026-12-01T10:15:30.123456789Z");
    static final Instant STORED = Instant.parse("2026-12-01T10:15:31.5Z");

    static final UUID QUIZ = UUID.randomUUID();
    static final UUID ATTEMPT = UUID.randomUUID();
    static final UUID GIT = UUID.randomUUID();
    static final UUID HTTP = UUID.randomUUID();

    static CloudEvent event(String type, Object payload) {
        return new CloudEvent(UUID.randomUUID(), "/quiz-service", type, "ada", OffsetDateTime.now(ZoneOffset.UTC),
                "application/json", CloudEventCodec.toTree(payload));
    }

    static List<JsonNode> json(CloudEvent event) {
        return MAPPER.statements(event).stream().map(s -> (JsonNode) s.json(STORED, HOME)).toList();
    }

    /** Every statement keeps the xAPI rules and names the learner as an account of the home page. */
    static void valid(List<JsonNode> statements) {
        for (JsonNode s : statements) {
            assertEquals(List.of(), XapiStatementRules.violations(s), s.toString());
            assertEquals(HOME, s.at("/actor/account/homePage").asText());
            assertEquals("ada", s.at("/actor/account/name").asText());
            assertEquals(STORED.toString(), s.get("stored").asText());
        }
    }

    @Test
    void aGradedAttemptIsAnAnswerPerQuestionThenCompletedAndPassedOrFailed() {
        UUID q1 = UUID.randomUUID();
        UUID q2 = UUID.randomUUID();
        CloudEvent graded = event(EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded("ada", QUIZ, ATTEMPT, 1.5,
                2, false, List.of(new QuizAttemptGraded.Answer(q1, 3, "single_choice", 4, 1, true, true, 1, List.of(GIT)),
                        new QuizAttemptGraded.Answer(q2, 1, "ordering", 4, 0, false, false, 0.5, List.of(GIT, HTTP, GIT))),
                AT));
        List<JsonNode> s = json(graded);
        valid(s);
        assertEquals(4, s.size());
        String quiz = "https://lrs.skillpath.example/activities/quizzes/" + QUIZ;

        JsonNode first = s.get(0);
        assertEquals(StatementMapper.statementId(graded.id(), 0).toString(), first.get("id").asText());
        assertEquals("http://adlnet.gov/expapi/verbs/answered", first.at("/verb/id").asText());
        assertEquals("answered", first.at("/verb/display/en-US").asText());
        assertEquals("https://lrs.skillpath.example/activities/questions/" + q1, first.at("/object/id").asText());
        assertEquals(XapiIris.QUESTION_TYPE, first.at("/object/definition/type").asText());
        assertEquals("choice", first.at("/object/definition/interactionType").asText());
        assertTrue(first.at("/result/success").asBoolean());
        assertEquals(1.0, first.at("/result/score/scaled").asDouble());
        assertEquals(ATTEMPT.toString(), first.at("/context/registration").asText());
        assertEquals(quiz, first.at("/context/contextActivities/parent/0/id").asText());
        assertEquals(XapiIris.QUIZ_TYPE, first.at("/context/contextActivities/parent/0/definition/type").asText());
        assertEquals("https://lrs.skillpath.example/activities/skills/" + GIT,
                first.at("/context/contextActivities/grouping/0/id").asText());
        assertEquals(3, first.at("/context/extensions/https:~1~1lrs.skillpath.example~1extensions~1question-version").asInt());
        assertEquals("2026-12-01T10:15:30.123456Z", first.get("timestamp").asText(), "the grading time, to microseconds");

        JsonNode second = s.get(1);
        assertEquals("sequencing", second.at("/object/definition/interactionType").asText());
        assertFalse(second.at("/result/success").asBoolean());
        assertFalse(second.at("/result/completion").asBoolean(), "left blank");
        assertEquals(0.5, second.at("/result/score/scaled").asDouble());
        assertEquals(2, second.at("/context/contextActivities/grouping").size(), "each skill once");

        JsonNode completed = s.get(2);
        assertEquals("http://adlnet.gov/expapi/verbs/completed", completed.at("/verb/id").asText());
        assertEquals(quiz, completed.at("/object/id").asText());
        assertEquals(XapiIris.QUIZ_TYPE, completed.at("/object/definition/type").asText());
        assertTrue(completed.at("/result/completion").asBoolean());
        assertEquals(0.75, completed.at("/result/score/scaled").asDouble());
        assertEquals(1.5, completed.at("/result/score/raw").asDouble());
        assertEquals(0, completed.at("/result/score/min").asDouble());
        assertEquals(2, completed.at("/result/score/max").asDouble());
        assertEquals(ATTEMPT.toString(), completed.at("/context/registration").asText());
        assertEquals(2, completed.at("/context/contextActivities/grouping").size(), "the skills of the quiz's answers");

        JsonNode verdict = s.get(3);
        assertEquals("http://adlnet.gov/expapi/verbs/failed", verdict.at("/verb/id").asText());
        assertFalse(verdict.at("/result/success").asBoolean());
        assertEquals(0.75, verdict.at("/result/score/scaled").asDouble());
    }

    @Test
    void aPassedAttemptOfVersionOneSaysPassedAndNoInteractionType() {
        CloudEvent graded = event(EventTypes.QUIZ_ATTEMPT_GRADED_V1.type(), new QuizAttemptGradedV1("ada", QUIZ, ATTEMPT,
                1, 1, true, List.of(new QuizAttemptGradedV1.Answer(UUID.randomUUID(), 1, true, 1, List.of(HTTP))), AT));
        List<JsonNode> s = json(graded);
        valid(s);
        assertEquals(List.of("answered", "completed", "passed"), s.stream().map(j -> j.at("/verb/display/en-US").asText()).toList());
        assertTrue(s.get(0).at("/object/definition/interactionType").isMissingNode());
        assertTrue(s.get(0).at("/result/completion").asBoolean());
        assertTrue(s.get(2).at("/result/success").asBoolean());
        assertEquals(1.0, s.get(2).at("/result/score/scaled").asDouble());
    }

    @Test
    void anAttemptWithoutAMaximumHasNoScoreAndAnOddScoreIsClamped() {
        List<JsonNode> none = json(event(EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded("ada", QUIZ,
                ATTEMPT, 0, 0, false, List.of(), AT)));
        valid(none);
        assertEquals(2, none.size(), "completed and failed, no answers");
        assertTrue(none.get(0).at("/result/score").isMissingNode());
        List<JsonNode> over = json(event(EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded("ada", QUIZ,
                ATTEMPT, 3, 2, true, List.of(new QuizAttemptGraded.Answer(UUID.randomUUID(), 1, "numeric", 0, 0, true,
                        true, 1.0000001, List.of())), AT)));
        valid(over);
        assertEquals(1.0, over.get(0).at("/result/score/scaled").asDouble());
        assertEquals(2, over.get(1).at("/result/score/raw").asDouble());
        assertTrue(over.get(0).at("/context/contextActivities/grouping").isMissingNode(), "no skills, no grouping");
        assertEquals(1, over.get(0).at("/context/contextActivities/parent").size());
        assertTrue(over.get(1).at("/context/contextActivities").isMissingNode(), "the quiz itself: nothing around it");
    }

    @Test
    void aPracticeAnswerIsOneAnsweredInItsSession() {
        UUID session = UUID.randomUUID();
        UUID question = UUID.randomUUID();
        List<JsonNode> s = json(event(EventTypes.PRACTICE_ANSWERED.type(), new PracticeAnswered("ada", session, 2,
                new QuizAttemptGraded.Answer(question, 1, "true_false", 2, 1, true, false, 0, List.of(GIT)), AT)));
        valid(s);
        assertEquals(1, s.size());
        assertEquals("http://adlnet.gov/expapi/verbs/answered", s.get(0).at("/verb/id").asText());
        assertEquals("true-false", s.get(0).at("/object/definition/interactionType").asText());
        assertEquals(session.toString(), s.get(0).at("/context/registration").asText());
        assertTrue(s.get(0).at("/context/contextActivities/parent").isMissingNode());
        assertEquals(1, s.get(0).at("/context/contextActivities/grouping").size());
        assertEquals(0.0, s.get(0).at("/result/score/scaled").asDouble());
    }

    @Test
    void aCompletedLessonIsCompletedWithItsSkills() {
        UUID lesson = UUID.randomUUID();
        List<JsonNode> s = json(event(EventTypes.LESSON_COMPLETED.type(), new LessonCompleted("ada", lesson, "git-basics",
                4, List.of(GIT), AT)));
        valid(s);
        assertEquals(1, s.size());
        assertEquals("http://adlnet.gov/expapi/verbs/completed", s.get(0).at("/verb/id").asText());
        assertEquals("https://lrs.skillpath.example/activities/lessons/" + lesson, s.get(0).at("/object/id").asText(),
                "by id, not by slug");
        assertEquals(XapiIris.LESSON_TYPE, s.get(0).at("/object/definition/type").asText());
        assertTrue(s.get(0).at("/result/completion").asBoolean());
        assertTrue(s.get(0).at("/context/registration").isMissingNode());
        assertEquals(4, s.get(0).at("/context/extensions/https:~1~1lrs.skillpath.example~1extensions~1lesson-version").asInt());
    }

    @Test
    void aMasteredSkillIsMasteredAndAChangedEstimateProgressed() {
        List<JsonNode> mastered = json(event(EventTypes.SKILL_MASTERED.type(), new SkillMastered("ada", GIT, "git", 0.97,
                AT)));
        valid(mastered);
        assertEquals("http://adlnet.gov/expapi/verbs/mastered", mastered.get(0).at("/verb/id").asText());
        assertEquals("https://lrs.skillpath.example/activities/skills/" + GIT, mastered.get(0).at("/object/id").asText());
        assertEquals(XapiIris.SKILL_TYPE, mastered.get(0).at("/object/definition/type").asText());
        assertEquals(0.97, mastered.get(0).at("/result/score/scaled").asDouble());
        assertTrue(mastered.get(0).at("/result/success").asBoolean());

        List<JsonNode> progressed = json(event(EventTypes.SKILL_MASTERY_CHANGED.type(), new SkillMasteryChanged("ada", GIT,
                "git", 0.4, 0.55, false, UUID.randomUUID(), EventTypes.QUIZ_ATTEMPT_GRADED.type(), AT)));
        valid(progressed);
        assertEquals(1, progressed.size());
        assertEquals("http://adlnet.gov/expapi/verbs/progressed", progressed.get(0).at("/verb/id").asText());
        assertEquals(0.55, progressed.get(0).at("/result/score/scaled").asDouble());
        assertEquals(0.4, progressed.get(0)
                .at("/result/extensions/https:~1~1lrs.skillpath.example~1extensions~1previous-probability").asDouble());
    }

    @Test
    void estimatesAndReviewRemindersAreNoLearningRecords() {
        assertEquals(List.of(), MAPPER.statements(event(EventTypes.REVIEW_DUE.type(), new ReviewDue("ada", GIT, "git",
                AT, AT, 2.3, 5, 1, 0, 0.9))));
        assertFalse(StatementMapper.TYPES.contains(EventTypes.LEARNER_ESTIMATES.type()));
        assertFalse(StatementMapper.TYPES.contains(EventTypes.REVIEW_DUE.type()));
    }

    @Test
    void theSameEventGivesTheSameStatementsAndAnotherEventOthers() {
        CloudEvent lesson = event(EventTypes.LESSON_COMPLETED.type(), new LessonCompleted("ada", UUID.randomUUID(),
                "git-basics", 1, List.of(GIT), AT));
        assertEquals(json(lesson), json(lesson));
        UUID expected = UUID.nameUUIDFromBytes(("xapi:" + lesson.id() + ":0").getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, MAPPER.statements(lesson).get(0).id());
        CloudEvent copy = new CloudEvent(UUID.randomUUID(), lesson.source(), lesson.type(), lesson.subject(),
                lesson.time(), lesson.datacontenttype(), lesson.data());
        assertNotEquals(MAPPER.statements(lesson).get(0).id(), MAPPER.statements(copy).get(0).id());
        assertNotEquals(StatementMapper.statementId(lesson.id(), 0), StatementMapper.statementId(lesson.id(), 1));
    }

    @Test
    void anEventWithoutItsLearnerOrItsIdsIsMalformed() {
        assertThrows(MalformedEventException.class, () -> MAPPER.statements(event(EventTypes.SKILL_MASTERED.type(),
                new SkillMastered(" ", GIT, "git", 0.97, AT))));
        assertThrows(MalformedEventException.class, () -> MAPPER.statements(event(EventTypes.QUIZ_ATTEMPT_GRADED.type(),
                new QuizAttemptGraded("ada", QUIZ, null, 1, 1, true, List.of(), AT))));
        assertThrows(MalformedEventException.class, () -> MAPPER.statements(event(EventTypes.PRACTICE_ANSWERED.type(),
                new PracticeAnswered("ada", UUID.randomUUID(), 1, null, AT))));
    }

    @Test
    void theIrisAreOfTheDeploymentAndRefuseRelativeOnes() {
        assertEquals("https://lrs.skillpath.example/extensions/x", IRIS.extension("x"));
        assertThrows(IllegalArgumentException.class, () -> new XapiIris("skillpath", HOME));
        assertThrows(IllegalArgumentException.class, () -> new XapiIris(HOME, "/activities"));
        assertTrue(XapiIris.isAbsoluteIri("http://adlnet.gov/expapi/verbs/answered"));
        assertTrue(XapiIris.isAbsoluteIri("https://例え.jp/activities/1"));
        assertFalse(XapiIris.isAbsoluteIri("answered"));
        assertFalse(XapiIris.isAbsoluteIri("http://x/a b"));
        assertFalse(XapiIris.isAbsoluteIri(""));
    }
}
