package dev.skillpath.skills.api;

import static dev.skillpath.skills.api.ProgressStream.event;
import static dev.skillpath.skills.api.ProgressStream.waitUntil;
import static dev.skillpath.skills.api.SkillCatalogueTest.problem;
import static dev.skillpath.skills.api.SkillCatalogueTest.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizAttemptGradedV1;
import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.skills.xapi.StatementMapper;
import dev.skillpath.skills.xapi.XapiIris;
import dev.skillpath.skills.xapi.XapiProjection;
import dev.skillpath.skills.xapi.XapiStatementRules;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code GET /api/v1/xapi/statements} on the running service, fed through the real progress topic: a journey's
 * statements keep the xAPI 1.0.3 rules and cover every verb; the same event twice is one statement; paging by
 * {@code more}, {@code since}, {@code until} and {@code ascending}; who reads whose; and every bad query a 400
 * problem that changes nothing.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class XapiStatementsTest {

    static final String PATH = "/api/v1/xapi/statements";
    static final String HOME = "https://skillpath.example";
    static final String VERBS = "http://adlnet.gov/expapi/verbs/";
    static final UUID GIT = SeededSkills.id("git");
    static final UUID HTTP = SeededSkills.id("http");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean projecting;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    XapiProjection projection;

    ProgressStream stream;

    @BeforeEach
    void stream() throws Exception {
        stream = new ProgressStream(bootstrap);
        awaitProjection();
    }

    /** Once per class: the projection's consumer group has joined and applies events (a probe lesson's statement). */
    void awaitProjection() throws Exception {
        if (projecting) {
            return;
        }
        String probe = "xapi-probe-" + shortId();
        stream.send(lesson(probe, UUID.randomUUID()));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (all(probe).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the xAPI projection stored nothing within three minutes");
            }
            Thread.sleep(200);
        }
        projecting = true;
    }

    static String agent(String learner) {
        return "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"" + learner + "\"}}";
    }

    static Response get(String token, Map<String, String> query) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.queryParams(query).get(PATH);
    }

    /** Every statement of the learner (an admin's read), newest first. */
    static List<JsonNode> all(String learner) throws Exception {
        return statements(get(TestTokens.admin(), Map.of("agent", agent(learner))).then().statusCode(200).extract()
                .asString());
    }

    static List<JsonNode> statements(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(body).get("statements").forEach(out::add);
        return out;
    }

    static List<String> verbs(List<JsonNode> statements) {
        return statements.stream().map(s -> s.at("/verb/display/en-US").asText()).toList();
    }

    static CloudEvent lesson(String learner, UUID lesson) {
        return event(learner, EventTypes.LESSON_COMPLETED.type(), new LessonCompleted(learner, lesson, "lesson-" + lesson,
                1, List.of(GIT), Instant.now()));
    }

    /** An attempt of {@code answers} numeric answers on http (a number is not guessed), right or wrong. */
    static CloudEvent attempt(String learner, UUID attemptId, int answers, boolean right) {
        List<QuizAttemptGraded.Answer> list = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            list.add(ProgressStream.answer(UUID.randomUUID(), "numeric", 0, right, HTTP));
        }
        return event(learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded(learner, UUID.randomUUID(),
                attemptId, right ? answers : 0, answers, right, list, Instant.now()));
    }

    /** The rows of the statements table with this value in the column, and their latest stored. */
    String rows(String column, Object value) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*), max(stored), max(sequence) from xapi_statement where " + column + " = ?")) {
            ps.setObject(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3);
            }
        }
    }

    /**
     * The learner's rows once their number has stopped growing for a second: a lesson's {@code completed} comes
     * first, the {@code progressed} of the estimates it moved after skills-service announced them.
     */
    String settled(String learner) throws Exception {
        waitUntil(() -> {
            try {
                return verbs(all(learner)).contains("progressed");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String rows = rows("learner_id", learner);
        for (int tries = 0; tries < 30; tries++) {
            Thread.sleep(1000);
            String now = rows("learner_id", learner);
            if (now.equals(rows)) {
                return now;
            }
            rows = now;
        }
        throw new AssertionError("the learner's statements kept coming: " + rows);
    }

    @Test
    void aJourneysStatementsKeepTheXapiRulesAndCoverEveryVerb() throws Exception {
        String learner = "xapi-journey-" + shortId();
        UUID failedAttempt = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        stream.send(lesson(learner, UUID.randomUUID()),
                attempt(learner, failedAttempt, 2, false),
                ReviewsFlowTest.masteringHttp(learner, Instant.now()),
                ProgressStream.practiced(learner, session, 1, ProgressStream.answer(true, GIT)),
                event(learner, EventTypes.QUIZ_ATTEMPT_GRADED_V1.type(), new QuizAttemptGradedV1(learner,
                        UUID.randomUUID(), UUID.randomUUID(), 1, 1, true,
                        List.of(new QuizAttemptGradedV1.Answer(UUID.randomUUID(), 1, true, 1, List.of(GIT))), Instant.now())));
        // ours, then skills-service's own announcements (mastery changed, mastered) read back from the topic
        waitUntil(() -> {
            try {
                List<String> v = verbs(all(learner));
                return v.contains("mastered") && v.contains("progressed")
                        && v.stream().filter("answered"::equals).count() == 2 + 3 + 1 + 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<JsonNode> statements = all(learner);
        for (JsonNode s : statements) {
            assertEquals(List.of(), XapiStatementRules.violations(s), s.toString());
            assertEquals(HOME, s.at("/actor/account/homePage").asText());
            assertEquals(learner, s.at("/actor/account/name").asText());
        }
        assertEquals(new TreeSet<>(Set.of("answered", "completed", "passed", "failed", "mastered", "progressed")),
                new TreeSet<>(verbs(statements)));
        assertEquals(statements.size(), statements.stream().map(s -> s.get("id").asText()).distinct().count());
        JsonNode failed = statements.stream().filter(s -> s.at("/verb/id").asText().equals(VERBS + "failed")).findFirst()
                .orElseThrow();
        assertEquals(failedAttempt.toString(), failed.at("/context/registration").asText());
        assertEquals(0.0, failed.at("/result/score/scaled").asDouble());
        // http is mastered by its three answers; the graph may master others with it (which, depends on the fit in
        // force when the journey runs), each its own statement
        List<String> mastered = statements.stream().filter(s -> s.at("/verb/id").asText().equals(VERBS + "mastered"))
                .map(s -> s.at("/object/id").asText()).toList();
        assertTrue(mastered.contains(HOME + "/activities/skills/" + HTTP), "mastered: " + mastered);
        List<JsonNode> practiced = statements(get(TestTokens.learner(learner), Map.of("registration", session.toString()))
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("answered"), verbs(practiced), "the practice session's one answer");
        // newest stored first, xAPI's default order
        List<Instant> stored = statements.stream().map(s -> OffsetDateTime.parse(s.get("stored").asText()).toInstant()).toList();
        for (int i = 1; i < stored.size(); i++) {
            assertFalse(stored.get(i).isAfter(stored.get(i - 1)), "descending by stored");
        }
    }

    @Test
    void theSameEventTwiceIsOneStatementWithTheIdOfTheEvent() throws Exception {
        String learner = "xapi-twice-" + shortId();
        UUID attemptId = UUID.randomUUID();
        CloudEvent graded = attempt(learner, attemptId, 1, true);
        stream.send(graded, graded);
        Map<String, String> mine = Map.of("registration", attemptId.toString());
        waitUntil(() -> get(TestTokens.learner(learner), mine).then().extract().jsonPath().getList("statements").size() == 3);
        // and once past the backbone's dedup (its record of the event gone): the projection itself does nothing
        String before = rows("event_id", graded.id());
        assertTrue(before.startsWith("3 "), before);
        List<JsonNode> first = statements(get(TestTokens.learner(learner), mine).asString());
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                projection.handle(graded);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(before, rows("event_id", graded.id()), "no row more, none stored again");
        Thread.sleep(500); // the duplicate on the topic had time to arrive, were it applied
        List<JsonNode> again = statements(get(TestTokens.learner(learner), mine).asString());
        assertEquals(first, again, "the same statements, stored as they were first");
        List<String> ids = again.stream().map(s -> s.get("id").asText()).toList();
        // newest first: the verdict (index 2), completed (1), the answer (0), all stored at once, in order
        assertEquals(List.of(StatementMapper.statementId(graded.id(), 2).toString(),
                StatementMapper.statementId(graded.id(), 1).toString(),
                StatementMapper.statementId(graded.id(), 0).toString()), ids);
        // one of them by its id
        String one = given().auth().oauth2(TestTokens.learner(learner)).queryParam("statementId", ids.get(0)).get(PATH)
                .then().statusCode(200).header("X-Experience-API-Version", "1.0.3")
                .header("X-Experience-API-Consistent-Through", org.hamcrest.Matchers.notNullValue())
                .extract().asString();
        assertEquals(again.get(0), JSON.readTree(one));
        problem(given().auth().oauth2(TestTokens.learner(learner)).queryParam("voidedStatementId", ids.get(0))
                .get(PATH), 404);
    }

    @Test
    void pagesFollowMoreSinceUntilAndAscending() throws Exception {
        String learner = "xapi-pages-" + shortId();
        String token = TestTokens.learner(learner);
        UUID attemptId = UUID.randomUUID();
        stream.send(attempt(learner, attemptId, 5, true)); // 5 answered, completed, passed
        Map<String, String> attemptOnly = Map.of("registration", attemptId.toString());
        waitUntil(() -> get(token, attemptOnly).then().extract().jsonPath().getList("statements").size() == 7);
        List<JsonNode> whole = statements(get(token, attemptOnly).asString());

        List<JsonNode> paged = new ArrayList<>();
        Response page = get(token, Map.of("registration", attemptId.toString(), "limit", "3"));
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            page.then().statusCode(200).header("X-Experience-API-Version", "1.0.3");
            List<JsonNode> got = statements(page.asString());
            sizes.add(got.size());
            paged.addAll(got);
            String more = page.jsonPath().getString("more");
            if (more.isEmpty()) {
                break;
            }
            assertTrue(more.startsWith(PATH + "?"), more);
            page = given().auth().oauth2(token).urlEncodingEnabled(false).get(more);
        }
        assertEquals(List.of(3, 3, 1), sizes);
        assertEquals(whole, paged, "the pages are the whole answer, in order, nothing twice");

        List<JsonNode> ascending = statements(get(token, Map.of("registration", attemptId.toString(), "ascending", "true",
                "limit", "4")).asString());
        assertEquals(List.of("answered", "answered", "answered", "answered"), verbs(ascending));
        assertEquals(whole.get(6), ascending.get(0), "oldest first");
        Response ascendingPage = get(token, Map.of("registration", attemptId.toString(), "ascending", "true", "limit", "4"));
        List<JsonNode> rest = statements(given().auth().oauth2(token).urlEncodingEnabled(false)
                .get(ascendingPage.jsonPath().getString("more")).asString());
        assertEquals(List.of("answered", "completed", "passed"), verbs(rest));

        // since (exclusive) and until (inclusive) by stored: the lesson after the attempt
        String storedAttempt = whole.get(0).get("stored").asText();
        stream.send(lesson(learner, UUID.randomUUID()));
        waitUntil(() -> get(token, Map.of("since", storedAttempt, "verb", VERBS + "completed")).then().extract()
                .jsonPath().getList("statements").size() == 1);
        List<JsonNode> since = statements(get(token, Map.of("since", storedAttempt, "verb", VERBS + "completed")).asString());
        assertEquals(XapiIris.LESSON_TYPE, since.get(0).at("/object/definition/type").asText());
        List<JsonNode> until = statements(get(token, Map.of("until", storedAttempt, "verb", VERBS + "completed")).asString());
        assertEquals(List.of(whole.get(1)), until, "the attempt's completed, stored at the until instant");
        assertEquals(List.of(), statements(get(token, Map.of("since", storedAttempt, "until", storedAttempt)).asString()));
        // by activity: the quiz's two statements
        String quiz = whole.get(0).at("/object/id").asText();
        assertEquals(List.of("passed", "completed"), verbs(statements(get(token, Map.of("activity", quiz)).asString())));
        assertEquals(7, statements(get(token, Map.of("registration", attemptId.toString(), "limit", "0")).asString()).size(),
                "0 is the server's maximum");
    }

    @Test
    void aLearnerReadsOnlyTheirOwnAndAnAdminAnyones() throws Exception {
        String a = "xapi-a-" + shortId();
        String b = "xapi-b-" + shortId();
        stream.send(lesson(a, UUID.randomUUID()), lesson(b, UUID.randomUUID()));
        waitUntil(() -> {
            try {
                // each lesson's completed, and then the progressed its learning step gives
                return verbs(all(a)).contains("completed") && verbs(all(b)).contains("completed");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String bStatement = all(b).get(all(b).size() - 1).get("id").asText();

        List<JsonNode> own = statements(get(TestTokens.learner(a), Map.of()).then().statusCode(200).extract().asString());
        assertEquals(List.of(a), own.stream().map(s -> s.at("/actor/account/name").asText()).distinct().toList());
        assertEquals(own, statements(get(TestTokens.learner(a), Map.of("agent", agent(a))).asString()),
                "their own agent: the same as none");
        problem(get(TestTokens.learner(a), Map.of("agent", agent(b))), 403);
        problem(given().auth().oauth2(TestTokens.learner(a)).queryParam("statementId", bStatement).get(PATH), 404);
        // B's statement is not among anything A can page through either
        assertFalse(get(TestTokens.learner(a), Map.of("limit", "0")).asString().contains(bStatement));

        assertEquals(b, statements(get(TestTokens.admin(), Map.of("agent", agent(b))).asString()).get(0)
                .at("/actor/account/name").asText());
        given().auth().oauth2(TestTokens.admin()).queryParam("statementId", bStatement).get(PATH).then().statusCode(200)
                .body("id", equalTo(bStatement));
        List<String> everyone = statements(get(TestTokens.admin(), Map.of("limit", "0")).asString()).stream()
                .map(s -> s.at("/actor/account/name").asText()).distinct().toList();
        assertTrue(everyone.contains(a) && everyone.contains(b), "an admin without an agent reads everyone's: " + everyone);

        problem(get(null, Map.of()), 401).header("X-Experience-API-Version", "1.0.3");
        problem(get(TestTokens.expired(a), Map.of()), 401);
    }

    @Test
    void everyBadQueryIsAProblemAndChangesNothing() throws Exception {
        String learner = "xapi-bad-" + shortId();
        String token = TestTokens.learner(learner);
        stream.send(lesson(learner, UUID.randomUUID()));
        String before = settled(learner);
        List<Object[]> cases = List.of(
                new Object[] { "agent", Map.of("agent", "{not json") },
                new Object[] { "agent", Map.of("agent", "[\"an array\"]") },
                new Object[] { "agent", Map.of("agent", "{\"mbox\":\"mailto:ada@example.com\"}") },
                new Object[] { "agent", Map.of("agent", "{\"account\":{\"homePage\":\"https://elsewhere.example\",\"name\":\"ada\"}}") },
                new Object[] { "agent", Map.of("agent", "{\"objectType\":\"Group\",\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"x\"}}") },
                new Object[] { "since", Map.of("since", "yesterday") },
                new Object[] { "until", Map.of("until", "2026-12-01T10:00:00") },
                new Object[] { "limit", Map.of("limit", "-1") },
                new Object[] { "limit", Map.of("limit", "501") },
                new Object[] { "limit", Map.of("limit", "ten") },
                new Object[] { "verb", Map.of("verb", "answered") },
                new Object[] { "activity", Map.of("activity", "/activities/quizzes/1") },
                new Object[] { "registration", Map.of("registration", "attempt-1") },
                new Object[] { "ascending", Map.of("ascending", "yes") },
                new Object[] { "cursor", Map.of("cursor", "page-2") },
                new Object[] { "foo", Map.of("foo", "1") },
                new Object[] { "related_activities", Map.of("related_activities", "true") },
                new Object[] { "verb", Map.of("statementId", UUID.randomUUID().toString(), "verb", VERBS + "answered") },
                new Object[] { "statementId", Map.of("statementId", "42") });
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, String> query = (Map<String, String>) c[1];
            problem(get(token, query), 400).header("X-Experience-API-Version", "1.0.3")
                    .body("type", equalTo("https://skillpath.dev/problems/validation"))
                    .body("violations.field", hasItem((String) c[0]));
        }
        // a parameter twice
        problem(given().auth().oauth2(token).queryParam("verb", VERBS + "answered", VERBS + "passed").get(PATH), 400)
                .body("violations.field", hasItem("verb"));
        // another xAPI version than 1.0.x
        problem(given().auth().oauth2(token).header("X-Experience-API-Version", "2.0.0").get(PATH), 400)
                .body("type", equalTo("https://skillpath.dev/problems/bad-request"));
        given().auth().oauth2(token).header("X-Experience-API-Version", "1.0").get(PATH).then().statusCode(200);
        // an IRI of a verb we never use is a fine question with no statements
        given().auth().oauth2(token).queryParam("verb", "https://example.com/verbs/danced").get(PATH).then().statusCode(200)
                .body("statements.size()", equalTo(0)).body("more", equalTo(""));
        assertEquals(before, rows("learner_id", learner), "reads only");
    }

    @Test
    void consistentThroughIsBehindTheQueryByTheProjectionsLongestTransaction() {
        Instant asked = Instant.now();
        String header = get(TestTokens.learner("xapi-header-" + shortId()), Map.of()).then().statusCode(200)
                .header("X-Experience-API-Version", "1.0.3").extract().header("X-Experience-API-Consistent-Through");
        Instant through = OffsetDateTime.parse(header).toInstant();
        // the transaction timeout (60 s in tests as in production) plus the allowed clock skew (1 s), taken on the
        // service's clock after the request left, in milliseconds
        Duration lag = Duration.between(through, asked);
        assertTrue(lag.compareTo(Duration.ofSeconds(58)) > 0 && lag.compareTo(Duration.ofMillis(61_001)) <= 0,
                "consistent through " + through + " for a query at " + asked);
    }
}
