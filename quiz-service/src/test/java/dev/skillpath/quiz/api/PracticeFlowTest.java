package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.catalogueKnows;
import static dev.skillpath.quiz.api.QuizTestSupport.correctAnswer;
import static dev.skillpath.quiz.api.QuizTestSupport.events;
import static dev.skillpath.quiz.api.QuizTestSupport.problem;
import static dev.skillpath.quiz.api.QuizTestSupport.publish;
import static dev.skillpath.quiz.api.QuizTestSupport.question;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.waitUntil;
import static dev.skillpath.quiz.api.QuizTestSupport.wrongAnswer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

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
import dev.skillpath.devinfra.testing.Races;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.ItemParametersFitted;
import dev.skillpath.events.payload.LearnerEstimates;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.platform.learning.PracticePicker;
import dev.skillpath.quiz.practice.EstimateSnapshots;
import dev.skillpath.quiz.practice.PracticePool;
import dev.skillpath.quiz.store.ItemParameterStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Practice sessions on the running service, with the learner model's estimates arriving over the real broker. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PracticeFlowTest {

    static final UUID GIT = SeededSkills.id("git");
    static final UUID SQL = SeededSkills.id("sql");
    static final UUID HTTP = SeededSkills.id("http");
    static final UUID FLASK = SeededSkills.id("flask");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EstimateSnapshots snapshots;

    @Inject
    ItemParameterStore itemParameters;

    @Inject
    PracticePool pool;

    @BeforeEach
    void catalogue() throws InterruptedException {
        catalogueKnows(bootstrap, "git", "sql", "http", "flask");
    }

    /** Publishes a learner's estimates as skills-service would and waits until the projection holds them. */
    void estimates(String learner, long fitId, Map<UUID, Double> estimates, List<UUID> frontier)
            throws InterruptedException {
        estimates(learner, fitId, estimates, frontier, List.of());
    }

    void estimates(String learner, long fitId, Map<UUID, Double> estimates, List<UUID> frontier, List<UUID> toConfirm)
            throws InterruptedException {
        List<LearnerEstimates.SkillEstimate> skills = estimates.entrySet().stream()
                .map(e -> new LearnerEstimates.SkillEstimate(e.getKey(), e.getValue(), e.getValue() >= 0.95)).toList();
        publish(bootstrap, EventTypes.LEARNER_ESTIMATES, learner,
                new LearnerEstimates(learner, fitId, skills, frontier, toConfirm, UUID.randomUUID(), Instant.now()));
        waitUntil(() -> QuarkusTransaction.requiringNew().call(() -> snapshots.of(learner)
                .filter(s -> s.source().equals("learner") && s.fitId() == fitId && s.estimates().equals(estimates))
                .isPresent()));
    }

    @Test
    void aReviewSessionTargetsTheMasteredSkillsWhoseReviewIsDueAndEndsWhenEachWasAnswered() throws Exception {
        String learner = "reviews-" + shortId();
        String token = TestTokens.learner(learner);
        Instant now = Instant.now();
        // git and sql mastered and due (sql the more overdue), http mastered and not yet due, flask not mastered
        List<LearnerEstimates.SkillEstimate> skills = List.of(
                new LearnerEstimates.SkillEstimate(GIT, 0.97, true, now.minus(java.time.Duration.ofHours(2))),
                new LearnerEstimates.SkillEstimate(SQL, 0.96, true, now.minus(java.time.Duration.ofDays(3))),
                new LearnerEstimates.SkillEstimate(HTTP, 0.98, true, now.plus(java.time.Duration.ofDays(4))),
                new LearnerEstimates.SkillEstimate(FLASK, 0.4, false, now.minus(java.time.Duration.ofDays(9))));
        publish(bootstrap, EventTypes.LEARNER_ESTIMATES, learner,
                new LearnerEstimates(learner, 21, skills, List.of(FLASK), List.of(), UUID.randomUUID(), now));
        waitUntil(() -> QuarkusTransaction.requiringNew().call(() -> snapshots.of(learner)
                .filter(s -> s.fitId() == 21).isPresent()));

        String session = as(token).body(Map.of("target", "reviews")).post("/api/v1/practice-sessions").then()
                .statusCode(201).body("target", equalTo("reviews"))
                .body("targetSkills.slug", equalTo(List.of("sql", "git"))).extract().path("id");
        Set<String> practised = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> q = next(token, session).then().statusCode(200).body("status", equalTo("active"))
                    .extract().path("question");
            String id = (String) q.get("questionId");
            answer(token, session, id, correctAnswer(question(id))).then().statusCode(200);
            practised.add(as(token).get("/api/v1/practice-sessions/" + session).then().statusCode(200)
                    .extract().path("items[" + i + "].skill.slug"));
        }
        assertEquals(Set.of("sql", "git"), practised, "each due review once");
        next(token, session).then().statusCode(200).body("status", equalTo("ended"))
                .body("endReason", equalTo("reviews-done")).body("question", nullValue());

        // nothing due: a conflict, and a review session names no skill
        String fresh = "fresh-" + shortId();
        publish(bootstrap, EventTypes.LEARNER_ESTIMATES, fresh, new LearnerEstimates(fresh, 22, List.of(
                new LearnerEstimates.SkillEstimate(HTTP, 0.98, true, now.plus(java.time.Duration.ofDays(4)))),
                List.of(), List.of(), UUID.randomUUID(), now));
        waitUntil(() -> QuarkusTransaction.requiringNew().call(() -> snapshots.of(fresh)
                .filter(s -> s.fitId() == 22).isPresent()));
        problem(as(TestTokens.learner(fresh)).body(Map.of("target", "reviews")).post("/api/v1/practice-sessions"), 409)
                .body("type", containsString("no-reviews-due"));
        problem(as(TestTokens.learner(fresh)).body(Map.of("target", "reviews", "skill", "http"))
                .post("/api/v1/practice-sessions"), 400).body("violations[0].field", equalTo("skill"));
    }

    static String startSkill(String token, String skill, Integer max) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("target", "skill", "skill", skill));
        if (max != null) {
            body.put("maxQuestions", max);
        }
        return as(token).body(body).post("/api/v1/practice-sessions").then().statusCode(201)
                .header("Location", containsString("/api/v1/practice-sessions/")).body("status", equalTo("active"))
                .extract().path("id");
    }

    static Response next(String token, String session) {
        return as(token).get("/api/v1/practice-sessions/" + session + "/next");
    }

    static Response answer(String token, String session, String questionId, Map<String, Object> answer) {
        return as(token).body(Map.of("questionId", questionId, "answer", answer))
                .post("/api/v1/practice-sessions/" + session + "/answers");
    }

    @Test
    @Order(1)
    void aFrontierSessionBeforeTheModelPublishedAnythingIsAConflictAndChangesNothing() {
        String token = TestTokens.learner("newcomer-" + shortId());
        problem(as(token).body(Map.of("target", "frontier")).post("/api/v1/practice-sessions"), 409)
                .body("type", containsString("estimates-not-known"));
    }

    @Test
    void aSkillSessionGivesTaggedQuestionsWithoutTheirKeyAndGradesEachAtOnce() throws Exception {
        String learner = "practice-" + shortId();
        String token = TestTokens.learner(learner);
        String session = startSkill(token, "git", null);
        Response first = next(token, session);
        first.then().statusCode(200).body("status", equalTo("active")).body("question.skill.id", equalTo(GIT.toString()))
                .body("question.position", equalTo(1)).body("question.options.correct", not(hasItem(true)))
                .body(not(containsString("\"correct\""))).body(not(containsString("acceptedAnswers")))
                .body(not(containsString("generalFeedback")));
        String q1 = first.path("question.questionId");
        // asking again gives the same open question
        next(token, session).then().statusCode(200).body("question.questionId", equalTo(q1));
        Map<String, Object> key = question(q1);
        assertTrue(((List<?>) key.get("skills")).stream().anyMatch(s -> ((Map<?, ?>) s).get("id").equals(GIT.toString())));

        answer(token, session, q1, correctAnswer(key)).then().statusCode(200).body("correct", equalTo(true))
                .body("credit", equalTo(1.0f)).body("review.correct", equalTo(true))
                .body("review.correctAnswer", notNullValue()).body("answered", equalTo(1))
                .body("correctAnswers", equalTo(1)).body("status", equalTo("active"));
        // the answer is evidence for the learner model, keyed by learner
        CloudEvent event = events(bootstrap, Topics.PROGRESS, learner, EventTypes.PRACTICE_ANSWERED.type(), 1).get(0);
        PracticeAnswered practised = EventTypes.PRACTICE_ANSWERED.read(event);
        assertEquals(learner, practised.learnerId());
        assertEquals(UUID.fromString(session), practised.sessionId());
        assertEquals(UUID.fromString(q1), practised.answer().questionId());
        assertTrue(practised.answer().correct() && practised.answer().answered());
        assertTrue(practised.answer().skillIds().contains(GIT));
        assertEquals(key.get("type"), practised.answer().questionType());

        // only the first answer counts
        problem(answer(token, session, q1, wrongAnswer(key)), 409).body("type", containsString("already-answered"));

        String q2 = next(token, session).then().statusCode(200).extract().path("question.questionId");
        assertNotEquals(q1, q2, "never twice in a session");
        Map<String, Object> key2 = question(q2);
        answer(token, session, q2, wrongAnswer(key2)).then().statusCode(200).body("correct", equalTo(false))
                .body("review.correct", equalTo(false)).body("review.correctAnswer", notNullValue())
                .body("answered", equalTo(2)).body("correctAnswers", equalTo(1));

        // the session shows why each question was chosen
        as(token).get("/api/v1/practice-sessions/" + session).then().statusCode(200)
                .body("target", equalTo("skill")).body("targetSkills.id", equalTo(List.of(GIT.toString())))
                .body("answered", equalTo(2)).body("correctAnswers", equalTo(1)).body("items", hasSize(2))
                .body("items[0].questionId", equalTo(q1)).body("items[0].correct", equalTo(true))
                .body("items[1].correct", equalTo(false)).body("items[0].skill.slug", equalTo("git"))
                .body("items[0].parameters", equalTo("shape")).body("items[0].reason", containsString("practises git"))
                .body("items[0].predicted", notNullValue()).body("items[0].skillEstimate", notNullValue());
    }

    @Test
    void theNextQuestionIsTheOneWhosePredictedChanceIsClosestToTheTarget() throws Exception {
        String learner = "picked-" + shortId();
        String token = TestTokens.learner(learner);
        estimates(learner, 3, Map.of(GIT, 0.6, SQL, 0.2, HTTP, 0.4), List.of(GIT));
        String session = startSkill(token, "git", 3);
        var item = next(token, session).then().statusCode(200).extract();
        double predicted = ((Number) item.path("question.predicted")).doubleValue();
        var view = as(token).get("/api/v1/practice-sessions/" + session).then().statusCode(200).extract();
        assertEquals(0.6, ((Number) view.path("items[0].skillEstimate")).doubleValue(), 1e-6,
                "the estimate is the learner model's, from the projection");
        double guess = ((Number) view.path("items[0].guess")).doubleValue();
        assertEquals(0.6 * (1 - 0.1) + 0.4 * guess, predicted, 1e-3, "the noisy-AND of the estimate and the item");
        // no git question of the bank predicts closer to 0.7: the same rule computed here from the author's view
        List<String> pool = as(AUTHOR).get("/api/v1/questions?skill=git&size=100").then().statusCode(200)
                .extract().path("items.id");
        assertTrue(pool.size() >= 3, "git has a pool to choose from");
        Map<UUID, Double> known = Map.of(GIT, 0.6, SQL, 0.2, HTTP, 0.4);
        double best = Double.MAX_VALUE;
        for (String id : pool) {
            best = Math.min(best, Math.abs(predictedFromAuthorView(question(id), known) - PracticePicker.TARGET_CHANCE));
        }
        assertEquals(best, Math.abs(predicted - PracticePicker.TARGET_CHANCE), 1e-3);
        String picked = item.path("question.questionId");
        assertEquals(predicted, predictedFromAuthorView(question(picked), known), 1e-3);
    }

    /** The noisy-AND prediction with the shape's starting guess and slip 0.1, from a question's author view. */
    @SuppressWarnings("unchecked")
    static double predictedFromAuthorView(Map<String, Object> q, Map<UUID, Double> estimates) {
        String type = (String) q.get("type");
        List<Map<String, Object>> options = (List<Map<String, Object>>) q.get("options");
        int n = options == null || type.equals("true_false") ? 0 : options.size();
        int correct = options == null || type.equals("ordering") ? 0
                : (int) options.stream().filter(o -> Boolean.TRUE.equals(o.get("correct"))).count();
        double guess = new dev.skillpath.platform.learning.QuestionShape(type, n, correct)
                .startingGuess(dev.skillpath.platform.learning.QuestionShape.FLOOR);
        double all = 1;
        for (Object s : (List<Object>) q.get("skills")) {
            all *= estimates.getOrDefault(UUID.fromString((String) ((Map<String, Object>) s).get("id")),
                    EstimateSnapshots.UNKNOWN_ESTIMATE);
        }
        return all * 0.9 + (1 - all) * guess;
    }

    @Test
    void theLearnerModelsFittedItemParametersDecideThePick() throws Exception {
        String learner = "fitted-" + shortId();
        String token = TestTokens.learner(learner);
        estimates(learner, 4, Map.of(SQL, 0.6), List.of(SQL));
        List<String> ids = as(AUTHOR).get("/api/v1/questions?skill=sql&size=100").then().statusCode(200)
                .extract().path("items.id");
        // a fit that makes every sql question hard to guess but one, which a 0.6 learner answers right 0.716 of the
        // time (0.6·0.9 + 0.4·0.44): the only prediction near 0.7
        String chosen = ids.get(ids.size() / 2);
        List<ItemParameterStore.VersionKey> keys = new ArrayList<>();
        for (String id : ids) {
            int version = ((Number) question(id).get("version")).intValue();
            keys.add(new ItemParameterStore.VersionKey(UUID.fromString(id), version));
            boolean special = id.equals(chosen);
            publish(bootstrap, EventTypes.ITEM_PARAMETERS_FITTED, id, new ItemParametersFitted(UUID.fromString(id),
                    version, special ? 0.44 : 0.05, special ? 0.1 : 0.05, special ? -0.3 : 1.2, 40, 9000 + keys.size(),
                    Instant.now()));
        }
        waitUntil(() -> QuarkusTransaction.requiringNew().call(() -> itemParameters.byVersions(keys).size() == keys.size()));
        // the pool is read again once each fit commits (kept 10 minutes in tests, so only that can show the fits)
        waitUntil(() -> pool.of(Set.of(SQL)).stream().filter(e -> ids.contains(e.questionId().toString()))
                .allMatch(e -> e.fitted() && (e.guess() == 0.44) == e.questionId().toString().equals(chosen)));
        String session = startSkill(token, "sql", 2);
        next(token, session).then().statusCode(200).body("question.questionId", equalTo(chosen));
        as(token).get("/api/v1/practice-sessions/" + session).then().statusCode(200)
                .body("items[0].parameters", equalTo("fitted")).body("items[0].guess", equalTo(0.44f))
                .body("items[0].slip", equalTo(0.1f)).body("items[0].difficulty", equalTo(-0.3f))
                .body("items[0].predicted", equalTo((float) (Math.round((0.6 * 0.9 + 0.4 * 0.44) * 10_000) / 10_000d)))
                .body("items[0].reason", containsString("fitted guess 0.44"));
    }

    @Test
    void aFrontierSessionTargetsTheFrontierAndEndsWhenItIsMastered() throws Exception {
        String learner = "frontier-" + shortId();
        String token = TestTokens.learner(learner);
        estimates(learner, 1, Map.of(GIT, 0.3, SQL, 0.4), List.of(SQL, GIT));
        String session = as(token).body(Map.of("target", "frontier", "maxQuestions", 10))
                .post("/api/v1/practice-sessions").then().statusCode(201).body("target", equalTo("frontier"))
                .body("targetSkills.id", equalTo(List.of(SQL.toString(), GIT.toString()))).extract().path("id");
        String q = next(token, session).then().statusCode(200).extract().path("question.questionId");
        answer(token, session, q, correctAnswer(question(q))).then().statusCode(200);
        // the learner model says both are mastered now
        estimates(learner, 1, Map.of(GIT, 0.97, SQL, 0.96), List.of(HTTP));
        next(token, session).then().statusCode(200).body("status", equalTo("ended"))
                .body("endReason", equalTo("target-mastered")).body("question", nullValue());
        problem(answer(token, session, q, correctAnswer(question(q))), 409);
    }

    @Test
    void aNewcomersFrontierSessionConfirmsTheRootsAndAnEmptyFringeIsAConflict() throws Exception {
        String learner = "roots-" + shortId();
        String token = TestTokens.learner(learner);
        // nothing ready to learn yet (no evidence): the skills to confirm are the targets
        estimates(learner, 1, Map.of(HTTP, 0.5, GIT, 0.1), List.of(), List.of(HTTP));
        as(token).body(Map.of("target", "frontier")).post("/api/v1/practice-sessions").then().statusCode(201)
                .body("targetSkills.id", equalTo(List.of(HTTP.toString())));
        // everything mastered or waiting for a prerequisite
        estimates(learner, 2, Map.of(HTTP, 0.99, GIT, 0.1), List.of(), List.of());
        problem(as(token).body(Map.of("target", "frontier")).post("/api/v1/practice-sessions"), 409)
                .body("type", containsString("frontier-empty"));
    }

    @Test
    void aSessionEndsAtItsQuestionLimitAndWhenItsPoolRunsOut() throws Exception {
        String token = TestTokens.learner("limits-" + shortId());
        String limited = startSkill(token, "git", 1);
        String q = next(token, limited).then().statusCode(200).extract().path("question.questionId");
        answer(token, limited, q, wrongAnswer(question(q))).then().statusCode(200).body("status", equalTo("ended"))
                .body("endReason", equalTo("question-limit"));
        next(token, limited).then().statusCode(200).body("status", equalTo("ended")).body("question", nullValue());

        // flask's pool is small: a session asks each of its questions once, then runs out
        List<String> pool = as(AUTHOR).get("/api/v1/questions?skill=flask&size=100").then().statusCode(200)
                .extract().path("items.id");
        String session = startSkill(token, "flask", 100);
        Set<String> given = new HashSet<>();
        for (int i = 0; i < pool.size(); i++) {
            String id = next(token, session).then().statusCode(200).body("status", equalTo("active")).extract()
                    .path("question.questionId");
            assertTrue(given.add(id), "no repeat");
            answer(token, session, id, correctAnswer(question(id))).then().statusCode(200);
        }
        assertEquals(new HashSet<>(pool), given);
        next(token, session).then().statusCode(200).body("status", equalTo("ended"))
                .body("endReason", equalTo("pool-exhausted"));
        // and a new session the same day finds nothing new: seen recently
        String again = startSkill(token, "flask", 5);
        next(token, again).then().statusCode(200).body("endReason", equalTo("pool-exhausted"));
    }

    /** A skill of its own, so that a test decides its whole pool: the catalogue event, as skills-service sends it. */
    String skillOfItsOwn() throws InterruptedException {
        String slug = "edited-" + shortId();
        UUID id = UUID.randomUUID();
        publish(bootstrap, EventTypes.SKILL_CREATED, id.toString(),
                new dev.skillpath.events.payload.SkillChanged(id, slug, "Skill " + slug, "testing", "foundation", false));
        waitUntil(() -> as(AUTHOR).body(trueFalse("probe", slug, true)).post("/api/v1/questions").statusCode() == 201);
        // the probe question is the pool's first member; the tests below know it is there
        return slug;
    }

    static Map<String, Object> trueFalse(String prompt, String skill, boolean answer) {
        return Map.of("type", "true_false", "prompt", prompt + " " + shortId(), "skills", List.of(skill), "answer",
                answer, "trueFeedback", "It is.", "falseFeedback", "It is not.");
    }

    @Test
    void anEditAfterAQuestionWasGivenMakesANewVersionAndAnEditBeforeIsSeenByTheNextPick() throws Exception {
        String slug = skillOfItsOwn();
        String probe = as(AUTHOR).get("/api/v1/questions?skill=" + slug + "&size=10").then().statusCode(200)
                .extract().path("items[0].id");
        // a single choice of three options: starting guess 1/3, predicted 0.5·0.9 + 0.5/3 = 0.617 for a learner the
        // model knows nothing of; the true/false probe predicts 0.7, the target, and is given first
        String choice = as(AUTHOR).body(Map.of("type", "single_choice", "prompt", "Which? " + shortId(), "skills",
                List.of(slug), "options", List.of(Map.of("text", "A", "correct", true), Map.of("text", "B"),
                        Map.of("text", "C")))).post("/api/v1/questions").then().statusCode(201).extract().path("id");
        String first = TestTokens.learner("editor-a-" + shortId());
        String session = startSkill(first, slug, 2);
        next(first, session).then().statusCode(200).body("question.questionId", equalTo(probe))
                .body("question.questionVersion", equalTo(1));

        // the author turns the given question's key around: the learner answers the version given, graded by it
        as(AUTHOR).body(trueFalse("Turned around", slug, false)).put("/api/v1/questions/" + probe).then()
                .statusCode(200).body("version", equalTo(2));
        answer(first, session, probe, Map.of("value", true)).then().statusCode(200).body("correct", equalTo(true));
        as(first).get("/api/v1/practice-sessions/" + session).then().statusCode(200)
                .body("items[0].questionVersion", equalTo(1));

        // the choice was a candidate (its shape read) but given to nobody: an edit changes it in place, and the next
        // pick sees the edited shape, a true/false with guess 0.5, not the choice's 1/3
        as(AUTHOR).body(trueFalse("Was a choice", slug, true)).put("/api/v1/questions/" + choice).then()
                .statusCode(200).body("version", equalTo(1));
        String second = TestTokens.learner("editor-b-" + shortId());
        String other = startSkill(second, slug, 2);
        for (int i = 0; i < 2; i++) {
            String q = next(second, other).then().statusCode(200).extract().path("question.questionId");
            answer(second, other, q, Map.of("value", true)).then().statusCode(200);
        }
        as(second).get("/api/v1/practice-sessions/" + other).then().statusCode(200)
                .body("items.questionId", org.hamcrest.Matchers.containsInAnyOrder(probe, choice))
                .body("items.type", equalTo(List.of("true_false", "true_false")))
                .body("items.guess", equalTo(List.of(0.5f, 0.5f)));
    }

    @Test
    void theLearnerEndsASessionAndEndingTwiceChangesNothing() {
        String token = TestTokens.learner("ender-" + shortId());
        String session = startSkill(token, "sql", null);
        next(token, session).then().statusCode(200);
        as(token).post("/api/v1/practice-sessions/" + session + "/end").then().statusCode(200)
                .body("status", equalTo("ended")).body("endReason", equalTo("by-learner"));
        String endedAt = as(token).post("/api/v1/practice-sessions/" + session + "/end").then().statusCode(200)
                .extract().path("endedAt");
        as(token).get("/api/v1/practice-sessions/" + session).then().body("endedAt", equalTo(endedAt));
    }

    @Test
    void onlyTheSessionsLearnerUsesItAndAnAdminOnlyReadsIt() {
        String token = TestTokens.learner("owner-" + shortId());
        String session = startSkill(token, "sql", null);
        String q = next(token, session).then().statusCode(200).extract().path("question.questionId");
        String stranger = TestTokens.learner("stranger-" + shortId());
        problem(as(stranger).get("/api/v1/practice-sessions/" + session), 404);
        problem(next(stranger, session), 404);
        problem(answer(stranger, session, q, correctAnswer(question(q))), 404);
        problem(as(stranger).post("/api/v1/practice-sessions/" + session + "/end"), 404);
        as(TestTokens.admin()).get("/api/v1/practice-sessions/" + session).then().statusCode(200);
        problem(next(TestTokens.admin(), session), 403);
        problem(answer(TestTokens.admin(), session, q, correctAnswer(question(q))), 403);
        problem(given().get("/api/v1/practice-sessions/" + session), 401);
        problem(given().contentType("application/json").body(Map.of("target", "frontier"))
                .post("/api/v1/practice-sessions"), 401);
        // nothing the others tried changed it
        as(token).get("/api/v1/practice-sessions/" + session).then().body("status", equalTo("active"))
                .body("answered", equalTo(0)).body("items[0].answeredAt", nullValue());
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String token = TestTokens.learner("bad-" + shortId());
        String[] bodies = {"{\"target\": \"everything\"}", "{\"target\": \"skill\"}",
            "{\"target\": \"frontier\", \"skill\": \"git\"}", "{\"target\": \"skill\", \"skill\": \"git\", \"maxQuestions\": 0}",
            "{\"target\": \"skill\", \"skill\": \"git\", \"maxQuestions\": 101}",
            "{\"target\": \"skill\", \"skill\": \"git\", \"targetChance\": 1.5}", "{}", "[]", "{\"target\": 3}"};
        for (String body : bodies) {
            problem(as(token).body(body).post("/api/v1/practice-sessions"), 400);
        }
        problem(as(token).body(Map.of("target", "skill", "skill", "no-such-skill-" + shortId()))
                .post("/api/v1/practice-sessions"), 422).body("type", containsString("unknown-skill"));
        problem(as(token).get("/api/v1/practice-sessions/not-a-uuid"), 404); // like every id in a path
        problem(as(token).get("/api/v1/practice-sessions/" + UUID.randomUUID()), 404);

        String session = startSkill(token, "git", null);
        String q = next(token, session).then().statusCode(200).extract().path("question.questionId");
        Map<String, Object> key = question(q);
        Map<String, Object> wrongShape = key.get("type").equals("numeric") ? Map.of("text", "four") : Map.of("number", 4);
        problem(answer(token, session, q, wrongShape), 400);
        problem(answer(token, session, UUID.randomUUID().toString(), correctAnswer(key)), 404);
        problem(as(token).body("{\"questionId\": \"nope\", \"answer\": {}}")
                .post("/api/v1/practice-sessions/" + session + "/answers"), 400);
        problem(as(token).body(Map.of("questionId", q)).post("/api/v1/practice-sessions/" + session + "/answers"), 400);
        as(token).get("/api/v1/practice-sessions/" + session).then().statusCode(200).body("answered", equalTo(0))
                .body("items", hasSize(1)).body("items[0].answeredAt", nullValue());
        // the open question is still the same, and answerable
        next(token, session).then().body("question.questionId", equalTo(q));
        answer(token, session, q, correctAnswer(key)).then().statusCode(200);
    }

    @Test
    void answersSentAtOnceToOneQuestionCountOnce() throws Exception {
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        List<String> learners = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            String learner = "racer-" + shortId();
            learners.add(learner);
            String token = TestTokens.learner(learner);
            String session = startSkill(token, "sql", null);
            String q = next(token, session).then().statusCode(200).extract().path("question.questionId");
            Map<String, Object> key = correctAnswer(question(q));
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < Races.RACERS; i++) {
                calls.add(() -> answer(token, session, q, key).statusCode());
            }
            rounds.add(Races.statuses(Races.together(calls), status -> status));
            as(token).get("/api/v1/practice-sessions/" + session).then().body("answered", equalTo(1))
                    .body("correctAnswers", equalTo(1));
            // two next calls at once: one pick
            List<Callable<String>> nexts = List.of(() -> next(token, session).path("question.questionId"),
                    () -> next(token, session).path("question.questionId"));
            List<String> picked = Races.together(nexts);
            assertEquals(picked.get(0), picked.get(1), "one pick for two next calls at once");
            as(token).get("/api/v1/practice-sessions/" + session).then().body("items", hasSize(2));
        }
        Races.report("eight answers to one practice question", rounds);
        for (Map<Integer, Long> r : rounds) {
            assertEquals(Map.of(200, 1L, 409, (long) Races.RACERS - 1), r);
        }
        // one event per counted answer
        for (String learner : learners) {
            assertEquals(1, events(bootstrap, Topics.PROGRESS, learner, EventTypes.PRACTICE_ANSWERED.type(), 1).size());
        }
    }
}
