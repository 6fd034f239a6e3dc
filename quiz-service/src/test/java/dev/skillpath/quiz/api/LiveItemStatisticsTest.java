package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.correctAnswer;
import static dev.skillpath.quiz.api.QuizTestSupport.events;
import static dev.skillpath.quiz.api.QuizTestSupport.problem;
import static dev.skillpath.quiz.api.QuizTestSupport.question;
import static dev.skillpath.quiz.api.QuizTestSupport.save;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.submit;
import static dev.skillpath.quiz.api.QuizTestSupport.waitUntil;
import static dev.skillpath.quiz.api.QuizTestSupport.wrongAnswer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.Races;
import dev.skillpath.devinfra.testing.Rows;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventType;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.ItemParametersFitted;
import dev.skillpath.events.payload.QuestionFlagged;
import dev.skillpath.events.payload.SkillChanged;
import dev.skillpath.quiz.domain.ItemStatistics;
import dev.skillpath.quiz.store.ItemParameterStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Items measured live (issue #15): the statistics kept as running sums while attempts are graded equal a
 * recomputation from scratch ({@link ItemStatistics#analyse}, the reference) over the same first attempts; the
 * migration's backfill rebuilds the same sums; a question version is flagged once, also when gradings cross the
 * threshold at once, listed with {@code ?flagged=true} until a new version clears it; and the learner model's
 * fitted parameters, consumed from the real broker, appear beside the figures.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class LiveItemStatisticsTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource db;

    @Inject
    ItemParameterStore parameters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final ObjectMapper json = new ObjectMapper();

    /**
     * A generated history: several learners of different ability, partial credit (multiple choice, ordering),
     * blanks, a fixed quiz whose true/false question gets a new version halfway, a drawn quiz whose attempts get
     * different questions, retakes, attempts graded by the deadline sweep, an open attempt, and an author's and an
     * admin's own attempts. What the statistics say equals the reference over the counted first attempts, per
     * question and per question version, and at the quiz level.
     */
    @Test
    void statisticsEqualARecomputationFromScratch() throws Exception {
        String skill = freshSkill();
        String mc = createQuestion(multipleChoice(skill, "Which are even?"));
        String ord = createQuestion(ordering(skill, "Order the numbers"));
        String tf = createQuestion(trueFalse(skill, "Is 2 even?"));
        String sc = createQuestion(singleChoice(skill, "Which is prime?"));
        String num = createQuestion(Map.of("type", "numeric", "prompt", "6 × 7?", "skills", List.of(skill),
                "value", 42, "tolerance", 0.5));
        String st = createQuestion(Map.of("type", "short_text", "prompt", "Halving search?", "skills", List.of(skill),
                "acceptedAnswers", List.of("binary search")));
        String fixed = publish(Map.of("title", "Live fixed " + shortId(), "questions", List.of(mc, ord, tf, sc, num),
                "shuffleQuestions", true, "timeLimitSeconds", 600, "passMark", 50));
        String drawn = publish(Map.of("title", "Live drawn " + shortId(), "draw", Map.of("skill", skill, "count", 3),
                "passMark", 50));
        Map<String, Map<String, Object>> keys = new HashMap<>();
        for (String q : List.of(mc, ord, tf, sc, num, st)) {
            keys.put(q, question(q));
        }
        Random random = new Random(15);
        List<String> learners = IntStream.range(0, 22).mapToObj(i -> "live-" + i + "-" + shortId()).toList();
        for (int i = 0; i < learners.size(); i++) {
            if (i == 11) {
                // halfway, the true/false question gets a new version: later attempts are given version 2
                Map<String, Object> edit = new HashMap<>(trueFalse(skill, "Is 2 an even number?"));
                as(AUTHOR).body(edit).put("/api/v1/questions/" + tf).then().statusCode(200).body("version", equalTo(2));
                keys.put(tf, question(tf));
            }
            String token = TestTokens.learner(learners.get(i));
            double ability = 0.15 + 0.8 * random.nextDouble();
            take(token, fixed, keys, ability, random, i % 7 == 3 ? Ending.EXPIRE : Ending.SUBMIT);
            if (i % 4 == 0) {
                take(token, fixed, keys, 1.0, random, Ending.SUBMIT); // a retake, all right: must not count
            }
            if (i < 16) {
                take(token, drawn, keys, ability, random, Ending.SUBMIT);
            }
        }
        take(TestTokens.learner("live-open-" + shortId()), fixed, keys, 1.0, random, Ending.LEAVE_OPEN);
        // the quiz's author and an admin try them out, all wrong: must not count
        String author = TestTokens.token("live-author-" + shortId(), List.of("author"), Instant.now().plusSeconds(3600));
        String admin = TestTokens.token("live-admin-" + shortId(), List.of("admin"), Instant.now().plusSeconds(3600));
        for (String token : List.of(author, admin)) {
            take(token, fixed, keys, 0.0, random, Ending.SUBMIT);
            take(token, drawn, keys, 0.0, random, Ending.SUBMIT);
        }
        waitForTheSweep(fixed);

        for (String quiz : List.of(fixed, drawn)) {
            JsonNode live = statistics(quiz);
            Reference reference = reference(quiz, Set.of("live-author-", "live-admin-"));
            assertTrue(reference.attempts.size() >= 16, "the reference counts " + reference.attempts.size());
            assertEquals(reference.attempts.size(), live.get("attempts").asInt(), "counted first attempts");
            assertEquals(reference.averagePercentage(), live.get("averagePercentage").asDouble(), 1e-9, "average");
            assertEquals(reference.passRate(), live.get("passRate").asDouble(), 1e-9, "pass rate");
            assertEquals(30, live.at("/thresholds/minimumAttemptsToFlag").asInt());

            List<ItemStatistics.Item> byQuestion = ItemStatistics.analyse(new ArrayList<>(reference.questions()),
                    reference.scores(true));
            Map<String, JsonNode> shown = new HashMap<>();
            live.get("questions").forEach(q -> shown.put(q.get("questionId").asText(), q));
            assertEquals(reference.questions(), shown.keySet(), "the questions of " + quiz);
            for (ItemStatistics.Item item : byQuestion) {
                JsonNode q = shown.get(item.key().toString());
                assertSameFigures(item, q, "question " + item.key());
                List<ItemStatistics.Item> byVersion = ItemStatistics.analyse(
                        new ArrayList<>(reference.versionsOf(item.key().toString())), reference.scores(false));
                assertEquals(byVersion.size(), q.get("versions").size(), "versions of " + item.key());
                for (ItemStatistics.Item version : byVersion) {
                    JsonNode v = versionNode(q, reference.versionNumber.get(version.key().toString()));
                    assertSameFigures(version, v, "version " + version.key());
                    assertTrue(v.get("flag").isNull(), "fewer than 30 attempts flag nothing");
                }
            }
        }
        // the fixed quiz: version 2 of the true/false question is there beside version 1, the drawn one saw them all
        JsonNode tfStats = questionNode(statistics(fixed), tf);
        assertEquals(2, tfStats.get("versions").size());
        assertEquals("Is 2 an even number?", tfStats.get("prompt").asText(), "the newest version seen names it");
        assertEquals(6, statistics(drawn).get("questions").size(), "16 draws of 3 from 6 saw every question");
    }

    /** The migration's backfill, run again over today's attempts, gives exactly the sums the gradings kept. */
    @Test
    void theMigrationsBackfillRebuildsTheSameSums() throws Exception {
        String skill = freshSkill();
        String mc = createQuestion(multipleChoice(skill, "Backfill: which are even?"));
        String ord = createQuestion(ordering(skill, "Backfill: order them"));
        String quiz = publish(Map.of("title", "Backfill " + shortId(), "questions", List.of(mc, ord)));
        Map<String, Map<String, Object>> keys = Map.of(mc, question(mc), ord, question(ord));
        Random random = new Random(4);
        for (int i = 0; i < 6; i++) {
            take(TestTokens.learner("backfill-" + i + "-" + shortId()), quiz, keys, 0.5, random, Ending.SUBMIT);
        }
        String sql = Files.readString(Path.of("src/main/resources/db/migration/V4__item_statistics_live.sql"),
                StandardCharsets.UTF_8);
        String backfill = sql.substring(sql.indexOf("-- backfill:begin"), sql.indexOf("-- backfill:end"));
        String items = "select quiz_id, question_version_id, question_id, n, sum_fraction, sum_x, sum_xx, sum_y, sum_yy,"
                + " sum_xy, first_counted_at from item_statistics order by quiz_id, question_version_id";
        String quizzes = "select quiz_id, attempts, sum_percentage, passed from quiz_statistics order by quiz_id";
        try (Connection c = db.getConnection()) {
            List<List<String>> liveItems = rows(c, items);
            List<List<String>> liveQuizzes = rows(c, quizzes);
            assertTrue(liveItems.stream().anyMatch(r -> r.get(0).equals(quiz)), "this test's quiz has sums");
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("delete from item_statistics");
                s.execute("delete from quiz_statistics");
                for (String statement : backfill.split(";")) {
                    if (!statement.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
                        s.execute(statement);
                    }
                }
                assertEquals(liveQuizzes, rows(c, quizzes), "quiz totals rebuilt by the backfill");
                assertEquals(liveItems, rows(c, items), "item sums rebuilt by the backfill");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * A version crosses a threshold at its 30th counted first attempt and is flagged then, once: more attempts
     * raise nothing more. It is listed with {@code ?flagged=true} (authors only; bad input is a 400) until a new
     * version of the question clears it; the old version keeps its flag in its history.
     */
    @Test
    void aFlagIsRaisedOnceListedAndClearedByANewVersion() throws Exception {
        String skill = freshSkill();
        String easy = createQuestion(trueFalse(skill, "Flag: is 4 even?"));
        String mid = createQuestion(trueFalse(skill, "Flag: is 9 even?"));
        String quiz = publish(Map.of("title", "Flag " + shortId(), "questions", List.of(easy, mid)));
        for (int i = 0; i < 29; i++) {
            takeTrueFalse(TestTokens.learner("flag-" + i + "-" + shortId()), quiz, easy, true, mid, i % 2 == 0);
        }
        // an author's attempt adds nothing, not even the 30th attempt
        takeTrueFalse(TestTokens.author(), quiz, easy, true, mid, true);
        JsonNode before = questionNode(statistics(quiz), easy);
        assertEquals(29, before.get("attempts").asInt());
        assertEquals(List.of("too-easy"), texts(before.get("flags")), "the figures say too easy already");
        assertTrue(before.at("/versions/0/flag").isNull(), "but 29 attempts are not enough to flag");
        assertEquals(0, Rows.outbox(db, EventTypes.QUESTION_FLAGGED.type(), easy));

        takeTrueFalse(TestTokens.learner("flag-30-" + shortId()), quiz, easy, true, mid, false);
        JsonNode flag = questionNode(statistics(quiz), easy).at("/versions/0/flag");
        assertEquals(List.of("too-easy"), texts(flag.get("reasons")));
        assertEquals(30, flag.get("firstAttempts").asInt());
        assertEquals(1.0, flag.get("facility").asDouble());
        assertTrue(flag.get("discrimination").isNull(), "the rest of the attempt does not vary with it");
        assertEquals(quiz, flag.get("quizId").asText());
        for (int i = 0; i < 3; i++) {
            takeTrueFalse(TestTokens.learner("flag-more-" + i + "-" + shortId()), quiz, easy, true, mid, true);
        }
        assertEquals(33, questionNode(statistics(quiz), easy).get("attempts").asInt());
        assertEquals(1, Rows.outbox(db, EventTypes.QUESTION_FLAGGED.type(), easy), "one flag event, however many more");
        assertEquals(0, Rows.outbox(db, EventTypes.QUESTION_FLAGGED.type(), mid), "half right, nothing to flag");
        assertTrue(questionNode(statistics(quiz), mid).at("/versions/0/flag").isNull());

        List<CloudEvent> announced = events(bootstrap, Topics.CATALOG, easy, EventTypes.QUESTION_FLAGGED.type(), 1);
        assertEquals(1, announced.size());
        QuestionFlagged event = EventTypes.QUESTION_FLAGGED.read(announced.get(0));
        assertEquals(UUID.fromString(easy), event.questionId());
        assertEquals(1, event.questionVersion());
        assertEquals(List.of("too-easy"), event.reasons());
        assertEquals(30, event.firstAttempts());
        assertEquals(1.0, event.facility());
        assertNull(event.discrimination());
        assertNotNull(event.flaggedAt());

        // authors list it, with the flag; the other question only without the filter or with flagged=false
        as(AUTHOR).get("/api/v1/questions?flagged=true&skill=" + skill).then().statusCode(200)
                .body("total", equalTo(1)).body("items.id", equalTo(List.of(easy)))
                .body("items[0].flag.reasons", equalTo(List.of("too-easy")))
                .body("items[0].flag.firstAttempts", equalTo(30));
        as(AUTHOR).get("/api/v1/questions?flagged=false&skill=" + skill).then().statusCode(200)
                .body("items.id", equalTo(List.of(mid))).body("items[0].flag", equalTo(null));
        as(TestTokens.admin()).get("/api/v1/questions?flagged=true&skill=" + skill + "&page=0&size=1").then()
                .statusCode(200).body("total", equalTo(1)).body("size", equalTo(1));
        as(AUTHOR).get("/api/v1/questions?skill=" + skill).then().statusCode(200).body("total", equalTo(2));
        problem(as(TestTokens.learner("flag-nosy-" + shortId())).get("/api/v1/questions?flagged=true"), 403);
        problem(io.restassured.RestAssured.given().get("/api/v1/questions?flagged=true"), 401);
        problem(as(AUTHOR).get("/api/v1/questions?flagged=maybe"), 400).body("violations.field", hasItem("flagged"));
        problem(as(AUTHOR).get("/api/v1/questions?flagged=true&size=0"), 400);

        // a new version clears it; version 1 keeps its flag as history
        as(AUTHOR).body(trueFalse(skill, "Flag: is 4 an even number?")).put("/api/v1/questions/" + easy).then().statusCode(200)
                .body("version", equalTo(2));
        as(AUTHOR).get("/api/v1/questions?flagged=true&skill=" + skill).then().statusCode(200).body("total", equalTo(0));
        as(AUTHOR).get("/api/v1/questions/" + easy + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("[0].flag.reasons", equalTo(List.of("too-easy"))).body("[1].flag", equalTo(null));
        takeTrueFalse(TestTokens.learner("flag-v2-" + shortId()), quiz, easy, true, mid, true);
        JsonNode both = questionNode(statistics(quiz), easy);
        assertEquals(34, both.get("attempts").asInt(), "the question's figures: all its versions together");
        assertEquals(1, versionNode(both, 2).get("attempts").asInt());
        assertTrue(versionNode(both, 2).get("flag").isNull(), "the new version starts unflagged");
        assertFalse(versionNode(both, 1).get("flag").isNull());
        assertEquals(1, Rows.outbox(db, EventTypes.QUESTION_FLAGGED.type(), easy));
    }

    /**
     * Rounds of {@link Races#RACERS} submits at once, each round on a version that already has 29 counted first
     * attempts: every one of the gradings finds the version over the threshold, yet one flag and one event are
     * written, every grading is counted (no lost update), and no request fails.
     */
    @Test
    void gradingsThatCrossTheThresholdTogetherFlagOnce() throws Exception {
        String skill = freshSkill();
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            String q = createQuestion(trueFalse(skill, "Race " + round + ": is 6 even?"));
            String quiz = publish(Map.of("title", "Race " + shortId(), "questions", List.of(q)));
            seedSums(quiz, q, 29);
            List<Race.Call> submits = new ArrayList<>();
            for (int i = 0; i < Races.RACERS; i++) {
                String token = TestTokens.learner("racer-" + round + "-" + i + "-" + shortId());
                String attempt = QuizTestSupport.start(token, quiz);
                save(token, attempt, q, Map.of("value", true));
                submits.add(Race.Call.of(base, "POST", "api/v1/attempts/" + attempt + "/submit", token, null));
            }
            List<Race.Answer> answers = Race.run(submits);
            rounds.add(Races.statuses(answers, Race.Answer::status));
            assertEquals(Map.of(200, (long) Races.RACERS), new TreeMap<>(Races.statuses(answers, Race.Answer::status)),
                    answers.toString());
            assertEquals(29 + Races.RACERS, Rows.count(db, "select n from item_statistics where quiz_id = ?",
                    UUID.fromString(quiz)), "every grading counted");
            assertEquals(29 + Races.RACERS, Rows.count(db, "select attempts from quiz_statistics where quiz_id = ?",
                    UUID.fromString(quiz)));
            assertEquals(1, Rows.outbox(db, EventTypes.QUESTION_FLAGGED.type(), q), "one flag event in round " + round);
            assertEquals(1, Rows.count(db, "select count(*) from question_flag where question_id = ?", UUID.fromString(q)));
        }
        Races.report("gradings crossing a flag threshold", rounds);
        assertEquals(0, Races.errors(rounds));
    }

    /**
     * skills-service's fitted parameters, published to the real broker, appear beside the figures and through
     * {@link ItemParameterStore}; a duplicate changes nothing, nor does an older fit delivered late, and a newer
     * fit replaces the row.
     */
    @Test
    void theFittedParametersOfTheLearnerModelAreShownBesideTheFigures() throws Exception {
        String skill = freshSkill();
        String q = createQuestion(trueFalse(skill, "Model: is 8 even?"));
        String other = createQuestion(trueFalse(skill, "Model: is 7 even?"));
        String quiz = publish(Map.of("title", "Model " + shortId(), "questions", List.of(q, other)));
        takeTrueFalse(TestTokens.learner("model-" + shortId()), quiz, q, true, other, false);
        assertTrue(questionNode(statistics(quiz), q).at("/versions/0/model").isNull(), "not fitted yet");

        Instant fittedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CloudEvent fit = event(EventTypes.ITEM_PARAMETERS_FITTED, q,
                new ItemParametersFitted(UUID.fromString(q), 1, 0.42, 0.08, -1.25, 137, 7, fittedAt));
        send(Topics.CATALOG, q, fit);
        waitUntil(() -> !questionNode(statistics(quiz), q).at("/versions/0/model").isNull());
        JsonNode model = questionNode(statistics(quiz), q).at("/versions/0/model");
        assertEquals(-1.25, model.get("difficulty").asDouble());
        assertEquals(0.42, model.get("guess").asDouble());
        assertEquals(0.08, model.get("slip").asDouble());
        assertEquals(137, model.get("answers").asInt());
        assertEquals(fittedAt, OffsetDateTime.parse(model.get("fittedAt").asText()).toInstant());
        String updated = Rows.text(db, "select updated_at::text from item_parameter where question_id = ?", UUID.fromString(q));

        // the same event again, and an older fit delivered late: neither changes the row
        send(Topics.CATALOG, q, fit);
        send(Topics.CATALOG, q, event(EventTypes.ITEM_PARAMETERS_FITTED, q,
                new ItemParametersFitted(UUID.fromString(q), 1, 0.5, 0.5, 3.0, 10, 6, fittedAt.minusSeconds(60))));
        // a newer fit of the other question, sent last on the same partition (same key): once it is applied, the
        // two before it were handled
        send(Topics.CATALOG, q, event(EventTypes.ITEM_PARAMETERS_FITTED, q,
                new ItemParametersFitted(UUID.fromString(other), 1, 0.3, 0.1, 0.5, 137, 7, fittedAt)));
        waitUntil(() -> !questionNode(statistics(quiz), other).at("/versions/0/model").isNull());
        assertEquals(updated, Rows.text(db, "select updated_at::text from item_parameter where question_id = ?",
                UUID.fromString(q)), "the duplicate and the older fit left the row as it was");
        assertEquals(-1.25, questionNode(statistics(quiz), q).at("/versions/0/model/difficulty").asDouble());
        assertEquals(1, Rows.count(db, "select count(*) from processed_event where consumer_group = ? and event_id = ?",
                "quiz-service.item-parameters", fit.id()), "the duplicate was skipped by its id");

        // what the practice picker reads
        UUID versionId = UUID.fromString(Rows.text(db, "select id::text from question_version where question_id = ?"
                + " and version = 1", UUID.fromString(q)));
        Map<UUID, ItemParameterStore.ItemParameters> byId = parameters.byVersionIds(List.of(versionId, UUID.randomUUID()));
        assertEquals(Set.of(versionId), byId.keySet(), "a version never fitted is left out");
        assertEquals(0.42, byId.get(versionId).guess());
        assertEquals(7, byId.get(versionId).fitId());
        var key = new ItemParameterStore.VersionKey(UUID.fromString(q), 1);
        var byKey = parameters.byVersions(List.of(key, new ItemParameterStore.VersionKey(UUID.fromString(q), 2)));
        assertEquals(Set.of(key), byKey.keySet());
        assertEquals(-1.25, byKey.get(key).difficulty());

        // a newer fit replaces it
        send(Topics.CATALOG, q, event(EventTypes.ITEM_PARAMETERS_FITTED, q,
                new ItemParametersFitted(UUID.fromString(q), 1, 0.4, 0.1, -0.75, 150, 8, fittedAt.plusSeconds(60))));
        waitUntil(() -> questionNode(statistics(quiz), q).at("/versions/0/model/difficulty").asDouble() == -0.75);
        assertEquals(150, questionNode(statistics(quiz), q).at("/versions/0/model/answers").asInt());
    }

    // --- a history of attempts ---

    enum Ending { SUBMIT, EXPIRE, LEAVE_OPEN }

    /**
     * One attempt: each question right with the learner's ability, else partly right, wrong or blank. An attempt
     * ended by {@link Ending#EXPIRE} is moved past its deadline and left to the sweep.
     */
    private void take(String token, String quiz, Map<String, Map<String, Object>> keys, double ability, Random random,
            Ending ending) throws SQLException {
        var started = as(token).post("/api/v1/quizzes/" + quiz + "/attempts").then().statusCode(201).extract();
        String attempt = started.path("id");
        List<String> given = started.path("questions.questionId");
        for (String q : given) {
            Map<String, Object> key = keys.get(q);
            double roll = random.nextDouble();
            if (roll < ability) {
                save(token, attempt, q, correctAnswer(key));
            } else if (roll < ability + (1 - ability) * 0.4) {
                save(token, attempt, q, partialAnswer(key));
            } else if (roll < ability + (1 - ability) * 0.85) {
                save(token, attempt, q, wrongAnswer(key));
            } // else left blank
        }
        switch (ending) {
            case SUBMIT -> submit(token, attempt);
            case EXPIRE -> AttemptRows.expire(db, attempt);
            case LEAVE_OPEN -> { }
        }
    }

    private static void takeTrueFalse(String token, String quiz, String q1, boolean a1, String q2, boolean a2) {
        String attempt = QuizTestSupport.start(token, quiz);
        save(token, attempt, q1, Map.of("value", a1));
        save(token, attempt, q2, Map.of("value", a2));
        submit(token, attempt);
    }

    /** Half the credit where the type has partial credit (one of two correct options; two items swapped), else wrong. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> partialAnswer(Map<String, Object> q) {
        List<Map<String, Object>> options = (List<Map<String, Object>>) q.get("options");
        return switch ((String) q.get("type")) {
            case "multiple_choice" -> Map.of("choices", List.of(options.stream()
                    .filter(o -> Boolean.TRUE.equals(o.get("correct"))).findFirst().orElseThrow().get("id")));
            case "ordering" -> {
                List<Object> order = new ArrayList<>(options.stream().map(o -> o.get("id")).toList());
                java.util.Collections.swap(order, order.size() - 2, order.size() - 1);
                yield Map.of("order", order);
            }
            default -> wrongAnswer(q);
        };
    }

    private void waitForTheSweep(String quiz) throws InterruptedException, SQLException {
        waitUntil(() -> {
            try {
                return Rows.count(db, "select count(*) from attempt where quiz_id = ? and status = 'in_progress'"
                        + " and deadline < now()", UUID.fromString(quiz)) == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(Rows.count(db, "select count(*) from attempt where quiz_id = ? and auto_submitted and number = 1",
                UUID.fromString(quiz)) >= 3, "the sweep graded the expired first attempts");
    }

    // --- the reference: ItemStatistics over the stored first attempts ---

    private static final class Reference {
        final Map<String, Map<String, ItemStatistics.ItemScore>> byQuestion = new LinkedHashMap<>();
        final Map<String, Map<String, ItemStatistics.ItemScore>> byVersion = new LinkedHashMap<>();
        final Map<String, String> questionOfVersion = new HashMap<>();
        final Map<String, Integer> versionNumber = new HashMap<>();
        final Map<String, double[]> attempts = new LinkedHashMap<>(); // percentage, passed

        Set<String> questions() {
            Set<String> ids = new HashSet<>();
            byQuestion.values().forEach(m -> ids.addAll(m.keySet()));
            return ids;
        }

        Set<String> versionsOf(String question) {
            Set<String> ids = new HashSet<>();
            questionOfVersion.forEach((v, q) -> {
                if (q.equals(question)) {
                    ids.add(v);
                }
            });
            return ids;
        }

        List<ItemStatistics.AttemptScores> scores(boolean perQuestion) {
            return (perQuestion ? byQuestion : byVersion).values().stream().map(ItemStatistics.AttemptScores::new).toList();
        }

        double averagePercentage() {
            return Math.round(attempts.values().stream().mapToDouble(a -> a[0]).average().orElseThrow() * 100d) / 100d;
        }

        double passRate() {
            return Math.round(attempts.values().stream().filter(a -> a[1] == 1).count() / (double) attempts.size() * 100d)
                    / 100d;
        }
    }

    /** Every graded first attempt at the quiz from the database, leaving out learners whose ids start so. */
    private Reference reference(String quiz, Set<String> leftOut) throws SQLException {
        Reference r = new Reference();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select a.id, a.learner_id, a.score as total, a.max_score, a.passed, aq.question_id, aq.question_version_id,"
                        + " v.version, aq.score, v.points from attempt a join attempt_question aq on aq.attempt_id = a.id"
                        + " join question_version v on v.id = aq.question_version_id"
                        + " where a.quiz_id = ? and a.number = 1 and a.status = 'graded' order by a.graded_at, aq.position")) {
            ps.setObject(1, UUID.fromString(quiz));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String learner = rs.getString("learner_id");
                    if (leftOut.stream().anyMatch(learner::startsWith)) {
                        continue;
                    }
                    String attempt = rs.getString("id");
                    String question = rs.getString("question_id");
                    String version = rs.getString("question_version_id");
                    var score = new ItemStatistics.ItemScore(rs.getDouble("score"), rs.getDouble("points"));
                    r.byQuestion.computeIfAbsent(attempt, k -> new HashMap<>()).put(question, score);
                    r.byVersion.computeIfAbsent(attempt, k -> new HashMap<>()).put(version, score);
                    r.questionOfVersion.put(version, question);
                    r.versionNumber.put(version, rs.getInt("version"));
                    double max = rs.getDouble("max_score");
                    double percentage = max == 0 ? 0 : Math.round(rs.getDouble("total") / max * 10_000d) / 100d;
                    r.attempts.put(attempt, new double[] { percentage, rs.getBoolean("passed") ? 1 : 0 });
                }
            }
        }
        return r;
    }

    private static void assertSameFigures(ItemStatistics.Item expected, JsonNode shown, String what) {
        assertEquals(expected.attempts(), shown.get("attempts").asInt(), what + " attempts");
        assertClose(expected.facility(), shown.get("facility"), what + " facility");
        assertClose(expected.discrimination(), shown.get("discrimination"), what + " discrimination");
        assertEquals(expected.flags(), texts(shown.get("flags")), what + " flags");
    }

    /** Equal to the 4 decimals shown, give or take the last one (sums and the reference round apart). */
    private static void assertClose(Double expected, JsonNode shown, String what) {
        if (expected == null) {
            assertTrue(shown.isNull(), what + ": expected null, was " + shown);
        } else {
            assertFalse(shown.isNull(), what + ": expected " + expected + ", was null");
            assertEquals(expected, shown.asDouble(), 1.0001e-4, what);
        }
    }

    // --- the service, through its API ---

    private JsonNode statistics(String quiz) {
        try {
            return json.readTree(as(AUTHOR).get("/api/v1/quizzes/" + quiz + "/statistics").then().statusCode(200)
                    .extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode questionNode(JsonNode statistics, String question) {
        for (JsonNode q : statistics.get("questions")) {
            if (q.get("questionId").asText().equals(question)) {
                return q;
            }
        }
        throw new AssertionError("no question " + question + " in " + statistics);
    }

    private static JsonNode versionNode(JsonNode question, int version) {
        for (JsonNode v : question.get("versions")) {
            if (v.get("version").asInt() == version) {
                return v;
            }
        }
        throw new AssertionError("no version " + version + " in " + question);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static String publish(Map<String, Object> quiz) {
        String id = as(AUTHOR).body(quiz).post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + id + "/publish").then().statusCode(200);
        return id;
    }

    /** Creates a question; the first one of a fresh skill waits until the catalogue projection knows the skill. */
    private static String createQuestion(Map<String, Object> body) throws InterruptedException {
        String[] id = new String[1];
        waitUntil(() -> {
            var r = as(AUTHOR).body(body).post("/api/v1/questions");
            if (r.statusCode() == 201) {
                id[0] = r.path("id");
                return true;
            }
            assertTrue(r.statusCode() == 422 || r.statusCode() == 503, "while the skill is unknown: " + r.asString());
            return false;
        });
        return id[0];
    }

    private static Map<String, Object> trueFalse(String skill, String prompt) {
        return Map.of("type", "true_false", "prompt", prompt, "skills", List.of(skill), "answer", true);
    }

    private static Map<String, Object> multipleChoice(String skill, String prompt) {
        return Map.of("type", "multiple_choice", "prompt", prompt, "points", 2, "skills", List.of(skill),
                "options", List.of(Map.of("text", "2", "correct", true), Map.of("text", "4", "correct", true),
                        Map.of("text", "3", "correct", false), Map.of("text", "5", "correct", false)));
    }

    private static Map<String, Object> ordering(String skill, String prompt) {
        return Map.of("type", "ordering", "prompt", prompt, "points", 2, "skills", List.of(skill),
                "options", List.of(Map.of("text", "one"), Map.of("text", "two"), Map.of("text", "three"),
                        Map.of("text", "four")));
    }

    private static Map<String, Object> singleChoice(String skill, String prompt) {
        return Map.of("type", "single_choice", "prompt", prompt, "skills", List.of(skill),
                "options", List.of(Map.of("text", "4", "correct", false), Map.of("text", "7", "correct", true),
                        Map.of("text", "9", "correct", false)));
    }

    // --- the broker and the database ---

    /** A skill of this test's own, announced on the catalogue as skills-service would: its questions are a pool. */
    private String freshSkill() {
        UUID id = UUID.randomUUID();
        String slug = "live-" + shortId();
        send(Topics.CATALOG, id.toString(), event(EventTypes.SKILL_CREATED, id.toString(),
                new SkillChanged(id, slug, "Skill " + slug, "testing", "foundation", false)));
        return id.toString();
    }

    private static <T> CloudEvent event(EventType<T> type, String subject, T payload) {
        return new CloudEvent(UUID.randomUUID(), "/skills-service", type.type(), subject,
                OffsetDateTime.now(ZoneOffset.UTC), "application/json", CloudEventCodec.toTree(payload));
    }

    private void send(String topic, String key, CloudEvent event) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, CloudEventCodec.toBytes(event))).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sums of {@code n} counted first attempts, each with the question right, on a quiz of that one question. */
    private void seedSums(String quiz, String question, int n) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement items = c.prepareStatement(
                "insert into item_statistics (quiz_id, question_version_id, question_id, n, sum_fraction, sum_x, sum_xx,"
                        + " sum_y, sum_yy, sum_xy, first_counted_at) select ?, v.id, v.question_id, ?, ?, ?, ?, 0, 0, 0, now()"
                        + " from question_version v where v.question_id = ? and v.version = 1");
                PreparedStatement totals = c.prepareStatement(
                        "insert into quiz_statistics (quiz_id, attempts, sum_percentage, passed) values (?, ?, ?, ?)")) {
            items.setObject(1, UUID.fromString(quiz));
            for (int i = 2; i <= 5; i++) {
                items.setInt(i, n);
            }
            items.setObject(6, UUID.fromString(question));
            assertEquals(1, items.executeUpdate());
            totals.setObject(1, UUID.fromString(quiz));
            totals.setInt(2, n);
            totals.setInt(3, 100 * n);
            totals.setInt(4, n);
            totals.executeUpdate();
        }
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
