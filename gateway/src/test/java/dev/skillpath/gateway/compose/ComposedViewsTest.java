package dev.skillpath.gateway.compose;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.proxy.StubServices;
import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The composed views against stub services that answer with canned data for {@code dash-*} subjects
 * (see {@link StubServices}); the test profile gives each service call 500 ms.
 */
@QuarkusTest
@WithTestResource(StubServices.class)
class ComposedViewsTest {

    @Test
    void theDashboardComposesEveryService() {
        given().auth().oauth2(Tokens.learner("dash-ok"))
                .when().get("/api/v1/me/dashboard")
                .then().statusCode(200)
                .contentType("application/json")
                .header("X-Request-Id", notNullValue())
                .body("learnerId", equalTo("dash-ok"))
                .body("mastery.skills", equalTo(6))
                .body("mastery.mastered", equalTo(2))
                .body("mastery.items.skill.slug", contains("html", "css", "java", "git-basics", "sql"))
                .body("frontier.skill.slug", contains("relational-databases", "apis", "servers", "queues"))
                // 3 per frontier skill, 10 in all, in the frontier's order
                .body("nextLessons", hasSize(10))
                .body("nextLessons.slug[0]", equalTo("relational-databases-lesson-1"))
                .body("nextLessons.forSkill[3]", equalTo("apis"))
                .body("nextQuizzes", hasSize(8))
                .body("recentAttempts", hasSize(5))
                .body("degraded", empty());
    }

    @Test
    void aSlowServiceIsNamedInDegradedAndTheRestArrivesInTime() {
        long started = System.nanoTime();
        given().auth().oauth2(Tokens.learner("dash-quiz-slow"))
                .when().get("/api/v1/me/dashboard")
                .then().statusCode(200)
                .body("degraded", contains("quiz-service"))
                .body("nextQuizzes", empty())
                .body("recentAttempts", empty())
                .body("mastery.skills", equalTo(6))
                .body("nextLessons", hasSize(10));
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Two rounds of calls (frontier, then lessons and quizzes) of at most 500 ms each; the stub takes 2 s.
        assertTrue(millis < 1_800, "took " + millis + " ms");
    }

    @Test
    void aFailingServiceIsNamedInDegraded() {
        given().auth().oauth2(Tokens.learner("dash-skills-fail"))
                .when().get("/api/v1/me/dashboard")
                .then().statusCode(200)
                .body("degraded", contains("skills-service"))
                .body("mastery", nullValue())
                .body("frontier", empty())
                .body("nextLessons", empty())
                .body("recentAttempts", hasSize(5));
        given().auth().oauth2(Tokens.learner("dash-content-fail"))
                .when().get("/api/v1/me/dashboard")
                .then().statusCode(200)
                .body("degraded", contains("content-service"))
                .body("nextLessons", empty())
                .body("nextQuizzes", hasSize(8));
    }

    @Test
    void theLearningPathHasLessonsAndQuizzesPerStep() {
        given().auth().oauth2(Tokens.learner("dash-ok"))
                .when().get("/api/v1/me/path/graphs")
                .then().statusCode(200)
                .body("target.slug", equalTo("graphs"))
                .body("steps.skill.slug", contains("http", "apis", "graphs"))
                .body("steps.lessons", everyItem(hasSize(3)))
                .body("steps[2].lessons.slug", contains("graphs-lesson-1", "graphs-lesson-2", "graphs-lesson-3"))
                .body("steps[0].quizzes.slug", contains("http-quiz-1", "http-quiz-2"))
                .body("degraded", empty());
        given().auth().oauth2(Tokens.learner("dash-quiz-fail"))
                .when().get("/api/v1/me/path/graphs")
                .then().statusCode(200)
                .body("degraded", contains("quiz-service"))
                .body("steps.quizzes", everyItem(empty()));
    }

    @Test
    void theLearningPathPassesTheServicesAnswersOn() {
        given().auth().oauth2(Tokens.learner("dash-ok"))
                .when().get("/api/v1/me/path/no-such-skill")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No skill no-such-skill"));
        given().auth().oauth2(Tokens.learner("dash-skills-slow"))
                .when().get("/api/v1/me/path/graphs")
                .then().statusCode(504)
                .body("type", equalTo("https://skillpath.dev/problems/gateway-timeout"));
        given().auth().oauth2(Tokens.learner("dash-ok")).when().post("/api/v1/me/dashboard").then().statusCode(405);
    }
}
