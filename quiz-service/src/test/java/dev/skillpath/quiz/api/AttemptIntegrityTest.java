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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
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

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> givenPassword;

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

    /**
     * A save that meets the deadline passed grades the attempt, and that grading commits though the save is refused:
     * the 409 tells the learner the time ran out, and the attempt is graded with what was saved before it, once.
     */
    @Test
    void aLateSaveByItsLearnerGradesTheAttemptWithoutItsAnswer() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 600), "gt-push", "gt-branch");
        String attemptId = start(token, quizId);
        save(token, attemptId, seededQuestion("gt-push"), Map.of("value", true));
        AttemptRows.expire(db, attemptId);

        String late = seededQuestion("gt-branch");
        problem(as(token).body(QuizTestSupport.correctAnswer(QuizTestSupport.question(late)))
                .put("/api/v1/attempts/" + attemptId + "/answers/" + late), 409)
                .body("type", org.hamcrest.Matchers.containsString("attempt-expired"));
        assertEquals(List.of("graded"), AttemptRows.statuses(db, learner));
        assertEquals(1, AttemptRows.gradedEvents(db, attemptId));
        as(token).get("/api/v1/attempts/" + attemptId).then().statusCode(200).body("autoSubmitted", equalTo(true))
                .body("result.score", equalTo(1.0f));
        // saving again: the same 409, nothing graded twice
        problem(as(token).body(Map.of("value", true)).put("/api/v1/attempts/" + attemptId + "/answers/" + late), 409)
                .body("type", org.hamcrest.Matchers.containsString("attempt-expired"));
        assertEquals(1, AttemptRows.gradedEvents(db, attemptId));
    }

    /** A start refused at the attempt limit still grades the learner's expired attempt, and that grading commits. */
    @Test
    void aStartRefusedAtTheLimitStillGradesTheExpiredAttempt() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String quizId = publishedQuiz(Map.of("timeLimitSeconds", 600, "maxAttempts", 1), "gt-push");
        String attemptId = start(token, quizId);
        save(token, attemptId, seededQuestion("gt-push"), Map.of("value", true));
        AttemptRows.expire(db, attemptId);

        problem(as(token).post("/api/v1/quizzes/" + quizId + "/attempts"), 409)
                .body("type", org.hamcrest.Matchers.containsString("attempt-limit"));
        assertEquals(List.of("graded"), AttemptRows.statuses(db, learner));
        assertEquals(1, AttemptRows.gradedEvents(db, attemptId));
        as(token).get("/api/v1/attempts/" + attemptId).then().statusCode(200).body("autoSubmitted", equalTo(true))
                .body("result.score", equalTo(1.0f));
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

    /** A quiz body with these settings and seeded questions, for creating it and for changing it. */
    static Map<String, Object> quiz(String title, Map<String, Object> settings, String... questionKeys) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("title", title);
        body.put("questions", java.util.Arrays.stream(questionKeys).map(QuizTestSupport::seededQuestion).toList());
        return body;
    }

    /**
     * An author loosens nothing and tightens everything of a published quiz while an attempt is open (review
     * never, a tenth of the time, one attempt): the attempt keeps its review, its deadline and its answers; an
     * attempt started after the change has the new ones, so the first half cannot pass by ignoring changes.
     */
    @Test
    void anOpenAttemptKeepsTheReviewAndDeadlineItStartedWithWhenTheQuizChanges() {
        String title = "Fixed at the start " + shortId();
        Map<String, Object> before = quiz(title, Map.of("reviewPolicy", "after_submit", "timeLimitSeconds", 600,
                "maxAttempts", 3), "gt-push");
        String quizId = as(AUTHOR).body(before).post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200);
        String token = TestTokens.learner("learner-" + shortId());
        String attemptId = start(token, quizId);
        String deadline = as(token).get("/api/v1/attempts/" + attemptId).then().statusCode(200)
                .body("reviewPolicy", equalTo("after_submit")).extract().path("deadline");

        as(AUTHOR).body(quiz(title, Map.of("reviewPolicy", "never", "timeLimitSeconds", 60, "maxAttempts", 1),
                "gt-push")).put("/api/v1/quizzes/" + quizId).then().statusCode(200)
                .body("reviewPolicy", equalTo("never")).body("timeLimitSeconds", equalTo(60));

        save(token, attemptId, seededQuestion("gt-push"), Map.of("value", true));
        submit(token, attemptId).body("reviewPolicy", equalTo("after_submit")).body("deadline", equalTo(deadline))
                .body("reviewShown", equalTo(true)).body("questions[0].review.correct", equalTo(true))
                .body("questions[0].review.correctAnswer.value", equalTo(true));
        as(token).get("/api/v1/attempts/" + attemptId).then().body("reviewShown", equalTo(true))
                .body("questions[0].review", notNullValue());

        // started after the change: the new policy and time limit
        String later = TestTokens.learner("learner-" + shortId());
        String laterId = start(later, quizId);
        String startedAt = as(later).get("/api/v1/attempts/" + laterId).then().body("reviewPolicy", equalTo("never"))
                .extract().path("startedAt");
        String laterDeadline = as(later).get("/api/v1/attempts/" + laterId).then().extract().path("deadline");
        assertEquals(Duration.ofSeconds(60), Duration.between(OffsetDateTime.parse(startedAt),
                OffsetDateTime.parse(laterDeadline)));
        save(later, laterId, seededQuestion("gt-push"), Map.of("value", true));
        submit(later, laterId).body("reviewShown", equalTo(false)).body("questions[0].review", nullValue());
    }

    /** The other way: a quiz whose review was ruled out at the start does not show it after an author allows it. */
    @Test
    void aReviewRuledOutAtTheStartStaysHiddenWhenTheQuizAllowsItLater() {
        String title = "Never reviewed " + shortId();
        String quizId = as(AUTHOR).body(quiz(title, Map.of("reviewPolicy", "never"), "gt-push")).post("/api/v1/quizzes")
                .then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200);
        String token = TestTokens.learner("learner-" + shortId());
        String attemptId = start(token, quizId);
        as(AUTHOR).body(quiz(title, Map.of("reviewPolicy", "after_submit"), "gt-push")).put("/api/v1/quizzes/" + quizId)
                .then().statusCode(200);
        submit(token, attemptId).body("reviewPolicy", equalTo("never")).body("reviewShown", equalTo(false))
                .body("questions[0].review", nullValue());
        as(token).get("/api/v1/attempts/" + attemptId).then().body("reviewShown", equalTo(false));
    }

    /**
     * {@code after_last_attempt} keeps its meaning when the limit changes: the review appears once the learner
     * can start no attempt under the quiz as it is, not by the limit at the start (which, raised, would show the
     * answers to a learner who may try again).
     */
    @Test
    void afterTheLastAttemptIsJudgedByTheAttemptsTheLearnerCanStillStart() {
        String title = "Last attempt " + shortId();
        String quizId = as(AUTHOR).body(quiz(title, Map.of("reviewPolicy", "after_last_attempt", "maxAttempts", 1),
                "gt-push")).post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200);
        String token = TestTokens.learner("learner-" + shortId());
        String first = start(token, quizId);
        as(AUTHOR).body(quiz(title, Map.of("reviewPolicy", "after_last_attempt", "maxAttempts", 2), "gt-push"))
                .put("/api/v1/quizzes/" + quizId).then().statusCode(200);
        // its own limit (1) is used up, but the learner may start a second: hidden
        submit(token, first).body("reviewShown", equalTo(false));
        String second = start(token, quizId);
        submit(token, second).body("reviewShown", equalTo(true));
        as(token).get("/api/v1/attempts/" + first).then().body("reviewShown", equalTo(true));
    }

    /**
     * The migration fills the column for attempts that exist: on a schema of the first migration with one quiz and
     * one attempt, the second copies the quiz's review policy onto the attempt and makes the column required.
     * Connections of its own (not the pool's), as they leave with another search path.
     */
    @Test
    void theMigrationBackFillsTheReviewPolicyOfExistingAttempts() throws Exception {
        String schema = "backfill_" + shortId();
        String password = givenPassword.orElse("");
        Flyway.configure().dataSource(url, user, password).schemas(schema).locations("classpath:db/migration")
                .target("1").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
            s.execute("insert into quiz (id, title, skill_ids, status, pass_mark, grading_method, review_policy,"
                    + " created_by) values ('00000000-0000-0000-0000-000000000001', 'Old', '{}', 'published', 50,"
                    + " 'highest', 'after_last_attempt', 'someone')");
            s.execute("insert into attempt (id, quiz_id, learner_id, number, status, started_at, max_score, pass_mark)"
                    + " values ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001',"
                    + " 'learner', 1, 'graded', now(), 1, 50)");
        }
        Flyway.configure().dataSource(url, user, password).schemas(schema).locations("classpath:db/migration").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
            try (ResultSet r = s.executeQuery("select review_policy from attempt")) {
                r.next();
                assertEquals("after_last_attempt", r.getString(1));
            }
            org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> s.execute(
                    "update attempt set review_policy = null"));
            s.execute("drop schema " + schema + " cascade");
        }
    }
}
