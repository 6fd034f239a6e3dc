package dev.skillpath.skills.api;

import static dev.skillpath.skills.api.ProgressStream.event;
import static dev.skillpath.skills.api.ProgressStream.observations;
import static dev.skillpath.skills.api.ProgressStream.waitUntil;
import static dev.skillpath.skills.api.SkillCatalogueTest.problem;
import static dev.skillpath.skills.api.SkillCatalogueTest.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.ReviewDue;
import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.skills.config.MovableClock;
import dev.skillpath.skills.domain.ReviewDueSweep;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Spaced review of mastered skills on the running service: a mastered skill gets a memory and a next review, the
 * review falls due when the test moves the service's clock (no sleeping), the sweep announces it once however many
 * replicas sweep, and a graded answer on the skill reviews it and schedules the next.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class ReviewsFlowTest {

    private static final UUID HTTP = SeededSkills.id("http");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MovableClock clock;

    @Inject
    ReviewDueSweep sweep;

    @Inject
    Fsrs fsrs;

    @Inject
    AgroalDataSource dataSource;

    ProgressStream stream;

    @BeforeEach
    void stream() throws Exception {
        stream = new ProgressStream(bootstrap);
        stream.awaitConsumer();
    }

    @AfterEach
    void timeAsItIs() {
        clock.reset();
    }

    /** Three right numeric answers on http (nobody guesses a number), graded at {@code at}: http is mastered. */
    static CloudEvent masteringHttp(String learner, Instant at) {
        return gradedAt(learner, at, 3, true);
    }

    static CloudEvent gradedAt(String learner, Instant at, int answers, boolean right) {
        List<QuizAttemptGraded.Answer> list = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            list.add(ProgressStream.answer(UUID.randomUUID(), "numeric", 0, right, HTTP));
        }
        return event(learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded(learner, UUID.randomUUID(),
                UUID.randomUUID(), right ? answers : 0, answers, right, list, at));
    }

    static JsonPath mastery(String learner) {
        return given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery").then()
                .statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> http(JsonPath mastery) {
        return mastery.getMap("skills.find { it.skill.slug == 'http' }");
    }

    static JsonPath reviews(String learner) {
        return given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/reviews").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void aMasteredSkillsReviewFallsDueAsTimeMovesOnIsAnnouncedOnceAndAReviewReschedulesIt() throws Exception {
        String learner = "reviewer-" + shortId();
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        stream.send(masteringHttp(learner, t0));
        waitUntil(() -> observations(learner, "http") == 3);

        Map<String, Object> fresh = http(mastery(learner));
        assertEquals("mastered", fresh.get("state"));
        Map<String, Object> memory = (Map<String, Object>) fresh.get("memory");
        assertEquals(1, memory.get("reviews"));
        assertEquals(0, memory.get("lapses"));
        assertEquals(false, memory.get("due"));
        assertEquals(t0, OffsetDateTime.parse((String) memory.get("lastReviewAt")).toInstant());
        // the first review is the mastery, rated Good: S0 = w2 = 2.3065 days, due round(2.3065) = 2 days later
        assertEquals(2.3065f, ((Number) memory.get("stability")).floatValue(), 1e-4);
        assertEquals(t0.plus(Duration.ofDays(2)), OffsetDateTime.parse((String) memory.get("dueAt")).toInstant());
        assertTrue(((Number) fresh.get("probabilityNow")).doubleValue() <= ((Number) fresh.get("probability")).doubleValue());
        JsonPath before = reviews(learner);
        assertEquals(List.of(), before.getList("due"));
        assertEquals(List.of("http"), before.getList("upcoming.skill.slug"));
        assertEquals(0.9f, before.getFloat("retention"));
        assertEquals(0, sweepMine(learner), "nothing is due yet");

        // three days on: the chance of recall is below the requested retention, the review is due
        clock.advance(Duration.ofDays(3));
        Map<String, Object> later = http(mastery(learner));
        Map<String, Object> decayed = (Map<String, Object>) later.get("memory");
        assertEquals("review-due", later.get("state"));
        assertEquals(true, decayed.get("due"));
        double r = ((Number) decayed.get("retrievability")).doubleValue();
        assertTrue(r < 0.9, "R after 3 days at S = 2.3 days: " + r);
        assertEquals(fsrs.retrievability(3, 2.3065), r, 2e-4);
        double probability = ((Number) later.get("probability")).doubleValue();
        assertEquals(probability * r, ((Number) later.get("probabilityNow")).doubleValue(), 2e-4,
                "the estimate now is the estimate at the last evidence times the chance of recall");
        JsonPath due = reviews(learner);
        assertEquals(List.of("http"), due.getList("due.skill.slug"));
        assertEquals(List.of(), due.getList("upcoming"));

        assertEquals(1, sweepMine(learner), "the sweep announces the review due");
        assertEquals(0, sweepMine(learner), "once per due date");
        List<CloudEvent> announced = stream.events(learner, EventTypes.REVIEW_DUE.type(), 1);
        assertEquals(1, announced.size());
        ReviewDue event = EventTypes.REVIEW_DUE.read(announced.get(0));
        assertEquals(HTTP, event.skillId());
        assertEquals("http", event.skillSlug());
        assertEquals(t0.plus(Duration.ofDays(2)), event.dueAt());
        assertEquals(t0, event.lastReviewAt());
        assertEquals(1, event.reviews());
        assertEquals(0.9, event.retention(), 1e-12);

        // a right answer on http three days after the mastery reviews it: stability grows, the next review is later
        Instant reviewed = t0.plus(Duration.ofDays(3));
        stream.send(gradedAt(learner, reviewed, 1, true));
        waitUntil(() -> observations(learner, "http") == 4);
        Map<String, Object> after = http(mastery(learner));
        Map<String, Object> next = (Map<String, Object>) after.get("memory");
        assertEquals("mastered", after.get("state"));
        assertEquals(2, next.get("reviews"));
        assertEquals(false, next.get("due"));
        double stability = fsrs.review(fsrs.first(Fsrs.GOOD), Fsrs.GOOD, 3).stability();
        assertEquals(stability, ((Number) next.get("stability")).doubleValue(), 1e-4);
        assertEquals(reviewed.plus(Duration.ofDays(fsrs.intervalDays(stability))),
                OffsetDateTime.parse((String) next.get("dueAt")).toInstant());
        assertEquals(0, sweepMine(learner), "the new due date is not yet here");
        assertEquals(List.of("http"), reviews(learner).getList("upcoming.skill.slug"));
    }

    @Test
    void aWrongAnswerOnAMasteredSkillIsALapse() throws Exception {
        String learner = "lapser-" + shortId();
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        stream.send(masteringHttp(learner, t0));
        waitUntil(() -> observations(learner, "http") == 3);
        stream.send(gradedAt(learner, t0.plus(Duration.ofDays(5)), 1, false));
        waitUntil(() -> observations(learner, "http") == 4);
        clock.advance(Duration.ofDays(5));
        Map<String, Object> memory = (Map<String, Object>) http(mastery(learner)).get("memory");
        assertEquals(2, memory.get("reviews"));
        assertEquals(1, memory.get("lapses"));
        double lapsed = fsrs.review(fsrs.first(Fsrs.GOOD), Fsrs.AGAIN, 5).stability();
        assertEquals(lapsed, ((Number) memory.get("stability")).doubleValue(), 1e-4);
        assertTrue(lapsed < 2.3065, "a lapse shortens the memory");
    }

    @Test
    void theDueSweepAnnouncesEachDueReviewOnceAcrossTwoReplicas() throws Exception {
        List<String> learners = new ArrayList<>();
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 6; i++) {
            String learner = "swept-" + shortId();
            learners.add(learner);
            stream.send(masteringHttp(learner, t0));
        }
        for (String learner : learners) {
            waitUntil(() -> observations(learner, "http") == 3);
        }
        clock.advance(Duration.ofDays(3));
        // two replicas sweeping together: each its own transactions on the one database, started at once
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Callable<Integer> replica = () -> {
                    start.await();
                    return sweep.sweep();
                };
                Future<Integer> a = replicas.submit(replica);
                Future<Integer> b = replicas.submit(replica);
                start.countDown();
                a.get();
                b.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        for (String learner : learners) {
            assertEquals(1, announcements(learner), learner);
            assertEquals(1, stream.events(learner, EventTypes.REVIEW_DUE.type(), 1).size(), learner);
        }
    }

    @Test
    void aLearnerReadsOnlyTheirOwnReviewsAndAnAdminAnyones() throws Exception {
        String learner = "private-" + shortId();
        stream.send(masteringHttp(learner, clock.instant()));
        waitUntil(() -> observations(learner, "http") == 3);
        problem(given().auth().oauth2(TestTokens.learner("someone-" + shortId()))
                .get("/api/v1/learners/me/reviews?learner=" + learner), 403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/learners/me/reviews?learner=" + learner).then()
                .statusCode(200).body("learnerId", equalTo(learner)).body("upcoming.skill.slug", equalTo(List.of("http")));
        given().get("/api/v1/learners/me/reviews").then().statusCode(401);
        given().auth().oauth2(TestTokens.learner("newcomer-" + shortId())).get("/api/v1/learners/me/reviews").then()
                .statusCode(200).body("due", empty()).body("upcoming", empty());
    }

    /** Sweeps, then answers how many reviews of this learner were announced so far. */
    int sweepMine(String learner) throws Exception {
        int before = announcements(learner);
        sweep.sweep();
        return announcements(learner) - before;
    }

    int announcements(String learner) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from review_due_announcement where learner_id = ?")) {
            ps.setString(1, learner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
