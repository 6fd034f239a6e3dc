package dev.skillpath.skills.api;

import static dev.skillpath.skills.api.SkillCatalogueTest.problem;
import static dev.skillpath.skills.api.SkillCatalogueTest.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.skillpath.skills.api.ProgressStream.answer;
import static dev.skillpath.skills.api.ProgressStream.estimates;
import static dev.skillpath.skills.api.ProgressStream.event;
import static dev.skillpath.skills.api.ProgressStream.field;
import static dev.skillpath.skills.api.ProgressStream.graded;
import static dev.skillpath.skills.api.ProgressStream.gradedV1;
import static dev.skillpath.skills.api.ProgressStream.observations;
import static dev.skillpath.skills.api.ProgressStream.round;
import static dev.skillpath.skills.api.ProgressStream.steps;
import static dev.skillpath.skills.api.ProgressStream.waitUntil;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizAttemptGradedV1;
import dev.skillpath.skills.domain.MasteryTracker;
import dev.skillpath.skills.domain.ModelInForce;
import dev.skillpath.events.payload.SkillMasteryChanged;
import dev.skillpath.platform.catalog.SeededSkills;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Progress events on the real topic become the learner model's estimates, announced once per event. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@SuppressWarnings("unchecked")
class MasteryFlowTest {

    private static final Duration WAIT = ProgressStream.WAIT;
    private static final UUID BINARY_SEARCH = SeededSkills.id("binary-search");
    private static final UUID GIT = SeededSkills.id("git");

    private static final UUID HTTP = SeededSkills.id("http");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ModelInForce model;

    ProgressStream stream;

    @BeforeEach
    void stream() throws Exception {
        stream = new ProgressStream(bootstrap);
        stream.awaitConsumer();
    }

    @Test
    void aGradedAttemptChangesMasteryAndIsAnnounced() throws Exception {
        String learner = "learner-" + shortId();
        QuizAttemptGraded.Answer right = answer(true, BINARY_SEARCH);
        CloudEvent graded = graded(learner, List.of(right));
        stream.send(graded);

        waitUntil(() -> observations(learner, "binary-search") == 1);
        double[] expected = expectedAfter(List.of(right));
        ModelInForce.Snapshot snap = model.current();
        int bs = snap.graph().indexOf(BINARY_SEARCH);
        assertTrue(expected[bs] > snap.baseline()[bs], "a right answer raises the estimate");
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery").then().statusCode(200)
                .body("learnerId", equalTo(learner))
                .body("skills.find { it.skill.slug == 'binary-search' }.probability",
                        equalTo((float) round(expected[bs])))
                .body("skills.find { it.skill.slug == 'binary-search' }.evidence", equalTo("direct"))
                .body("skills.find { it.skill.slug == 'binary-search' }.state", equalTo("learning"))
                .body("skills.find { it.skill.slug == 'binary-search' }.correctAnswers", equalTo(1))
                .body("skills.find { it.skill.slug == 'binary-search' }.lastEvidenceAt", not(equalTo(null)));
        // showing binary search is evidence for what it requires (arrays, big-O); a skill the graph or the ability
        // moved is listed, as inferred
        int arrays = snap.graph().indexOf(SeededSkills.id("arrays"));
        assertTrue(expected[arrays] > snap.baseline()[arrays], "the prerequisite rises too");
        Map<String, Float> listed = estimates(learner);
        for (String slug : List.of("arrays", "big-o-notation", "programming-fundamentals", "git")) {
            int i = snap.graph().indexOf(SeededSkills.id(slug));
            boolean far = Math.abs(expected[i] - snap.baseline()[i]) >= MasteryTracker.LISTED_MIN;
            assertEquals(far, listed.containsKey(slug), slug + ": " + expected[i] + " from " + snap.baseline()[i]);
            if (far) {
                assertEquals((float) round(expected[i]), listed.get(slug), slug);
                given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery").then()
                        .body("skills.find { it.skill.slug == '" + slug + "' }.evidence", equalTo("inferred"))
                        .body("skills.find { it.skill.slug == '" + slug + "' }.observations", equalTo(0));
            }
        }

        CloudEvent changedEvent = stream.events(learner, EventTypes.SKILL_MASTERY_CHANGED.type(), 1).stream()
                .filter(e -> BINARY_SEARCH.toString().equals(e.subject())).findFirst().orElseThrow();
        SkillMasteryChanged changed = EventTypes.SKILL_MASTERY_CHANGED.read(changedEvent);
        assertEquals(snap.baseline()[bs], changed.previousProbability(), 1e-9);
        assertEquals(expected[bs], changed.probability(), 1e-9);
        assertEquals(graded.id(), changed.causeEventId());
    }

    @Test
    void aVersionOneAndAVersionTwoEventEachApplyOnce() throws Exception {
        String learner = "learner-" + shortId();
        CloudEvent v1 = gradedV1(learner, List.of(new QuizAttemptGradedV1.Answer(UUID.randomUUID(), 1, true, 1,
                List.of(GIT))));
        CloudEvent v2 = graded(learner, List.of(answer(UUID.randomUUID(), "true_false", 0, false, GIT)));
        stream.send(v1, v1, v2, v2);
        waitUntil(() -> observations(learner, "git") == 2);
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery/git/evidence").then()
                .statusCode(200).body("total", equalTo(2))
                // newest first: the v2 answer knows its question's type, the v1 answer does not
                .body("items[0].question.type", equalTo("true_false")).body("items[0].correct", equalTo(false))
                .body("items[1].question.type", equalTo(null)).body("items[1].correct", equalTo(true))
                .body("items[0].direct", equalTo(true));
        assertEquals(1, correct(learner, "git"));
        // both were announced, once each
        List<CloudEvent> changes = stream.events(learner, EventTypes.SKILL_MASTERY_CHANGED.type(), 2).stream()
                .filter(e -> GIT.toString().equals(e.subject())).toList();
        assertEquals(2, changes.size());
    }

    @Test
    void theMasteryUpdateContinuesTheTraceOfTheGradedAttempt() throws Exception {
        String learner = "learner-" + shortId();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        CloudEvent graded = graded(learner, List.of(answer(true, GIT)));
        stream.send(new CloudEvent(graded.id(), graded.source(), graded.type(), graded.subject(), graded.time(),
                graded.datacontenttype(), graded.data(), "00-" + traceId + "-00f067aa0ba902b7-01"));
        CloudEvent changed = stream.events(learner, EventTypes.SKILL_MASTERY_CHANGED.type(), 1).get(0);
        assertTrue(changed.traceparent() != null && changed.traceparent().startsWith("00-" + traceId + "-"),
                "one trace from the attempt to the mastery update: " + changed.traceparent());
    }

    @Test
    void theSameEventTwiceChangesMasteryOnce() throws Exception {
        String learner = "learner-" + shortId();
        CloudEvent graded = graded(learner, List.of(answer(false, GIT)));
        stream.send(graded, graded);
        stream.send(graded(learner, List.of(answer(true, BINARY_SEARCH)))); // same key, so it comes after both copies
        waitUntil(() -> observations(learner, "binary-search") == 1);
        assertEquals(1, observations(learner, "git"));
        // announced once per cause: the duplicate caused nothing (the second event may move git a little through
        // the learner's ability, as its own cause)
        List<SkillMasteryChanged> changes = stream.events(learner, EventTypes.SKILL_MASTERY_CHANGED.type(), 2).stream()
                .map(EventTypes.SKILL_MASTERY_CHANGED::read).toList();
        assertEquals(1, changes.stream().filter(c -> c.causeEventId().equals(graded.id()) && c.skillId().equals(GIT)).count());
    }

    @Test
    void rightAnswersMasterASkillAndMoveTheFrontier() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        List<String> before = given().auth().oauth2(token).get("/api/v1/learners/me/frontier").then()
                .statusCode(200).extract().path("toConfirm.skill.slug");
        assertTrue(before.contains("http"), "a newcomer's fringe holds the skills without prerequisites: " + before);
        // http: numeric answers, which nobody guesses
        stream.send(graded(learner, List.of(answer(UUID.randomUUID(), "numeric", 0, true, HTTP),
                answer(UUID.randomUUID(), "numeric", 0, true, HTTP), answer(UUID.randomUUID(), "numeric", 0, true, HTTP))));
        waitUntil(() -> observations(learner, "http") == 3);
        given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then()
                .body("skills.find { it.skill.slug == 'http' }.state", equalTo("mastered"))
                .body("skills.find { it.skill.slug == 'http' }.masteredAt", not(equalTo(null)));
        Map<String, Object> frontier = given().auth().oauth2(token).get("/api/v1/learners/me/frontier").then()
                .statusCode(200).extract().as(Map.class);
        List<Map<String, Object>> fringe = new java.util.ArrayList<>();
        fringe.addAll((List<Map<String, Object>>) frontier.get("skills"));
        fringe.addAll((List<Map<String, Object>>) frontier.get("toConfirm"));
        List<String> slugs = fringe.stream().map(e -> (String) ((Map<String, Object>) e.get("skill")).get("slug")).toList();
        assertTrue(!slugs.contains("http"), "a mastered skill leaves the fringe");
        // api-basics and web-servers require only http: now in the fringe, with the reason
        for (String dependent : List.of("api-basics", "web-servers")) {
            Map<String, Object> entry = fringe.stream()
                    .filter(e -> dependent.equals(((Map<String, Object>) e.get("skill")).get("slug"))).findFirst()
                    .orElseThrow(() -> new AssertionError(dependent + " only needed http: " + slugs));
            assertEquals("its prerequisite http is mastered", entry.get("reason"));
        }
        // every skill on the frontier proper is ready: readiness at least Frontier.READY, ranked
        List<Float> readiness = ((List<Map<String, Object>>) frontier.get("skills")).stream()
                .map(e -> ((Number) e.get("readiness")).floatValue()).toList();
        for (int i = 0; i < readiness.size(); i++) {
            assertTrue(readiness.get(i) >= (float) dev.skillpath.skills.domain.model.Frontier.READY, "readiness " + readiness);
            assertTrue(i == 0 || readiness.get(i) <= readiness.get(i - 1), "ranked: " + readiness);
        }
        assertEquals(1, stream.events(learner, EventTypes.SKILL_MASTERED.type(), 1).stream()
                .filter(e -> HTTP.toString().equals(e.subject())).count());
        // the personal path no longer includes what is mastered
        given().auth().oauth2(token).get("/api/v1/skills/rest-apis/path").then().statusCode(200)
                .body("personalised", equalTo(true)).body("steps.skill.slug", not(hasItem("http")));
    }

    @Test
    void failingAPrerequisiteLowersTheSkillsThatRequireIt() throws Exception {
        String learner = "learner-" + shortId();
        stream.send(graded(learner, List.of(answer(UUID.randomUUID(), "numeric", 0, false, HTTP),
                answer(UUID.randomUUID(), "short_text", 0, false, HTTP))));
        waitUntil(() -> observations(learner, "http") == 2);
        ModelInForce.Snapshot snap = model.current();
        Map<String, Float> estimates = estimates(learner);
        for (String dependent : List.of("rest-apis", "web-servers", "api-basics")) {
            int i = snap.graph().indexOf(SeededSkills.id(dependent));
            assertTrue(estimates.containsKey(dependent), dependent + " moved: " + estimates);
            assertTrue(estimates.get(dependent) < snap.baseline()[i], dependent + " fell below where everyone starts");
        }
    }

    @Test
    void aCompletedLessonIsALearningStepNotAnObservation() throws Exception {
        String learner = "learner-" + shortId();
        stream.send(event(learner, EventTypes.LESSON_COMPLETED.type(), new LessonCompleted(learner, UUID.randomUUID(),
                "searching", 1, List.of(BINARY_SEARCH), Instant.now())));
        waitUntil(() -> steps(learner, "binary-search") == 1);
        ModelInForce.Snapshot snap = model.current();
        int bs = snap.graph().indexOf(BINARY_SEARCH);
        double start = snap.baseline()[bs];
        double learn = snap.parameters().skill(bs).learn();
        // a learning step only: P ← P + (1 − P)·T·gate, the gate being P(its prerequisites are known)
        double gate = 1;
        for (int p : snap.graph().parentsOf(bs)) {
            gate *= snap.baseline()[p];
        }
        assertTrue(gate < 1 && gate > 0);
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery").then()
                .body("skills.find { it.skill.slug == 'binary-search' }.probability",
                        equalTo((float) round(start + (1 - start) * learn * gate)))
                .body("skills.find { it.skill.slug == 'binary-search' }.observations", equalTo(0));
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndTheNextIsApplied() throws Exception {
        String learner = "learner-" + shortId();
        try (KafkaProducer<String, byte[]> producer = stream.producer()) {
            producer.send(new ProducerRecord<>(Topics.PROGRESS, learner,
                    "{\"specversion\":\"1.0\",\"broken\":".getBytes(StandardCharsets.UTF_8))).get();
            // a well-formed envelope whose data does not fit the type
            producer.send(new ProducerRecord<>(Topics.PROGRESS, learner, CloudEventCodec.toBytes(
                    new CloudEvent(UUID.randomUUID(), "/quiz-service", EventTypes.QUIZ_ATTEMPT_GRADED.type(), learner,
                            OffsetDateTime.now(ZoneOffset.UTC), null, CloudEventCodec.toTree(Map.of("answers", "many"))))))
                    .get();
        }
        stream.send(graded(learner, List.of(answer(true, BINARY_SEARCH))));
        waitUntil(() -> observations(learner, "binary-search") == 1);
        try (TopicReader dlq = new TopicReader(bootstrap, Topics.deadLetter(Topics.PROGRESS))) {
            // each consumer group of the topic dead-letters what it cannot apply: the learner model's, and the xAPI
            // projection's (which reads the same events)
            List<ConsumerRecord<String, byte[]>> mine = dlq.readUntil(
                    rs -> rs.stream().filter(r -> learner.equals(r.key())).count() >= 4, WAIT)
                    .stream().filter(r -> learner.equals(r.key())).toList();
            assertEquals(4, mine.size());
            Map<String, Long> byGroup = mine.stream().collect(java.util.stream.Collectors.groupingBy(
                    r -> new String(r.headers().lastHeader("dlq.consumer.group").value(), StandardCharsets.UTF_8),
                    java.util.stream.Collectors.counting()));
            assertEquals(Map.of("skills-service.mastery", 2L, "skills-service.xapi", 2L), byGroup);
        }
    }

    @Test
    void aLearnerSeesOnlyTheirOwnMasteryAndAnAdminSeesAnyones() throws Exception {
        String alice = "alice-" + shortId();
        String bob = "bob-" + shortId();
        stream.send(graded(alice, List.of(answer(true, GIT))));
        waitUntil(() -> observations(alice, "git") == 1);
        given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/mastery").then().statusCode(200)
                .body("learnerId", equalTo(bob)).body("skills", hasSize(0));
        problem(given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/mastery?learner=" + alice), 403);
        problem(given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/frontier?learner=" + alice), 403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/learners/me/mastery?learner=" + alice).then()
                .statusCode(200).body("learnerId", equalTo(alice)).body("skills.skill.slug", hasItem("git"));
        // the evidence behind an estimate: a learner's own only, an admin's anyone's
        given().auth().oauth2(TestTokens.learner(alice)).get("/api/v1/learners/me/mastery/git/evidence").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].correct", equalTo(true));
        given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/mastery/git/evidence").then()
                .statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        problem(given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/mastery/git/evidence?learner=" + alice), 403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/learners/me/mastery/git/evidence?learner=" + alice).then()
                .statusCode(200).body("total", equalTo(1));
        problem(given().get("/api/v1/learners/me/mastery/git/evidence"), 401);
        problem(given().get("/api/v1/learners/me/mastery"), 401);
        problem(given().get("/api/v1/learners/me/frontier"), 401);
        problem(given().auth().oauth2(TestTokens.expired(alice)).get("/api/v1/learners/me/mastery"), 401);
        problem(given().auth().oauth2(TestTokens.malformed()).get("/api/v1/learners/me/mastery"), 401);
    }

    @Test
    void selfReportedStatusIsKeptBesideMasteryNeverMixedIn() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "done"))
                .put("/api/v1/learners/me/skills/java/status").then().statusCode(200).body("status", equalTo("done"));
        given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then()
                .body("skills", hasSize(0)).body("selfReportedOnly[0].skill.slug", equalTo("java"));
        List<String> frontier = given().auth().oauth2(token).get("/api/v1/learners/me/frontier").then()
                .extract().path("toConfirm.skill.slug");
        List<String> anonymousFrontier = given().auth().oauth2(TestTokens.learner("new-" + shortId()))
                .get("/api/v1/learners/me/frontier").then().extract().path("toConfirm.skill.slug");
        assertEquals(anonymousFrontier, frontier, "saying 'done' does not master anything");

        stream.send(graded(learner, List.of(answer(false, SeededSkills.id("java")))));
        waitUntil(() -> observations(learner, "java") == 1);
        given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then()
                .body("skills.find { it.skill.slug == 'java' }.selfReported", equalTo("done"))
                .body("skills.find { it.skill.slug == 'java' }.state", equalTo("learning"))
                .body("selfReportedOnly", hasSize(0));

        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "finished"))
                .put("/api/v1/learners/me/skills/java/status"), 400);
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "done"))
                .put("/api/v1/learners/me/skills/no-such-skill/status"), 404);
        problem(given().contentType(ContentType.JSON).body(Map.of("status", "done"))
                .put("/api/v1/learners/me/skills/java/status"), 401);
        given().auth().oauth2(token).delete("/api/v1/learners/me/skills/java/status").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then()
                .body("skills.find { it.skill.slug == 'java' }.selfReported", equalTo(null));
    }

    // --- helpers ---

    private double[] expectedAfter(List<QuizAttemptGraded.Answer> answers) {
        return ProgressStream.expectedAfter(model.current(), answers);
    }

    private static int correct(String learner, String slug) {
        return field(learner, slug, "correctAnswers");
    }
}
