package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.correctAnswer;
import static dev.skillpath.quiz.api.QuizTestSupport.events;
import static dev.skillpath.quiz.api.QuizTestSupport.keysOf;
import static dev.skillpath.quiz.api.QuizTestSupport.problem;
import static dev.skillpath.quiz.api.QuizTestSupport.publishedQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.save;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuestion;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.start;
import static dev.skillpath.quiz.api.QuizTestSupport.submit;
import static dev.skillpath.quiz.api.QuizTestSupport.waitUntil;
import static dev.skillpath.quiz.api.QuizTestSupport.wrongAnswer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.platform.catalog.SeededSkills;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The attempt lifecycle on a running service: start, autosave, submit once, deadlines, limits, review, events. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class AttemptFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aFullyCorrectAttemptPassesAndIsAnnouncedOnTheProgressTopic() {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String quizId = seededQuiz("git");
        Map<String, Map<String, Object>> keys = keysOf(quizId);
        String attemptId = start(token, quizId);
        List<String> questionIds = as(token).get("/api/v1/attempts/" + attemptId).then().statusCode(200)
                .body("status", equalTo("in_progress")).extract().path("questions.questionId");
        assertEquals(keys.keySet(), new HashSet<>(questionIds));
        for (String q : questionIds) {
            save(token, attemptId, q, correctAnswer(keys.get(q)));
        }
        double max = keys.values().stream().mapToDouble(q -> ((Number) q.get("points")).doubleValue()).sum();
        submit(token, attemptId).body("status", equalTo("graded"))
                .body("result.score", equalTo((float) max)).body("result.maxScore", equalTo((float) max))
                .body("result.percentage", equalTo(100.0f)).body("result.passed", equalTo(true))
                .body("reviewShown", equalTo(true))
                .body("questions.review.correct", hasSize(questionIds.size()))
                .body("questions.findAll { it.review.correct == false }", hasSize(0));

        CloudEvent event = events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 1).get(0);
        QuizAttemptGraded graded = EventTypes.QUIZ_ATTEMPT_GRADED.read(event);
        assertEquals(learner, graded.learnerId());
        assertEquals(UUID.fromString(quizId), graded.quizId());
        assertEquals(UUID.fromString(attemptId), graded.attemptId());
        assertEquals(max, graded.score(), 1e-9);
        assertEquals(max, graded.maxScore(), 1e-9);
        assertTrue(graded.passed());
        assertEquals(questionIds.size(), graded.answers().size());
        assertEquals(questionIds, graded.answers().stream().map(a -> a.questionId().toString()).toList());
        for (QuizAttemptGraded.Answer a : graded.answers()) {
            Map<String, Object> key = keys.get(a.questionId().toString());
            assertTrue(a.correct());
            assertTrue(a.answered());
            assertEquals(1.0, a.credit(), 1e-9);
            assertEquals(1, a.questionVersion());
            assertFalse(a.skillIds().isEmpty());
            // the shape the author's view shows: type, options (or items), correct options
            assertEquals(key.get("type"), a.questionType());
            assertEquals(shownOptions(key), a.options(), a.questionType());
            assertEquals(correctOptions(key), a.correctOptions(), a.questionType());
        }
        // and the seed's own numbers, so the check above cannot agree with a wrong view
        assertAnswer(answerTo(graded, "gt-commit"), "single_choice", 4, 1, true, true);
        assertAnswer(answerTo(graded, "gt-push"), "true_false", 0, 0, true, true);
        assertAnswer(answerTo(graded, "gt-flow"), "ordering", 4, 0, true, true);
        assertAnswer(answerTo(graded, "gt-clone"), "short_text", 0, 0, true, true);
        assertAnswer(answerTo(graded, "gt-benefits"), "multiple_choice", 4, 3, true, true);
        assertEquals(List.of(SeededSkills.id("git")), answerTo(graded, "gt-commit").skillIds());
        assertEquals(List.of(SeededSkills.id("git"), SeededSkills.id("version-control-concepts")),
                answerTo(graded, "gt-flow").skillIds());
        assertEquals(attemptId, event.subject());
    }

    @Test
    void unansweredAndWrongAnswersAreGradedAsZeroAndEachAnswersCorrectnessIsInTheEvent() {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String quizId = publishedQuiz(Map.of("passMark", 50), "db-select", "db-where", "db-cross-join");
        Map<String, Map<String, Object>> keys = keysOf(quizId);
        String attemptId = start(token, quizId);
        save(token, attemptId, seededQuestion("db-select"), correctAnswer(keys.get(seededQuestion("db-select"))));
        save(token, attemptId, seededQuestion("db-where"), wrongAnswer(keys.get(seededQuestion("db-where"))));
        submit(token, attemptId).body("result.score", equalTo(1.0f)).body("result.maxScore", equalTo(3.0f))
                .body("result.passed", equalTo(false));
        QuizAttemptGraded graded = EventTypes.QUIZ_ATTEMPT_GRADED.read(
                events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 1).get(0));
        assertFalse(graded.passed());
        assertEquals(List.of(true, false, false), graded.answers().stream().map(QuizAttemptGraded.Answer::correct).toList());
        assertEquals(List.of(SeededSkills.id("sql")), graded.answers().get(2).skillIds());
        assertAnswer(answerTo(graded, "db-select"), "single_choice", 4, 1, true, true);
        assertAnswer(answerTo(graded, "db-where"), "short_text", 0, 0, true, false);
        // db-cross-join was left blank: not answered, wrong, no credit
        assertAnswer(answerTo(graded, "db-cross-join"), "numeric", 0, 0, false, false);
        assertEquals(0.0, answerTo(graded, "db-cross-join").credit(), 1e-9);
    }

    @Test
    void theEventDescribesEachQuestionsShapeAndWhichWereLeftBlank() {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        // multiple choice 5 options (4 correct), ordering 5 items, true/false, single choice 4 options (1 correct)
        String quizId = publishedQuiz(Map.of(), "db-relational", "db-clause-order", "db-primary-key", "db-acid");
        Map<String, Map<String, Object>> keys = keysOf(quizId);
        String attemptId = start(token, quizId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> relational = (List<Map<String, Object>>) keys.get(seededQuestion("db-relational")).get("options");
        Object oneRight = relational.stream().filter(o -> Boolean.TRUE.equals(o.get("correct"))).findFirst().orElseThrow().get("id");
        save(token, attemptId, seededQuestion("db-relational"), Map.of("choices", List.of(oneRight)));
        save(token, attemptId, seededQuestion("db-primary-key"), wrongAnswer(keys.get(seededQuestion("db-primary-key"))));
        // db-clause-order and db-acid are never saved; 1 of 4 correct options of a 2-point question earns 0.5
        submit(token, attemptId).body("result.score", equalTo(0.5f));
        QuizAttemptGraded graded = EventTypes.QUIZ_ATTEMPT_GRADED.read(
                events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 1).get(0));
        assertEquals(4, graded.answers().size());
        QuizAttemptGraded.Answer multiple = answerTo(graded, "db-relational");
        assertAnswer(multiple, "multiple_choice", 5, 4, true, false);
        assertEquals(0.25, multiple.credit(), 1e-9);
        assertEquals(List.of(SeededSkills.id("relational-databases")), multiple.skillIds());
        assertAnswer(answerTo(graded, "db-clause-order"), "ordering", 5, 0, false, false);
        assertEquals(0.0, answerTo(graded, "db-clause-order").credit(), 1e-9);
        assertAnswer(answerTo(graded, "db-primary-key"), "true_false", 0, 0, true, false);
        assertAnswer(answerTo(graded, "db-acid"), "single_choice", 4, 1, false, false);
    }

    static QuizAttemptGraded.Answer answerTo(QuizAttemptGraded graded, String seededKey) {
        String id = seededQuestion(seededKey);
        List<QuizAttemptGraded.Answer> found = graded.answers().stream().filter(a -> a.questionId().toString().equals(id))
                .toList();
        assertEquals(1, found.size(), "answers to " + seededKey);
        return found.get(0);
    }

    static void assertAnswer(QuizAttemptGraded.Answer a, String type, int options, int correctOptions, boolean answered,
            boolean correct) {
        String what = a.questionId() + " (" + type + ")";
        assertEquals(type, a.questionType(), what);
        assertEquals(options, a.options(), what + " options");
        assertEquals(correctOptions, a.correctOptions(), what + " correctOptions");
        assertEquals(answered, a.answered(), what + " answered");
        assertEquals(correct, a.correct(), what + " correct");
    }

    @SuppressWarnings("unchecked")
    static int shownOptions(Map<String, Object> key) {
        List<Object> options = (List<Object>) key.get("options");
        return switch ((String) key.get("type")) {
            case "single_choice", "multiple_choice", "ordering" -> options.size();
            default -> 0;
        };
    }

    @SuppressWarnings("unchecked")
    static int correctOptions(Map<String, Object> key) {
        List<Map<String, Object>> options = (List<Map<String, Object>>) key.get("options");
        return switch ((String) key.get("type")) {
            case "single_choice", "multiple_choice" -> (int) options.stream()
                    .filter(o -> Boolean.TRUE.equals(o.get("correct"))).count();
            default -> 0;
        };
    }

    @Test
    void savingIsIdempotentAndTheLastSaveCounts() {
        String token = TestTokens.learner("learner-" + shortId());
        String quizId = publishedQuiz(Map.of(), "ap-404");
        String attemptId = start(token, quizId);
        String q = seededQuestion("ap-404");
        save(token, attemptId, q, Map.of("number", 500));
        save(token, attemptId, q, Map.of("number", 404));
        save(token, attemptId, q, Map.of("number", 404)); // a retry after a dropped connection
        as(token).get("/api/v1/attempts/" + attemptId).then().body("questions[0].answer.number", equalTo(404.0f))
                .body("questions[0].savedAt", notNullValue());
        submit(token, attemptId).body("result.score", equalTo(1.0f));
    }

    @Test
    void submittingTwiceGradesOnceAndAnnouncesOnce() {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String quizId = publishedQuiz(Map.of(), "gt-push", "gt-branch");
        String attemptId = start(token, quizId);
        save(token, attemptId, seededQuestion("gt-push"), Map.of("value", true));
        String gradedAt = submit(token, attemptId).extract().path("gradedAt");
        submit(token, attemptId).body("gradedAt", equalTo(gradedAt)).body("result.score", equalTo(1.0f));
        problem(as(token).body(Map.of("value", false)).put("/api/v1/attempts/" + attemptId + "/answers/"
                + seededQuestion("gt-branch")), 409).body("type", containsString("attempt-closed"));
        // a later event for the same learner proves the topic was read past any second one
        String other = start(token, quizId);
        submit(token, other);
        List<CloudEvent> all = events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 2);
        assertEquals(2, all.size());
        assertEquals(1, all.stream().filter(e -> e.subject().equals(attemptId)).count());
    }

    @Test
    void startingAgainReturnsTheOpenAttemptAndTheLimitIsEnforced() {
        String token = TestTokens.learner("learner-" + shortId());
        String quizId = publishedQuiz(Map.of("maxAttempts", 2), "gt-push");
        String first = start(token, quizId);
        as(token).post("/api/v1/quizzes/" + quizId + "/attempts").then().statusCode(200).body("id", equalTo(first));
        submit(token, first);
        String second = start(token, quizId);
        as(token).get("/api/v1/quizzes/" + quizId).then().statusCode(200).body("you.attemptsUsed", equalTo(2))
                .body("you.attemptsRemaining", equalTo(0)).body("you.openAttempt", equalTo(second));
        submit(token, second).body("number", equalTo(2));
        problem(as(token).post("/api/v1/quizzes/" + quizId + "/attempts"), 409)
                .body("type", containsString("attempt-limit")).body("detail", containsString("2 attempts"));
    }

    @Test
    void anAttemptPastItsDeadlineIsGradedWithWhatWasSavedAndRefusesAnswers() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 3), "ap-404", "ap-201");
        var started = as(token).post("/api/v1/quizzes/" + quizId + "/attempts").then().statusCode(201)
                .body("deadline", notNullValue()).extract();
        String attemptId = started.path("id");
        save(token, attemptId, seededQuestion("ap-404"), Map.of("number", 404));
        waitUntil(() -> "graded".equals(as(token).get("/api/v1/attempts/" + attemptId).then().statusCode(200)
                .extract().path("status")));
        as(token).get("/api/v1/attempts/" + attemptId).then().body("autoSubmitted", equalTo(true))
                .body("result.score", equalTo(1.0f)).body("result.maxScore", equalTo(2.0f));
        problem(as(token).body(Map.of("number", 201)).put("/api/v1/attempts/" + attemptId + "/answers/"
                + seededQuestion("ap-201")), 409).body("type", containsString("attempt-expired"));
        submit(token, attemptId).body("result.score", equalTo(1.0f));
        List<CloudEvent> graded = events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 1);
        assertEquals(1, graded.size());
        // graded at the deadline with what was saved: ap-404 answered, ap-201 never saved
        QuizAttemptGraded g = EventTypes.QUIZ_ATTEMPT_GRADED.read(graded.get(0));
        assertAnswer(answerTo(g, "ap-404"), "numeric", 0, 0, true, true);
        assertAnswer(answerTo(g, "ap-201"), "numeric", 0, 0, false, false);
    }

    @Test
    void theSweepGradesAnAbandonedAttempt() throws Exception {
        String learner = "learner-" + shortId();
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 1), "gt-push");
        start(TestTokens.learner(learner), quizId);
        // the list only reads; the scheduled sweep is what grades it
        waitUntil(() -> "graded".equals(as(TestTokens.admin()).get("/api/v1/learners/me/attempts?learner=" + learner)
                .then().statusCode(200).extract().path("items[0].status")));
        assertEquals(1, events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 1).size());
    }

    @Test
    void draftAndRetiredQuizzesTakeNoAttempts() {
        String token = TestTokens.learner("learner-" + shortId());
        String draft = as(AUTHOR).body(Map.of("title", "Draft " + shortId(), "questions", List.of(seededQuestion("gt-push"))))
                .post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        problem(as(token).post("/api/v1/quizzes/" + draft + "/attempts"), 404);
        problem(as(AUTHOR).post("/api/v1/quizzes/" + draft + "/attempts"), 409).body("type", containsString("quiz-not-published"));
        String quizId = publishedQuiz(Map.of(), "gt-push");
        String open = start(token, quizId);
        as(AUTHOR).delete("/api/v1/quizzes/" + quizId).then().statusCode(204);
        problem(as(token).post("/api/v1/quizzes/" + quizId + "/attempts"), 409).body("type", containsString("quiz-retired"));
        submit(token, open).body("status", equalTo("graded")); // an open attempt can still be finished
    }

    @Test
    void learnersReachOnlyTheirOwnAttempts() {
        String alice = "alice-" + shortId();
        String bob = "bob-" + shortId();
        String quizId = publishedQuiz(Map.of(), "gt-push");
        String attemptId = start(TestTokens.learner(alice), quizId);
        String bobToken = TestTokens.learner(bob);
        problem(as(bobToken).get("/api/v1/attempts/" + attemptId), 404);
        problem(as(bobToken).body(Map.of("value", true)).put("/api/v1/attempts/" + attemptId + "/answers/"
                + seededQuestion("gt-push")), 404);
        problem(as(bobToken).post("/api/v1/attempts/" + attemptId + "/submit"), 404);
        problem(as(bobToken).get("/api/v1/learners/me/attempts?learner=" + alice), 403);
        as(bobToken).get("/api/v1/learners/me/attempts").then().statusCode(200).body("total", equalTo(0));
        as(TestTokens.admin()).get("/api/v1/attempts/" + attemptId).then().statusCode(200).body("learnerId", equalTo(alice));
        // an admin reads it but cannot answer for alice or submit it: a 403 problem that changes nothing
        problem(as(TestTokens.admin()).body(Map.of("value", true)).put("/api/v1/attempts/" + attemptId + "/answers/"
                + seededQuestion("gt-push")), 403).body("detail", containsString("Only the learner who took attempt"));
        problem(as(TestTokens.admin()).post("/api/v1/attempts/" + attemptId + "/submit"), 403);
        as(TestTokens.learner(alice)).get("/api/v1/attempts/" + attemptId).then().statusCode(200)
                .body("status", equalTo("in_progress")).body("questions.answer", everyItem(nullValue()))
                .body("questions.savedAt", everyItem(nullValue()));
        as(TestTokens.admin()).get("/api/v1/learners/me/attempts?learner=" + alice).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(attemptId));
        as(TestTokens.learner(alice)).get("/api/v1/learners/me/attempts?quiz=" + quizId).then().statusCode(200)
                .body("items[0].quiz.id", equalTo(quizId)).body("items[0].result", nullValue());
    }

    @Test
    void reviewFollowsThePolicy() {
        String q = seededQuestion("gt-push");
        String never = publishedQuiz(Map.of("reviewPolicy", "never"), "gt-push");
        String token = TestTokens.learner("learner-" + shortId());
        String a = start(token, never);
        save(token, a, q, Map.of("value", true));
        submit(token, a).body("result.passed", equalTo(true)).body("reviewShown", equalTo(false))
                .body("questions[0].review", nullValue()).body("questions[0].answer.value", equalTo(true));

        String last = publishedQuiz(Map.of("reviewPolicy", "after_last_attempt", "maxAttempts", 2), "gt-push");
        String first = start(token, last);
        submit(token, first).body("reviewShown", equalTo(false)).body("questions[0].review", nullValue());
        String second = start(token, last);
        save(token, second, q, Map.of("value", true));
        submit(token, second).body("reviewShown", equalTo(true))
                .body("questions[0].review.correct", equalTo(true))
                .body("questions[0].review.correctAnswer.value", equalTo(true))
                .body("questions[0].review.credit", equalTo(1.0f));
        // now that no attempt is left, the first attempt can be reviewed too
        as(token).get("/api/v1/attempts/" + first).then().body("reviewShown", equalTo(true))
                .body("questions[0].review.correct", equalTo(false));
        // grading methods across attempts: highest of 0% and 100%
        as(token).get("/api/v1/quizzes/" + last).then().body("you.grade", equalTo(100.0f)).body("you.passed", equalTo(true));
    }

    @Test
    void aRandomDrawGivesTheCountFromTheSkillsPoolFixedAtTheStart() {
        String token = TestTokens.learner("learner-" + shortId());
        String quizId = seededQuiz("sql-quick-check");
        String attemptId = start(token, quizId);
        List<String> given = as(token).get("/api/v1/attempts/" + attemptId).then().statusCode(200)
                .body("questions", hasSize(3)).extract().path("questions.questionId");
        List<String> pool = as(AUTHOR).get("/api/v1/questions?skill=sql&size=100").then().statusCode(200)
                .extract().path("items.id");
        assertTrue(pool.containsAll(given), given + " not all in " + pool);
        assertEquals(given, as(token).get("/api/v1/attempts/" + attemptId).then().extract().path("questions.questionId"));
    }
}
