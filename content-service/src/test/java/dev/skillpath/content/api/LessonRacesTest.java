package dev.skillpath.content.api;

import static dev.skillpath.content.api.ContentTestSupport.lesson;
import static dev.skillpath.content.api.ContentTestSupport.shortId;
import static dev.skillpath.devinfra.testing.Races.RACERS;
import static dev.skillpath.devinfra.testing.Races.ROUNDS;
import static dev.skillpath.devinfra.testing.Races.race;
import static dev.skillpath.devinfra.testing.Races.report;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.Rows;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.EventTypes;
import dev.skillpath.platform.catalog.KnownSkills;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two requests that race answer as if they had come one after the other: one creation of a slug wins and the
 * others are told it is taken; publishing, editing and retiring one lesson at once each apply in turn; completing
 * at once records one completion. Never a 500, never a duplicate row or a second event for the one write.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class LessonRacesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    KnownSkills known;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void catalogue() throws Exception {
        ContentTestSupport.announceCatalogue(bootstrap, known);
    }

    @Test
    void creationsOfOneSlugAtOnceMakeOneLessonAndTheOthersHearTheSlugIsTaken() throws Exception {
        String author = TestTokens.author();
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String slug = "race-" + shortId();
            long before = count("select count(*) from lesson");
            List<Response> answers = race(i -> given().auth().oauth2(author).contentType(ContentType.JSON)
                    .body(lesson(slug, "Racer " + i, List.of("git"))).post("/api/v1/lessons"));
            rounds.add(statuses(answers));
            for (Response a : answers) {
                if (a.statusCode() == 409) {
                    assertSlugTaken(a);
                }
            }
            assertEquals(before + 1, count("select count(*) from lesson"), "one lesson more, whoever won");
            List<Response> created = answers.stream().filter(a -> a.statusCode() == 201).toList();
            if (created.size() == 1) {
                assertEquals(created.get(0).path("title"), text("select title from lesson where slug = ?", slug),
                        "the lesson is the winner's: the others wrote nothing");
            }
        }
        report("POST /lessons, one slug", rounds);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(201, 1L, 409, (long) RACERS - 1)), rounds);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/lessons'.post.responses.'409'.description", containsString("slug-taken"));
    }

    @Test
    void publishesAtOnceMakeOneVersionAndOneEvent() throws Exception {
        String author = TestTokens.author();
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String slug = "race-" + shortId();
            String id = given().auth().oauth2(author).contentType(ContentType.JSON)
                    .body(lesson(slug, "Published at once", List.of("git"))).post("/api/v1/lessons")
                    .then().statusCode(201).extract().path("id");
            for (int version = 1; version <= 2; version++) {
                if (version == 2) {
                    edit(author, slug, "Published at once, again");
                }
                List<Response> answers = race(i -> given().auth().oauth2(author)
                        .post("/api/v1/lessons/" + slug + "/publish"));
                rounds.add(statuses(answers));
                for (Response a : answers) {
                    if (a.statusCode() == 200) {
                        assertEquals(version, (int) a.path("version"), "every publisher answers with the one version");
                    }
                }
                assertEquals(version, count("select count(*) from lesson_version where lesson_id = ?", UUID.fromString(id)));
                assertEquals(version, outbox(EventTypes.LESSON_PUBLISHED.type(), id), "one lesson.published per version");
            }
        }
        report("POST /lessons/{slug}/publish", rounds);
        assertEquals(Collections.nCopies(2 * ROUNDS, Map.of(200, (long) RACERS)), rounds);
    }

    @Test
    void editsAndRetirementsAtOnceEachApplyInTurn() throws Exception {
        String author = TestTokens.author();
        List<Map<Integer, Long>> edits = new ArrayList<>();
        List<Map<Integer, Long>> retirements = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String slug = "race-" + shortId();
            String id = given().auth().oauth2(author).contentType(ContentType.JSON)
                    .body(lesson(slug, "Edited at once", List.of("git"))).post("/api/v1/lessons")
                    .then().statusCode(201).extract().path("id");
            given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200);
            long rowVersion = count("select version from lesson where id = ?", UUID.fromString(id));

            List<Response> answers = race(i -> editRequest(author, slug, "Edit " + i));
            edits.add(statuses(answers));
            List<String> titles = answers.stream().filter(a -> a.statusCode() == 200).map(a -> (String) a.path("title"))
                    .toList();
            assertEquals(titles.size(), Set.copyOf(titles).size(), "each editor saw its own edit applied");
            assertTrue(titles.contains(text("select title from lesson where slug = ?", slug)), "the last edit stays");
            assertEquals(rowVersion + titles.size(), count("select version from lesson where id = ?", UUID.fromString(id)),
                    "every edit answered 200 was applied, one after the other");

            retirements.add(statuses(race(i -> given().auth().oauth2(author).delete("/api/v1/lessons/" + slug))));
            assertEquals("retired", text("select status from lesson where slug = ?", slug));
            assertEquals(1, outbox(EventTypes.LESSON_RETIRED.type(), id), "one lesson.retired for one retirement");
        }
        report("PUT /lessons/{slug}", edits);
        report("DELETE /lessons/{slug}", retirements);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(200, (long) RACERS)), edits);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(204, (long) RACERS)), retirements);
    }

    @Test
    void completionsAtOnceRecordOneCompletionAndOneEvent() throws Exception {
        String author = TestTokens.author();
        String slug = "race-" + shortId();
        String id = given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(lesson(slug, "Completed at once", List.of("git"))).post("/api/v1/lessons")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200);
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String learner = "racer-" + shortId();
            String token = TestTokens.learner(learner);
            List<Response> answers = race(i -> given().auth().oauth2(token).post("/api/v1/lessons/" + slug + "/completions"));
            rounds.add(statuses(answers));
            assertEquals(1, answers.stream().filter(a -> a.statusCode() < 300).map(a -> a.path("completedAt"))
                    .distinct().count(), "every answer shows the one completion");
            assertEquals(1, count("select count(*) from lesson_completion where learner_id = ? and lesson_id = ?",
                    learner, UUID.fromString(id)));
            assertEquals(1, outbox(EventTypes.LESSON_COMPLETED.type(), learner), "one lesson.completed");
        }
        report("POST /lessons/{slug}/completions", rounds);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(200, (long) RACERS - 1, 201, 1L)), rounds);
    }

    // --- helpers ---

    private long outbox(String type, String key) throws Exception {
        return Rows.outbox(db, type, key);
    }

    private long count(String sql, Object... params) throws Exception {
        return Rows.count(db, sql, params);
    }

    private String text(String sql, Object... params) throws Exception {
        return Rows.text(db, sql, params);
    }

    private static Map<Integer, Long> statuses(List<Response> answers) {
        return dev.skillpath.devinfra.testing.Races.statuses(answers, Response::statusCode);
    }

    private static void assertSlugTaken(Response answer) {
        answer.then().contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://skillpath.dev/problems/slug-taken"))
                .body("status", org.hamcrest.Matchers.equalTo(409));
    }

    private static Response editRequest(String author, String slug, String title) {
        Map<String, Object> edit = new HashMap<>(lesson(slug, title, List.of("git")));
        edit.remove("slug");
        return given().auth().oauth2(author).contentType(ContentType.JSON).body(edit).put("/api/v1/lessons/" + slug);
    }

    private static void edit(String author, String slug, String title) {
        editRequest(author, slug, title).then().statusCode(200);
    }


}
