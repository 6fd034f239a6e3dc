package dev.skillpath.skills.api;

import static dev.skillpath.skills.api.ProgressStream.answer;
import static dev.skillpath.skills.api.ProgressStream.estimates;
import static dev.skillpath.skills.api.ProgressStream.event;
import static dev.skillpath.skills.api.ProgressStream.expectedAfter;
import static dev.skillpath.skills.api.ProgressStream.graded;
import static dev.skillpath.skills.api.ProgressStream.observations;
import static dev.skillpath.skills.api.ProgressStream.practiced;
import static dev.skillpath.skills.api.ProgressStream.round;
import static dev.skillpath.skills.api.ProgressStream.steps;
import static dev.skillpath.skills.api.ProgressStream.waitUntil;
import static dev.skillpath.skills.api.SkillCatalogueTest.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.Rows;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.ItemParametersFitted;
import dev.skillpath.events.payload.LearnerEstimates;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.skills.domain.MasteryTracker;
import dev.skillpath.skills.domain.ModelBaseline;
import dev.skillpath.skills.domain.ModelInForce;
import dev.skillpath.skills.domain.PublishedEstimates;
import dev.skillpath.skills.domain.model.ItemKey;
import dev.skillpath.skills.store.ModelStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The learner model's side of practice sessions (issue #15), through the real broker and database: practice answers
 * as evidence, and what the model publishes for quiz-service's projection: each learner's estimates after every
 * applied event, the newcomer baseline, the fitted question parameters.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class ModelEventsTest {

    private static final UUID GIT = SeededSkills.id("git");
    private static final UUID HTTP = SeededSkills.id("http");
    private static final UUID SQL = SeededSkills.id("sql");
    private static final UUID BINARY_SEARCH = SeededSkills.id("binary-search");
    private static final UUID COMMUNICATION = SeededSkills.id("communication");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ModelInForce model;

    @Inject
    MasteryTracker tracker;

    @Inject
    ModelStore store;

    @Inject
    ModelBaseline baseline;

    @Inject
    AgroalDataSource db;

    ProgressStream stream;

    @BeforeEach
    void stream() throws Exception {
        stream = new ProgressStream(bootstrap);
        stream.awaitConsumer();
    }

    // ------------------------------------------------------------------------------------------ practice answers

    @Test
    void aPracticeAnswerIsOneObservationThenLearningAndIsListedAsPractice() throws Exception {
        String learner = "practice-" + shortId();
        String control = "attempt-" + shortId();
        UUID session = UUID.randomUUID();
        QuizAttemptGraded.Answer right = answer(UUID.randomUUID(), "numeric", 0, true, GIT);
        stream.send(practiced(learner, session, 1, right));
        // the same answer as a graded attempt of one answer
        stream.send(graded(control, List.of(right)));
        waitUntil(() -> observations(learner, "git") == 1 && observations(control, "git") == 1);

        ModelInForce.Snapshot snap = model.current();
        int git = snap.graph().indexOf(GIT);
        double[] expected = expectedAfter(snap, List.of(right));
        double[] known = tracker.estimates(learner, snap);
        assertArrayEquals(expected, known, "one observation of the question, then a learning opportunity");
        assertTrue(known[git] > snap.baseline()[git], "a right answer raises the estimate");
        assertArrayEquals(tracker.estimates(control, snap), known, "as a graded attempt with that one answer");
        assertEquals(estimates(control), estimates(learner));
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery").then()
                .body("skills.find { it.skill.slug == 'git' }.observations", equalTo(1))
                .body("skills.find { it.skill.slug == 'git' }.correctAnswers", equalTo(1))
                .body("skills.find { it.skill.slug == 'git' }.learningSteps", equalTo(0));

        // the evidence shows it as a practice answer of its session (no quiz)
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery/git/evidence").then()
                .statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("practice"))
                .body("items[0].attemptId", equalTo(session.toString()))
                .body("items[0].quizId", equalTo(null))
                .body("items[0].question.id", equalTo(right.questionId().toString()))
                .body("items[0].question.type", equalTo("numeric"))
                .body("items[0].correct", equalTo(true)).body("items[0].direct", equalTo(true))
                .body("items[0].after", equalTo((float) round(known[git])));
        given().auth().oauth2(TestTokens.learner(control)).get("/api/v1/learners/me/mastery/git/evidence").then()
                .body("items[0].kind", equalTo("answer")).body("items[0].quizId", notNullValue());
    }

    @Test
    void theSamePracticeAnswerDeliveredTwiceCountsOnce() throws Exception {
        String learner = "practice-" + shortId();
        UUID session = UUID.randomUUID();
        CloudEvent first = practiced(learner, session, 1, answer(UUID.randomUUID(), "true_false", 0, false, GIT));
        CloudEvent next = practiced(learner, session, 2, answer(UUID.randomUUID(), "numeric", 0, true, SQL));
        stream.send(first, first);
        stream.send(next); // same key, so it comes after both copies
        waitUntil(() -> observations(learner, "sql") == 1);
        assertEquals(1, observations(learner, "git"));
        given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/mastery/git/evidence").then()
                .body("total", equalTo(1));
        // one estimates event per applied event: the copy caused none
        List<LearnerEstimates> published = estimatesOf(learner, 2);
        assertEquals(List.of(first.id(), next.id()), published.stream().map(LearnerEstimates::causeEventId).toList());
        assertEquals(2, Rows.outbox(db, EventTypes.LEARNER_ESTIMATES.type(), learner));
    }

    // ------------------------------------------------------------------------------------------ estimates events

    @Test
    void everyAppliedEventIsFollowedByOneEstimatesEventWithEverySkillAndTheFrontier() throws Exception {
        String learner = "estimates-" + shortId();
        // http by numeric answers nobody guesses: mastered; communication (no prerequisites) failed twice: not
        // known, so ready to learn, on the frontier proper
        CloudEvent attempt = graded(learner, List.of(answer(UUID.randomUUID(), "numeric", 0, true, HTTP),
                answer(UUID.randomUUID(), "numeric", 0, true, HTTP), answer(UUID.randomUUID(), "numeric", 0, true, HTTP),
                answer(UUID.randomUUID(), "numeric", 0, false, COMMUNICATION),
                answer(UUID.randomUUID(), "numeric", 0, false, COMMUNICATION)));
        CloudEvent practice = practiced(learner, UUID.randomUUID(), 1, answer(UUID.randomUUID(), "numeric", 0, true, GIT));
        CloudEvent lesson = event(learner, EventTypes.LESSON_COMPLETED.type(), new LessonCompleted(learner,
                UUID.randomUUID(), "searching", 1, List.of(BINARY_SEARCH), Instant.now()));
        stream.send(attempt, practice, lesson);
        waitUntil(() -> steps(learner, "binary-search") == 1);

        List<CloudEvent> events = stream.events(Topics.PROGRESS, learner, EventTypes.LEARNER_ESTIMATES.type(),
                found -> found.size() >= 3);
        List<LearnerEstimates> published = events.stream().map(EventTypes.LEARNER_ESTIMATES::read).toList();
        assertEquals(List.of(attempt.id(), practice.id(), lesson.id()),
                published.stream().map(LearnerEstimates::causeEventId).toList(), "one per applied event, in order");
        // one outbox row each, however many skills moved (issue #17's throughput)
        assertEquals(3, Rows.outbox(db, EventTypes.LEARNER_ESTIMATES.type(), learner));
        long bytes = Rows.count(db, "select max(length(envelope)) from outbox where event_type = ? and event_key = ?",
                EventTypes.LEARNER_ESTIMATES.type(), learner);
        assertTrue(bytes < 8_000, "a whole snapshot of the seed's skills is a small row: " + bytes + " characters");
        for (CloudEvent e : events) {
            assertEquals(learner, e.subject());
        }

        ModelInForce.Snapshot snap = model.current();
        LearnerEstimates last = published.get(2);
        assertEquals(learner, last.learnerId());
        assertEquals(snap.fitId(), last.fitId());
        double[] known = tracker.estimates(learner, snap);
        assertEquals(snap.graph().size(), last.skills().size(), "every skill");
        for (int i = 0; i < known.length; i++) {
            LearnerEstimates.SkillEstimate s = last.skills().get(i);
            assertEquals(snap.graph().skill(i), s.skillId());
            assertEquals(known[i], s.probability(), 0, "what the model computes from the stored state");
            assertEquals(known[i] >= 0.95, s.mastered());
        }
        // the listed estimates of /mastery are the same numbers (rounded there)
        Map<String, Float> listed = estimates(learner);
        for (Map.Entry<String, Float> e : listed.entrySet()) {
            int i = snap.graph().indexOf(SeededSkills.id(e.getKey()));
            assertEquals(e.getValue(), (float) round(last.skills().get(i).probability()), e.getKey());
        }
        assertTrue(last.skills().get(snap.graph().indexOf(HTTP)).mastered(), "http mastered");

        var fringe = given().auth().oauth2(TestTokens.learner(learner)).get("/api/v1/learners/me/frontier")
                .then().statusCode(200).extract();
        List<String> frontier = fringe.path("skills.skill.id");
        List<String> toConfirm = fringe.path("toConfirm.skill.id");
        assertEquals(toConfirm, last.toConfirm().stream().map(UUID::toString).toList(), "the skills to confirm too");
        assertTrue(frontier.contains(COMMUNICATION.toString()), "a frontier to compare: " + frontier);
        assertEquals(frontier, last.frontier().stream().map(UUID::toString).toList(), "the frontier the API answers");
        // the attempt's own snapshot already had http mastered; the earlier ones are whole snapshots too
        assertTrue(published.get(0).skills().get(snap.graph().indexOf(HTTP)).mastered());
        assertEquals(snap.graph().size(), published.get(0).skills().size());
    }

    // ------------------------------------------------------------------------------------------ the baseline

    @Test
    void theBaselineIsPublishedOnStartOnceForTheCurrentFitAndCatalogue() throws Exception {
        List<CloudEvent> events = stream.events(Topics.CATALOG, ModelBaseline.KEY, EventTypes.MODEL_BASELINE.type(),
                found -> !found.isEmpty());
        List<LearnerEstimates> baselines = events.stream().map(EventTypes.MODEL_BASELINE::read).toList();
        // each one says something the one before did not: never twice the same fit and catalogue
        for (int i = 1; i < baselines.size(); i++) {
            assertNotEquals(PublishedEstimates.fingerprint(baselines.get(i - 1)),
                    PublishedEstimates.fingerprint(baselines.get(i)), "baseline " + i + " repeats the one before");
        }
        // the newest is the newcomer of the model in force
        ModelInForce.Snapshot snap = model.rebuild();
        LearnerEstimates newest = baselines.get(baselines.size() - 1);
        assertNull(newest.learnerId());
        assertEquals(snap.fitId(), newest.fitId());
        assertEquals(snap.graph().size(), newest.skills().size());
        double[] start = snap.baseline();
        for (int i = 0; i < start.length; i++) {
            assertEquals(snap.graph().skill(i), newest.skills().get(i).skillId());
            assertEquals(start[i], newest.skills().get(i).probability(), 0);
        }
        var newcomerFringe = given().auth().oauth2(TestTokens.learner("newcomer-" + shortId()))
                .get("/api/v1/learners/me/frontier").then().statusCode(200).extract();
        List<String> newcomer = newcomerFringe.path("skills.skill.id");
        assertEquals(newcomer, newest.frontier().stream().map(UUID::toString).toList());
        List<String> newcomerToConfirm = newcomerFringe.path("toConfirm.skill.id");
        assertFalse(newcomerToConfirm.isEmpty(), "a newcomer has roots to confirm");
        assertEquals(newcomerToConfirm, newest.toConfirm().stream().map(UUID::toString).toList());
        assertEquals(PublishedEstimates.fingerprint(newest), Rows.text(db, "select fingerprint from model_baseline"));
        assertEquals(events.get(events.size() - 1).id().toString(), Rows.text(db, "select event_id from model_baseline"));

        // another replica starting now publishes nothing: this one is current
        long before = outboxBaselines();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> baseline.publishIfChanged(null)).isEmpty());
        assertEquals(before, outboxBaselines());

        // two replicas starting at once when none is current (the row says another): exactly one publishes
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("update model_baseline set fingerprint = 'another'");
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<LearnerEstimates>>> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starts.add(two.submit(() -> {
                    go.await();
                    return QuarkusTransaction.requiringNew().call(() -> baseline.publishIfChanged(null));
                }));
            }
            go.countDown();
            int published = 0;
            for (Future<Optional<LearnerEstimates>> f : starts) {
                published += f.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, published);
            assertEquals(before + 1, outboxBaselines());
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aCatalogueChangePublishesTheBaselineWhenItChangesTheModelAndOnlyThen() throws Exception {
        String slug = "baseline-" + shortId();
        String author = TestTokens.author();
        long before = outboxBaselines();
        String id = given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(SkillCatalogueTest.skill(slug, "Message queues")).post("/api/v1/skills").then().statusCode(201)
                .extract().path("id");
        UUID skill = UUID.fromString(id);
        // a new skill is a new node: a baseline with it, caused by its skill.created, in the same transaction
        assertEquals(before + 1, outboxBaselines());
        CloudEvent created = stream.events(Topics.CATALOG, id, EventTypes.SKILL_CREATED.type(), found -> !found.isEmpty())
                .get(0);
        LearnerEstimates withIt = baselineCausedBy(created.id());
        assertTrue(withIt.skills().stream().anyMatch(e -> e.skillId().equals(skill)), "the new skill is in it");

        // a new name changes nothing the model says: no baseline
        given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(SkillCatalogueTest.skill(slug, "Message brokers")).put("/api/v1/skills/" + slug).then()
                .statusCode(200);
        assertEquals(before + 1, outboxBaselines());

        // requiring git moves its starting estimate (it is known only as far as git is): a baseline
        given().auth().oauth2(author).contentType(ContentType.JSON).body(Map.of("type", "requires", "target", "git"))
                .post("/api/v1/skills/" + slug + "/relations").then().statusCode(201);
        assertEquals(before + 2, outboxBaselines());
        LearnerEstimates required = baselineCausedBy(stream.events(Topics.CATALOG, id, EventTypes.SKILL_CHANGED.type(),
                found -> found.size() >= 2).get(1).id());
        double was = withIt.skills().stream().filter(e -> e.skillId().equals(skill)).findFirst().orElseThrow()
                .probability();
        double now = required.skills().stream().filter(e -> e.skillId().equals(skill)).findFirst().orElseThrow()
                .probability();
        assertTrue(now < was, "a skill with a prerequisite starts lower: " + was + " → " + now);

        // retired: out of the model again, and a baseline says so
        given().auth().oauth2(author).delete("/api/v1/skills/" + slug).then().statusCode(204);
        assertEquals(before + 3, outboxBaselines());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> baseline.publishIfChanged(null)).isEmpty(),
                "the last one published is the current one");
    }

    // ------------------------------------------------------------------------------------------ a fit

    @Test
    void aFitPublishesOneBaselineAndItsItemParametersAndTheReplayGivesWhatTheConsumerGives() throws Exception {
        String first = "practised-" + shortId();
        play(first);
        for (int i = 0; i < 3; i++) {
            play("practice-population-" + shortId());
        }

        // a replay with the same parameters gives exactly what the consumer computed, practice answers included
        ModelInForce.Snapshot snap = model.current();
        double[] consumed = tracker.estimates(first, snap);
        QuarkusTransaction.requiringNew().run(() -> store.setLearnerFit(first, -1));
        tracker.replay(first); // or the background replay of learners left behind got there first
        waitUntil(() -> QuarkusTransaction.requiringNew().call(() -> store.learnerFit(first)) == snap.fitId());
        assertArrayEquals(consumed, tracker.estimates(first, model.current()));
        Map<String, Float> before = estimates(first);

        long fitId = ((Number) given().auth().oauth2(TestTokens.admin()).post("/api/v1/learner-model/fits").then()
                .statusCode(202).extract().path("id")).longValue();
        waitUntil(() -> "applied".equals(given().auth().oauth2(TestTokens.author())
                .get("/api/v1/learner-model/fits/" + fitId).then().statusCode(200).extract().path("fit.status")));
        waitUntil(() -> QuarkusTransaction.requiringNew().call(() -> store.learnerFit(first)) == fitId);

        // the refit and replay give what a fresh consumer of the same events gives with the new parameters
        String fresh = "practised-fresh-" + shortId();
        play(fresh);
        ModelInForce.Snapshot fitted = model.current();
        assertEquals(fitId, fitted.fitId());
        assertArrayEquals(tracker.estimates(fresh, fitted), tracker.estimates(first, fitted),
                "replay = a fresh consumer of the same events");
        assertEquals(estimates(fresh), estimates(first));
        assertNotEquals(before, estimates(first), "the refit changed the estimates (else this proves nothing)");

        // the replay was announced: the learner's whole estimates under the new fit, caused by the fit
        LearnerEstimates replayed = stream.events(Topics.PROGRESS, first, EventTypes.LEARNER_ESTIMATES.type(),
                found -> found.stream().anyMatch(e -> EventTypes.LEARNER_ESTIMATES.read(e).fitId() == fitId)).stream()
                .map(EventTypes.LEARNER_ESTIMATES::read).filter(e -> e.fitId() == fitId).findFirst().orElseThrow();
        double[] now = tracker.estimates(first, fitted);
        for (int i = 0; i < now.length; i++) {
            assertEquals(now[i], replayed.skills().get(i).probability(), 0);
        }
        assertEquals(UUID.nameUUIDFromBytes(("fit:" + fitId).getBytes()), replayed.causeEventId());

        // one baseline for the fit, computed with it
        List<LearnerEstimates> baselines = stream.events(Topics.CATALOG, ModelBaseline.KEY,
                EventTypes.MODEL_BASELINE.type(), found -> found.stream()
                        .anyMatch(e -> EventTypes.MODEL_BASELINE.read(e).fitId() == fitId))
                .stream().map(EventTypes.MODEL_BASELINE::read).filter(b -> b.fitId() == fitId).toList();
        assertEquals(1, baselines.size(), "one baseline for the fit");
        double[] start = fitted.baseline();
        for (int i = 0; i < start.length; i++) {
            assertEquals(start[i], baselines.get(0).skills().get(i).probability(), 0);
        }

        // one item.fitted per question version the fit wrote, with what it wrote
        long items = Rows.count(db, "select count(*) from item_fit where fit_id = ?", fitId);
        assertTrue(items >= 6, "the fit wrote the practice questions' parameters too: " + items);
        List<CloudEvent> itemEvents = new ArrayList<>();
        try (var reader = new TopicReader(bootstrap, Topics.CATALOG)) {
            reader.readUntil(rs -> fittedOf(rs, fitId).size() >= items, ProgressStream.WAIT);
            itemEvents.addAll(fittedOf(reader.readToEnd(ProgressStream.WAIT), fitId));
        }
        assertEquals(items, itemEvents.size(), "one event per fitted question version");
        Set<ItemKey> keys = new HashSet<>();
        for (CloudEvent e : itemEvents) {
            ItemParametersFitted p = EventTypes.ITEM_PARAMETERS_FITTED.read(e);
            assertTrue(keys.add(new ItemKey(p.questionId(), p.questionVersion())), "each version once");
            assertEquals(p.questionId().toString(), e.subject());
            String row = Rows.text(db, "select guess || ' ' || slip || ' ' || difficulty || ' ' || observations"
                    + " from item_fit where fit_id = ? and question_id = ? and question_version = ?", fitId,
                    p.questionId(), p.questionVersion());
            assertEquals(row, Rows.text(db, "select ?::double precision || ' ' || ?::double precision || ' ' ||"
                    + " ?::double precision || ' ' || ?::integer", p.guess(), p.slip(), p.difficulty(), p.answers()));
        }
        assertTrue(keys.contains(new ItemKey(PRACTICE_Q1, 1)), "a practice question is fitted like any other");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static final UUID PRACTICE_Q1 = UUID.nameUUIDFromBytes("practice-q1".getBytes());
    private static final UUID PRACTICE_Q2 = UUID.nameUUIDFromBytes("practice-q2".getBytes());
    private static final UUID PRACTICE_Q3 = UUID.nameUUIDFromBytes("practice-q3".getBytes());
    private static final UUID QUIZ_Q1 = UUID.nameUUIDFromBytes("practice-test-quiz-q1".getBytes());
    private static final UUID QUIZ_Q2 = UUID.nameUUIDFromBytes("practice-test-quiz-q2".getBytes());
    private static final UUID QUIZ_Q3 = UUID.nameUUIDFromBytes("practice-test-quiz-q3".getBytes());

    /** One learner's history: an attempt, then a practice session of five answers (the same questions for all). */
    private void play(String learner) throws Exception {
        UUID session = UUID.randomUUID();
        stream.send(graded(learner, List.of(answer(QUIZ_Q1, "single_choice", 4, true, GIT),
                answer(QUIZ_Q2, "numeric", 0, false, SQL), answer(QUIZ_Q3, "true_false", 0, true, HTTP))),
                practiced(learner, session, 1, answer(PRACTICE_Q1, "single_choice", 4, false, SQL)),
                practiced(learner, session, 2, answer(PRACTICE_Q2, "numeric", 0, true, SQL)),
                practiced(learner, session, 3, answer(PRACTICE_Q1, "single_choice", 4, true, SQL)),
                practiced(learner, session, 4, answer(PRACTICE_Q3, "ordering", 4, true, GIT, SQL)),
                practiced(learner, session, 5, answer(PRACTICE_Q2, "numeric", 0, true, SQL)));
        waitUntil(() -> observations(learner, "sql") == 6 && observations(learner, "git") == 2);
    }

    private List<LearnerEstimates> estimatesOf(String learner, int atLeast) {
        return stream.events(learner, EventTypes.LEARNER_ESTIMATES.type(), atLeast).stream()
                .map(EventTypes.LEARNER_ESTIMATES::read).toList();
    }

    private static List<CloudEvent> fittedOf(List<ConsumerRecord<String, byte[]>> rs,
            long fitId) {
        List<CloudEvent> out = new ArrayList<>();
        for (var r : rs) {
            try {
                CloudEvent e = CloudEventCodec.parse(r.value());
                if (EventTypes.ITEM_PARAMETERS_FITTED.matches(e)
                        && EventTypes.ITEM_PARAMETERS_FITTED.read(e).fitId() == fitId) {
                    out.add(e);
                }
            } catch (RuntimeException notOurs) {
                // another service's record, or one that is not an event
            }
        }
        return out;
    }

    private LearnerEstimates baselineCausedBy(UUID cause) {
        return stream.events(Topics.CATALOG, ModelBaseline.KEY, EventTypes.MODEL_BASELINE.type(), found -> found.stream()
                .anyMatch(e -> cause.equals(EventTypes.MODEL_BASELINE.read(e).causeEventId()))).stream()
                .map(EventTypes.MODEL_BASELINE::read).filter(e -> cause.equals(e.causeEventId())).findFirst()
                .orElseThrow(() -> new AssertionError("no baseline caused by " + cause));
    }

    private long outboxBaselines() throws Exception {
        return Rows.count(db, "select count(*) from outbox where event_type = ?", EventTypes.MODEL_BASELINE.type());
    }
}
