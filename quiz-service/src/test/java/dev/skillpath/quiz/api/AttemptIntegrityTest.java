package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.problem;
import static dev.skillpath.quiz.api.QuizTestSupport.publishedQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.save;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuestion;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.start;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What an attempt is and who may move it on: only a caller who reaches an attempt can make a read or a save grade
 * it, and what it depends on is fixed when it starts. The sweep is off, so an expired attempt stays ungraded
 * until a request of the test meets it.
 */
@QuarkusTest
@TestProfile(NoSweepProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class AttemptIntegrityTest {

    @Inject
    DataSource db;

    @Test
    void anExpiredAttemptIsGradedOnlyForACallerWhoReachesIt() throws Exception {
        String alice = "alice-" + shortId();
        String aliceToken = TestTokens.learner(alice);
        String bobToken = TestTokens.learner("bob-" + shortId());
        String admin = TestTokens.admin();
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 600), "gt-push", "gt-branch");
        String attemptId = start(aliceToken, quizId);
        save(aliceToken, attemptId, seededQuestion("gt-push"), Map.of("value", true));
        AttemptRows.expire(db, attemptId);

        // another learner: the 404 of a wrong id, for a read, a save and a submit, and the attempt is as it was
        String answer = "/api/v1/attempts/" + attemptId + "/answers/" + seededQuestion("gt-branch");
        problem(as(bobToken).get("/api/v1/attempts/" + attemptId), 404);
        problem(as(bobToken).body(Map.of("value", true)).put(answer), 404);
        problem(as(bobToken).post("/api/v1/attempts/" + attemptId + "/submit"), 404);
        // an admin may read it but not save or submit: those 403s change nothing either
        problem(as(admin).body(Map.of("value", true)).put(answer), 403);
        problem(as(admin).post("/api/v1/attempts/" + attemptId + "/submit"), 403);
        assertEquals(List.of("in_progress"), AttemptRows.statuses(db, alice));
        assertEquals(null, AttemptRows.column(db, attemptId, "graded_at"));
        assertEquals(0, AttemptRows.gradedEvents(db, attemptId), "no graded event was written for them");

        // its learner's read grades it, with what was saved, once
        as(aliceToken).get("/api/v1/attempts/" + attemptId).then().statusCode(200).body("status", equalTo("graded"))
                .body("autoSubmitted", equalTo(true)).body("result.score", equalTo(1.0f));
        as(aliceToken).get("/api/v1/attempts/" + attemptId).then().statusCode(200).body("status", equalTo("graded"));
        assertEquals(1, AttemptRows.gradedEvents(db, attemptId));
    }

    @Test
    void anAdminsReadGradesAnExpiredAttemptAsItsLearnersWould() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 600), "gt-push");
        String attemptId = start(token, quizId);
        AttemptRows.expire(db, attemptId);
        as(TestTokens.admin()).get("/api/v1/attempts/" + attemptId).then().statusCode(200)
                .body("status", equalTo("graded")).body("autoSubmitted", equalTo(true));
        assertEquals(1, AttemptRows.gradedEvents(db, attemptId));
        // and the learner's save is refused as expired, the event not repeated
        problem(as(token).body(Map.of("value", true)).put("/api/v1/attempts/" + attemptId + "/answers/"
                + seededQuestion("gt-push")), 409).body("type", org.hamcrest.Matchers.containsString("attempt-expired"));
        assertEquals(1, AttemptRows.gradedEvents(db, attemptId));
    }
}
