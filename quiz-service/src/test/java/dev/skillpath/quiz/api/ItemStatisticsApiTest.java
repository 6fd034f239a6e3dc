package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.problem;
import static dev.skillpath.quiz.api.QuizTestSupport.publishedQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.save;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuestion;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.start;
import static dev.skillpath.quiz.api.QuizTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Item statistics over a known set of first attempts (the same set as the unit test, through the API). */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class ItemStatisticsApiTest {

    // three true/false questions: nodejs is true, array-index is true, primary-key is false
    static final String Q1 = seededQuestion("bb-nodejs");
    static final String Q2 = seededQuestion("ds-array-index");
    static final String Q3 = seededQuestion("db-primary-key");

    @Test
    void facilityDiscriminationAndFlagsFromFirstAttemptsOnly() {
        String quizId = publishedQuiz(Map.of("passMark", 60), "bb-nodejs", "ds-array-index", "db-primary-key");
        as(AUTHOR).get("/api/v1/quizzes/" + quizId + "/statistics").then().statusCode(200)
                .body("attempts", equalTo(0)).body("questions", hasSize(0)).body("averagePercentage", nullValue());
        // right/wrong per learner: (1,1,0), (1,1,0), (1,0,1), (1,0,0)
        String first = take(quizId, true, true, false);
        take(quizId, true, true, false);
        take(quizId, true, false, true);
        take(quizId, true, false, false);
        // a second attempt by the first learner is not counted
        String token = TestTokens.learner(first);
        String again = start(token, quizId);
        submit(token, again);

        var stats = as(AUTHOR).get("/api/v1/quizzes/" + quizId + "/statistics").then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertEquals(58.33,
                stats.extract().jsonPath().getDouble("averagePercentage"), 0.011);
        stats.body("attempts", equalTo(4))
                .body("passRate", equalTo(0.75f))
                .body("thresholds.tooEasyAbove", equalTo(0.9f))
                .body("questions.questionId", contains(Q1, Q2, Q3))
                .body("questions.position", contains(1, 2, 3))
                .body("questions.attempts", contains(4, 4, 4))
                .body("questions.facility", contains(1.0f, 0.5f, 0.25f))
                .body("questions[0].discrimination", nullValue())
                .body("questions[1].discrimination", equalTo(-0.5774f))
                .body("questions[2].discrimination", equalTo(-0.5774f))
                .body("questions[0].flags", contains("too-easy"))
                .body("questions[1].flags", contains("poor-discrimination"))
                .body("questions[2].flags", contains("poor-discrimination"));
    }

    @Test
    void onlyAuthorsAndAdminsSeeStatistics() {
        String quizId = QuizTestSupport.seededQuiz("git");
        problem(given().get("/api/v1/quizzes/" + quizId + "/statistics"), 401);
        problem(as(TestTokens.learner("l-" + shortId())).get("/api/v1/quizzes/" + quizId + "/statistics"), 403);
        as(TestTokens.admin()).get("/api/v1/quizzes/" + quizId + "/statistics").then().statusCode(200);
        problem(as(AUTHOR).get("/api/v1/quizzes/not-a-uuid/statistics"), 404);
        problem(as(AUTHOR).get("/api/v1/quizzes/" + java.util.UUID.randomUUID() + "/statistics"), 404);
    }

    /** One learner's first attempt: each question answered right or wrong. Returns the learner id. */
    private static String take(String quizId, boolean q1, boolean q2, boolean q3) {
        String learner = "stats-" + shortId();
        String token = TestTokens.learner(learner);
        String attempt = start(token, quizId);
        save(token, attempt, Q1, Map.of("value", q1));
        save(token, attempt, Q2, Map.of("value", q2));
        save(token, attempt, Q3, Map.of("value", !q3));
        submit(token, attempt);
        return learner;
    }
}
