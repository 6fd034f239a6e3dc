package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.catalogueKnows;
import static dev.skillpath.quiz.api.QuizTestSupport.publishedQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.save;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuestion;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Requests that race each other on the same rows, really at once (a barrier releases them together), many rounds:
 * each answers as the race deserves (the same 200, a 201 for the one that created, a 409 problem) and never a 5xx,
 * and the database holds what one order of them would have left: one grading, one event, distinct versions.
 */
@QuarkusTest
@TestProfile(NoSweepProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class RacesTest {

    static final int ROUNDS = 12;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ObjectMapper json = new ObjectMapper();

    /** Four starts that all find the learner's previous attempt past its deadline: it is graded once. */
    @Test
    void startsThatMeetTheSameExpiredAttemptGradeItOnce() throws Exception {
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 600), "gt-push", "gt-branch");
        List<Race.Answer> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String learner = "racer-" + shortId();
            String token = TestTokens.learner(learner);
            String first = start(token, quizId);
            save(token, first, seededQuestion("gt-push"), Map.of("value", true));
            expire(first);
            List<Race.Answer> answers = Race.run(IntStream.range(0, 4)
                    .mapToObj(i -> Race.Call.of(base, "POST", "api/v1/quizzes/" + quizId + "/attempts", token, null))
                    .toList());
            answers.stream().filter(Race.Answer::serverError).forEach(failures::add);
            if (answers.stream().anyMatch(Race.Answer::serverError)) {
                continue; // counted; the round's state is not what this test is about any more
            }
            Set<String> opened = new HashSet<>();
            int created = 0;
            for (Race.Answer a : answers) {
                assertTrue(a.status() == 201 || a.status() == 200, a.toString());
                created += a.status() == 201 ? 1 : 0;
                opened.add(json.readTree(a.body()).get("id").asText());
            }
            assertEquals(1, created, "one start creates the second attempt: " + answers);
            assertEquals(1, opened.size(), "every start answers with that attempt: " + answers);
            assertEquals(List.of("graded", "in_progress"), statuses(learner), "the first graded, the second open");
            assertEquals(1, gradedEvents(first), "one graded event for the expired attempt");
        }
        assertEquals(List.of(), failures, failures.size() + " of " + (4 * ROUNDS) + " racing starts failed");
    }

    /**
     * Every way of meeting an expired attempt at once (its learner reading it twice, saving, submitting, starting
     * again twice): one grading, one event; the reads and the submit see it graded, the save is refused as expired.
     */
    @Test
    void everyPathToAnExpiredAttemptAtOnceGradesItOnce() throws Exception {
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 600), "gt-push", "gt-branch");
        String branch = seededQuestion("gt-branch");
        List<Race.Answer> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String learner = "racer-" + shortId();
            String token = TestTokens.learner(learner);
            String first = start(token, quizId);
            save(token, first, seededQuestion("gt-push"), Map.of("value", true));
            expire(first);
            List<Race.Answer> answers = Race.run(List.of(
                    Race.Call.of(base, "GET", "api/v1/attempts/" + first, token, null),
                    Race.Call.of(base, "GET", "api/v1/attempts/" + first, token, null),
                    Race.Call.of(base, "PUT", "api/v1/attempts/" + first + "/answers/" + branch, token, "{\"value\": true}"),
                    Race.Call.of(base, "POST", "api/v1/attempts/" + first + "/submit", token, null),
                    Race.Call.of(base, "POST", "api/v1/quizzes/" + quizId + "/attempts", token, null),
                    Race.Call.of(base, "POST", "api/v1/quizzes/" + quizId + "/attempts", token, null)));
            answers.stream().filter(Race.Answer::serverError).forEach(failures::add);
            if (answers.stream().anyMatch(Race.Answer::serverError)) {
                continue;
            }
            for (int i : List.of(0, 1, 3)) {
                assertEquals(200, answers.get(i).status(), answers.get(i).toString());
                JsonNode view = json.readTree(answers.get(i).body());
                assertEquals("graded", view.get("status").asText(), answers.get(i).toString());
                assertTrue(view.get("autoSubmitted").asBoolean(), answers.get(i).toString());
                assertEquals(1.0, view.get("result").get("score").asDouble(), 1e-9, "graded with what was saved");
            }
            assertEquals(409, answers.get(2).status(), answers.get(2).toString());
            assertTrue(answers.get(2).body().contains("attempt-expired"), answers.get(2).toString());
            assertEquals(Set.of(200, 201), Set.of(answers.get(4).status(), answers.get(5).status()), answers.toString());
            assertEquals(1, gradedEvents(first), "one graded event for the expired attempt");
            assertEquals(List.of("graded", "in_progress"), statuses(learner));
        }
        assertEquals(List.of(), failures, failures.size() + " of " + (6 * ROUNDS) + " racing requests failed");
    }

    /**
     * Authors editing an attempted question at the same moment as learners start the quiz that gives it: every
     * edit is a 200, version numbers stay distinct and contiguous, and each attempt still shows exactly the
     * version it was given (a version an attempt got is never edited in place afterwards).
     */
    @Test
    void editsOfOneQuestionAtOnceMakeDistinctVersionsAndAttemptsKeepTheirs() throws Exception {
        catalogueKnows(bootstrap, "sql");
        String questionId = as(AUTHOR).body(single("Race v1 " + shortId())).post("/api/v1/questions").then()
                .statusCode(201).extract().path("id");
        String quizId = as(AUTHOR).body(Map.of("title", "Race " + shortId(), "questions", List.of(questionId)))
                .post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200);
        start(TestTokens.learner("racer-" + shortId()), quizId); // version 1 is attempted: the next edit is a new version
        List<Race.Answer> failures = new ArrayList<>();
        Map<String, String> shownPrompt = new HashMap<>(); // attempt id → the prompt it showed, by version
        Map<String, Integer> shownVersion = new HashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Race.Call> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(Race.Call.of(base, "PUT", "api/v1/questions/" + questionId, AUTHOR,
                        json.writeValueAsString(single("Round " + round + " edit " + i))));
                calls.add(Race.Call.of(base, "POST", "api/v1/quizzes/" + quizId + "/attempts",
                        TestTokens.learner("racer-" + shortId()), null));
            }
            List<Race.Answer> answers = Race.run(calls);
            for (Race.Answer a : answers) {
                if (a.serverError()) {
                    failures.add(a);
                } else if (a.what().startsWith("PUT")) {
                    assertEquals(200, a.status(), a.toString());
                } else {
                    assertEquals(201, a.status(), a.toString());
                    JsonNode q = json.readTree(a.body()).get("questions").get(0);
                    String attemptId = json.readTree(a.body()).get("id").asText();
                    shownPrompt.put(attemptId, q.get("prompt").asText());
                    shownVersion.put(attemptId, q.get("questionVersion").asInt());
                }
            }
        }
        List<Integer> versions = as(AUTHOR).get("/api/v1/questions/" + questionId + "/versions").then().statusCode(200)
                .extract().path("version");
        assertEquals(IntStream.rangeClosed(1, versions.size()).boxed().toList(), versions, "distinct, contiguous");
        for (var shown : shownVersion.entrySet()) {
            String prompt = as(AUTHOR).get("/api/v1/questions/" + questionId + "?version=" + shown.getValue()).then()
                    .statusCode(200).extract().path("prompt");
            assertEquals(shownPrompt.get(shown.getKey()), prompt, "attempt " + shown.getKey() + " kept its version");
        }
        assertEquals(List.of(), failures, failures.size() + " of " + (6 * ROUNDS) + " racing requests failed");
    }

    static Map<String, Object> single(String prompt) {
        return Map.of("type", "single_choice", "prompt", prompt, "skills", List.of("sql"), "options",
                List.of(Map.of("text", "SELECT", "correct", true), Map.of("text", "INSERT", "correct", false)));
    }

    private void expire(String attemptId) throws SQLException {
        AttemptRows.expire(db, attemptId);
    }

    private List<String> statuses(String learner) throws SQLException {
        return AttemptRows.statuses(db, learner);
    }

    private int gradedEvents(String attemptId) throws SQLException {
        return AttemptRows.gradedEvents(db, attemptId);
    }
}
