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
import org.junit.jupiter.api.Test;

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
import dev.skillpath.events.payload.SkillMasteryChanged;
import dev.skillpath.platform.catalog.SeededSkills;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Progress events on the real topic become mastery, and mastery is announced, once per event. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class MasteryFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final UUID BINARY_SEARCH = SeededSkills.id("binary-search");
    private static final UUID GIT = SeededSkills.id("git");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aGradedAttemptChangesMasteryAndIsAnnounced() throws Exception {
        String learner = "learner-" + shortId();
        CloudEvent graded = graded(learner, List.of(answer(true, BINARY_SEARCH)));
        send(graded);

        waitUntil(() -> observations(learner, "binary-search") == 1);
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery").then().statusCode(200)
                .body("learnerId", equalTo(learner))
                .body("skills", hasSize(1))
                .body("skills[0].skill.slug", equalTo("binary-search"))
                .body("skills[0].probability", equalTo(0.5765f))
                .body("skills[0].state", equalTo("learning"))
                .body("skills[0].correctAnswers", equalTo(1))
                .body("skills[0].lastEvidenceAt", not(equalTo(null)));

        SkillMasteryChanged changed = EventTypes.SKILL_MASTERY_CHANGED.read(
                progressEvents(learner, EventTypes.SKILL_MASTERY_CHANGED.type(), 1).get(0));
        assertEquals(BINARY_SEARCH, changed.skillId());
        assertEquals(0.2, changed.previousProbability(), 1e-9);
        assertEquals(0.5764705882, changed.probability(), 1e-9);
        assertEquals(graded.id(), changed.causeEventId());
    }

    @Test
    void theMasteryUpdateContinuesTheTraceOfTheGradedAttempt() throws Exception {
        String learner = "learner-" + shortId();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        CloudEvent graded = graded(learner, List.of(answer(true, GIT)));
        send(new CloudEvent(graded.id(), graded.source(), graded.type(), graded.subject(), graded.time(),
                graded.datacontenttype(), graded.data(), "00-" + traceId + "-00f067aa0ba902b7-01"));
        CloudEvent changed = progressEvents(learner, EventTypes.SKILL_MASTERY_CHANGED.type(), 1).get(0);
        assertTrue(changed.traceparent() != null && changed.traceparent().startsWith("00-" + traceId + "-"),
                "one trace from the attempt to the mastery update: " + changed.traceparent());
    }

    @Test
    void theSameEventTwiceChangesMasteryOnce() throws Exception {
        String learner = "learner-" + shortId();
        CloudEvent graded = graded(learner, List.of(answer(false, GIT)));
        send(graded);
        send(graded);
        send(graded(learner, List.of(answer(true, BINARY_SEARCH)))); // same key, so it comes after both copies
        waitUntil(() -> observations(learner, "binary-search") == 1);
        assertEquals(1, observations(learner, "git"));
        assertEquals(2, progressEvents(learner, EventTypes.SKILL_MASTERY_CHANGED.type(), 2).size());
    }

    @Test
    void threeCorrectAnswersMasterASkillAndMoveTheFrontier() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        List<String> frontierBefore = given().auth().oauth2(token).get("/api/v1/learners/me/frontier").then()
                .statusCode(200).extract().path("skills.skill.slug");
        String first = frontierBefore.get(0);
        UUID firstId = SeededSkills.id(first);
        send(graded(learner, List.of(answer(true, firstId), answer(true, firstId), answer(true, firstId))));
        waitUntil(() -> observations(learner, first) == 3);
        given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then()
                .body("skills[0].state", equalTo("mastered")).body("skills[0].masteredAt", not(equalTo(null)));
        List<String> frontierAfter = given().auth().oauth2(token).get("/api/v1/learners/me/frontier").then()
                .extract().path("skills.skill.slug");
        assertTrue(!frontierAfter.contains(first), "a mastered skill leaves the frontier");
        List<String> dependents = given().get("/api/v1/skills/" + first).then()
                .extract().path("relations.findAll { it.type == 'requires' && it.direction == 'incoming' }.skill.slug");
        for (String dependent : dependents) {
            List<String> needs = given().get("/api/v1/skills/" + dependent).then()
                    .extract().path("relations.findAll { it.type == 'requires' && it.direction == 'outgoing' }.skill.slug");
            if (needs.equals(List.of(first))) {
                assertTrue(frontierAfter.contains(dependent), dependent + " only needed " + first);
            }
        }
        assertEquals(1, progressEvents(learner, EventTypes.SKILL_MASTERED.type(), 1).size());
        // the personal path no longer includes what is mastered
        given().auth().oauth2(token).get("/api/v1/skills/binary-search/path").then().statusCode(200)
                .body("personalised", equalTo(true)).body("steps.skill.slug", not(hasItem(first)));
    }

    @Test
    void aCompletedLessonIsALearningStepNotAnObservation() throws Exception {
        String learner = "learner-" + shortId();
        send(event(learner, EventTypes.LESSON_COMPLETED.type(), new LessonCompleted(learner, UUID.randomUUID(),
                "searching", 1, List.of(BINARY_SEARCH), Instant.now())));
        waitUntil(() -> steps(learner, "binary-search") == 1);
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery").then()
                .body("skills[0].probability", equalTo(0.28f)).body("skills[0].observations", equalTo(0));
    }

    @Test
    void aMalformedEventGoesToTheDeadLetterTopicAndTheNextIsApplied() throws Exception {
        String learner = "learner-" + shortId();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.PROGRESS, learner,
                    "{\"specversion\":\"1.0\",\"broken\":".getBytes(StandardCharsets.UTF_8))).get();
            // a well-formed envelope whose data does not fit the type
            producer.send(new ProducerRecord<>(Topics.PROGRESS, learner, CloudEventCodec.toBytes(
                    new CloudEvent(UUID.randomUUID(), "/quiz-service", EventTypes.QUIZ_ATTEMPT_GRADED.type(), learner,
                            OffsetDateTime.now(ZoneOffset.UTC), null, CloudEventCodec.toTree(Map.of("answers", "many"))))))
                    .get();
        }
        send(graded(learner, List.of(answer(true, BINARY_SEARCH))));
        waitUntil(() -> observations(learner, "binary-search") == 1);
        try (TopicReader dlq = new TopicReader(bootstrap, Topics.deadLetter(Topics.PROGRESS))) {
            List<ConsumerRecord<String, byte[]>> mine = dlq.readUntil(
                    rs -> rs.stream().filter(r -> learner.equals(r.key())).count() >= 2, WAIT)
                    .stream().filter(r -> learner.equals(r.key())).toList();
            assertEquals(2, mine.size());
            assertEquals("skills-service.mastery",
                    new String(mine.get(0).headers().lastHeader("dlq.consumer.group").value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLearnerSeesOnlyTheirOwnMasteryAndAnAdminSeesAnyones() throws Exception {
        String alice = "alice-" + shortId();
        String bob = "bob-" + shortId();
        send(graded(alice, List.of(answer(true, GIT))));
        waitUntil(() -> observations(alice, "git") == 1);
        given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/mastery").then().statusCode(200)
                .body("learnerId", equalTo(bob)).body("skills", hasSize(0));
        problem(given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/mastery?learner=" + alice), 403);
        problem(given().auth().oauth2(TestTokens.learner(bob)).get("/api/v1/learners/me/frontier?learner=" + alice), 403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/learners/me/mastery?learner=" + alice).then()
                .statusCode(200).body("learnerId", equalTo(alice)).body("skills[0].skill.slug", equalTo("git"));
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
                .extract().path("skills.skill.slug");
        List<String> anonymousFrontier = given().auth().oauth2(TestTokens.learner("new-" + shortId()))
                .get("/api/v1/learners/me/frontier").then().extract().path("skills.skill.slug");
        assertEquals(anonymousFrontier, frontier, "saying 'done' does not master anything");

        send(graded(learner, List.of(answer(false, SeededSkills.id("java")))));
        waitUntil(() -> observations(learner, "java") == 1);
        given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then()
                .body("skills[0].selfReported", equalTo("done")).body("skills[0].state", equalTo("learning"))
                .body("selfReportedOnly", hasSize(0));

        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "finished"))
                .put("/api/v1/learners/me/skills/java/status"), 400);
        problem(given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "done"))
                .put("/api/v1/learners/me/skills/no-such-skill/status"), 404);
        problem(given().contentType(ContentType.JSON).body(Map.of("status", "done"))
                .put("/api/v1/learners/me/skills/java/status"), 401);
        given().auth().oauth2(token).delete("/api/v1/learners/me/skills/java/status").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then().body("skills[0].selfReported", equalTo(null));
    }

    // --- helpers ---

    private static QuizAttemptGraded.Answer answer(boolean correct, UUID skill) {
        return new QuizAttemptGraded.Answer(UUID.randomUUID(), 1, correct, correct ? 1 : 0, List.of(skill));
    }

    private static CloudEvent graded(String learner, List<QuizAttemptGraded.Answer> answers) {
        long right = answers.stream().filter(QuizAttemptGraded.Answer::correct).count();
        return event(learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded(learner, UUID.randomUUID(),
                UUID.randomUUID(), right, answers.size(), right == answers.size(), answers, Instant.now()));
    }

    private static CloudEvent event(String learner, String type, Object payload) {
        return new CloudEvent(UUID.randomUUID(), "/quiz-service", type, learner, OffsetDateTime.now(ZoneOffset.UTC),
                "application/json", CloudEventCodec.toTree(payload));
    }

    private void send(CloudEvent event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.PROGRESS, event.subject(), CloudEventCodec.toBytes(event))).get();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static int observations(String learner, String slug) {
        return field(learner, slug, "observations");
    }

    private static int steps(String learner, String slug) {
        return field(learner, slug, "learningSteps");
    }

    private static int field(String learner, String slug, String field) {
        Integer value = given().auth().oauth2(TestTokens.admin()).get("/api/v1/learners/me/mastery?learner=" + learner)
                .then().statusCode(200).extract().path("skills.find { it.skill.slug == '" + slug + "' }." + field);
        return value == null ? 0 : value;
    }

    private List<CloudEvent> progressEvents(String learner, String type, int atLeast) {
        try (TopicReader reader = new TopicReader(bootstrap, Topics.PROGRESS)) {
            reader.readUntil(rs -> mine(rs, learner, type).size() >= atLeast, WAIT);
            return mine(reader.readToEnd(WAIT), learner, type);
        }
    }

    private static List<CloudEvent> mine(List<ConsumerRecord<String, byte[]>> records, String learner, String type) {
        return records.stream().filter(r -> learner.equals(r.key())).map(r -> {
            try {
                return CloudEventCodec.parse(r.value());
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(e -> e != null && type.equals(e.type())).toList();
    }

    private static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(100);
        }
    }
}
