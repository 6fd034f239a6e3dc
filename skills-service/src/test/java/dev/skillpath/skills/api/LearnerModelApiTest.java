package dev.skillpath.skills.api;

import static dev.skillpath.skills.api.ProgressStream.answer;
import static dev.skillpath.skills.api.ProgressStream.estimates;
import static dev.skillpath.skills.api.ProgressStream.graded;
import static dev.skillpath.skills.api.ProgressStream.observations;
import static dev.skillpath.skills.api.ProgressStream.waitUntil;
import static dev.skillpath.skills.api.SkillCatalogueTest.problem;
import static dev.skillpath.skills.api.SkillCatalogueTest.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.skills.domain.MasteryTracker;
import dev.skillpath.skills.domain.ModelInForce;
import dev.skillpath.skills.store.ModelStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Refits of the learner model through the API, the replay that follows, and the model's read endpoints. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LearnerModelApiTest {

    private static final UUID GIT = SeededSkills.id("git");
    private static final UUID VCS = SeededSkills.id("version-control-concepts");
    private static final UUID SQL = SeededSkills.id("sql");
    private static final UUID HTTP = SeededSkills.id("http");
    private static final UUID REST = SeededSkills.id("rest-apis");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ModelStore store;

    @Inject
    ModelInForce model;

    @Inject
    MasteryTracker tracker;

    ProgressStream stream;

    @BeforeEach
    void stream() throws Exception {
        stream = new ProgressStream(bootstrap);
        stream.awaitConsumer();
    }

    /** The same answers (same questions) as two attempts; a fresh event id each time this is called. */
    private static List<List<QuizAttemptGraded.Answer>> history() {
        UUID q1 = UUID.nameUUIDFromBytes("test-q1".getBytes());
        UUID q2 = UUID.nameUUIDFromBytes("test-q2".getBytes());
        UUID q3 = UUID.nameUUIDFromBytes("test-q3".getBytes());
        UUID q4 = UUID.nameUUIDFromBytes("test-q4".getBytes());
        return List.of(
                List.of(answer(q1, "single_choice", 4, true, GIT), answer(q2, "ordering", 4, false, GIT, VCS),
                        answer(q3, "numeric", 0, true, SQL), answer(q4, "true_false", 0, true, HTTP, REST)),
                List.of(answer(q1, "single_choice", 4, true, GIT), answer(q2, "ordering", 4, true, GIT, VCS),
                        answer(q3, "numeric", 0, false, SQL)));
    }

    private void play(String learner) throws Exception {
        for (List<QuizAttemptGraded.Answer> attempt : history()) {
            stream.send(graded(learner, attempt));
        }
        try {
            waitUntil(() -> observations(learner, "git") == 4 && observations(learner, "sql") == 2);
        } catch (AssertionError e) {
            throw new AssertionError(learner + " has " + given().auth().oauth2(TestTokens.admin())
                    .get("/api/v1/learners/me/mastery?learner=" + learner).asString(), e);
        }
    }

    @Test
    @Order(3)
    void aReplayAfterARefitGivesWhatAFreshConsumerOfTheSameEventsGives() throws Exception {
        String first = "replayed-" + shortId();
        play(first);
        // population data for the fit: a few more learners with the same questions
        for (int i = 0; i < 3; i++) {
            play("population-" + shortId());
        }
        Map<String, Float> before = estimates(first);

        problem(given().auth().oauth2(TestTokens.learner(first)).post("/api/v1/learner-model/fits"), 403);
        problem(given().auth().oauth2(TestTokens.author()).post("/api/v1/learner-model/fits"), 403);
        problem(given().post("/api/v1/learner-model/fits"), 401);

        var accepted = given().auth().oauth2(TestTokens.admin()).post("/api/v1/learner-model/fits").then()
                .statusCode(202).body("status", equalTo("running")).extract();
        long fitId = ((Number) accepted.path("id")).longValue();
        assertEquals("/api/v1/learner-model/fits/" + fitId, java.net.URI.create(accepted.header("Location")).getPath());
        waitUntil(() -> "applied".equals(given().auth().oauth2(TestTokens.author())
                .get("/api/v1/learner-model/fits/" + fitId).then().statusCode(200).extract().path("fit.status")));
        waitUntil(() -> QuarkusTransaction.requiringNew().call(() -> store.learnerFit(first)) == fitId);

        given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits/" + fitId).then()
                .body("fit.learners", greaterThan(3)).body("fit.observations", greaterThan(27))
                .body("fit.iterations", greaterThan(0)).body("skills.find { it.skill.slug == 'git' }.observations",
                        greaterThan(15));
        float spread = given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits/" + fitId).then()
                .extract().path("fit.abilitySpread");
        assertNotEquals(1.0f, spread, "the fit moved the ability spread from its default (else this proves nothing)");
        given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model").then().statusCode(200)
                .body("fit.id", equalTo((int) fitId))
                // the parameters in force are the fit's, the ability spread and the emission's included
                .body("abilitySpread", equalTo(spread))
                .body("compensation", equalTo(given().auth().oauth2(TestTokens.author())
                        .get("/api/v1/learner-model/fits/" + fitId).then().extract().path("fit.compensation")))
                .body("abilityEffect", equalTo(given().auth().oauth2(TestTokens.author())
                        .get("/api/v1/learner-model/fits/" + fitId).then().extract().path("fit.abilityEffect")))
                .body("skills", hasSize(model.current().graph().size()));
        // the skill API shows the fitted values, what they rest on and when
        given().get("/api/v1/skills/git").then().statusCode(200)
                .body("knowledgeTracing.source", equalTo("fitted"))
                .body("knowledgeTracing.fit.id", equalTo((int) fitId))
                .body("knowledgeTracing.fit.observations", greaterThan(15))
                .body("knowledgeTracing.fit.fittedAt", not(equalTo(null)));
        // the fitted parameters of a question
        given().auth().oauth2(TestTokens.author())
                .get("/api/v1/learner-model/items?question=" + UUID.nameUUIDFromBytes("test-q1".getBytes())).then()
                .statusCode(200).body("", hasSize(1)).body("[0].questionType", equalTo("single_choice"))
                .body("[0].observations", greaterThan(7));

        // a learner who arrives now, with the same answers, is applied by the consumer with the new parameters
        String fresh = "fresh-" + shortId();
        play(fresh);
        Map<String, Float> replayed = estimates(first);
        assertEquals(replayed, estimates(fresh), "replay = a fresh consumer of the same events");
        assertNotEquals(before, replayed, "the refit changed the estimates (else this test proves nothing)");
        // the evidence behind an estimate is replayed too: the same lines, the same moves
        List<Float> firstMoves = given().auth().oauth2(TestTokens.learner(first))
                .get("/api/v1/learners/me/mastery/git/evidence").then().extract().path("items.change");
        List<Float> freshMoves = given().auth().oauth2(TestTokens.learner(fresh))
                .get("/api/v1/learners/me/mastery/git/evidence").then().extract().path("items.change");
        assertEquals(firstMoves, freshMoves);
        // and so is each mastered skill's memory (its dates are the events' own, so only what they leave)
        String memories = "skills.findAll { it.memory != null }.collect { [it.skill.slug, it.memory.reviews,"
                + " it.memory.lapses, it.memory.stability, it.memory.difficulty] }";
        Object firstMemory = given().auth().oauth2(TestTokens.learner(first)).get("/api/v1/learners/me/mastery").then()
                .extract().path(memories);
        assertFalse(((List<?>) firstMemory).isEmpty(), "the history masters a skill (else this proves nothing)");
        assertEquals(firstMemory, given().auth().oauth2(TestTokens.learner(fresh)).get("/api/v1/learners/me/mastery")
                .then().extract().path(memories));

        // replaying again changes nothing: the learner is at the fit in force
        assertFalse(tracker.replay(first));
        QuarkusTransaction.requiringNew().run(() -> store.setLearnerFit(first, -1));
        assertTrue(tracker.replay(first));
        assertEquals(replayed, estimates(first), "a replay is idempotent");
    }

    @Test
    @Order(2)
    void onlyOneFitRunsAtATime() {
        Optional<Long> one = QuarkusTransaction.requiringNew().call(() -> store.startFit("test", Duration.ofHours(1)));
        try {
            assertTrue(one.isPresent());
            Optional<Long> two = QuarkusTransaction.requiringNew().call(() -> store.startFit("test", Duration.ofHours(1)));
            assertTrue(two.isEmpty(), "a second fit does not start while one runs");
            problem(given().auth().oauth2(TestTokens.admin()).post("/api/v1/learner-model/fits"), 409);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> store.failFit(one.get(), "test"));
        }
        given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits/" + one.get()).then()
                .statusCode(200).body("fit.status", equalTo("failed")).body("fit.error", equalTo("test"));
    }

    @Test
    @Order(1)
    void badInputToTheModelEndpointsIsAProblemAndChangesNothing() {
        int fits = given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits").then().statusCode(200)
                .extract().path("size()");
        problem(given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits/abc"), 400);
        problem(given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits/0"), 400);
        problem(given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits/99999999"), 404);
        problem(given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/items?question=nope"), 400);
        problem(given().auth().oauth2(TestTokens.learner("l-" + shortId())).get("/api/v1/learner-model"), 403);
        problem(given().get("/api/v1/learner-model/fits"), 401);
        String learner = "l-" + shortId();
        problem(given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery/no-such-skill/evidence"), 404);
        problem(given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery/git/evidence?size=0"), 400);
        problem(given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery/git/evidence?page=x"), 400);
        assertEquals(fits, (int) given().auth().oauth2(TestTokens.author()).get("/api/v1/learner-model/fits").then()
                .extract().path("size()"));
    }
}
