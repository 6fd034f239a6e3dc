package dev.skillpath.skills.api;

import static dev.skillpath.devinfra.testing.Races.RACERS;
import static dev.skillpath.devinfra.testing.Races.ROUNDS;
import static dev.skillpath.devinfra.testing.Races.race;
import static dev.skillpath.devinfra.testing.Races.report;
import static dev.skillpath.skills.api.SkillCatalogueTest.shortId;
import static dev.skillpath.skills.api.SkillCatalogueTest.skill;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.Races;
import dev.skillpath.devinfra.testing.Rows;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Catalogue writes and self-reports sent at once answer as if they had come one after the other: one creation of
 * a slug wins and the others hear it is taken, renames of one skill apply in turn (every former slug stays an
 * alias), one relation added at once is added once, and a learner's first report sent twice is one row. Never a
 * 500, never a duplicate row or a second event for one write.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class SkillRacesTest {

    @Inject
    AgroalDataSource db;

    @Test
    void creationsOfOneSlugAtOnceMakeOneSkillAndTheOthersHearTheSlugIsTaken() throws Exception {
        String author = TestTokens.author();
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String slug = "race-" + shortId();
            List<Response> answers = race(i -> given().auth().oauth2(author).contentType(ContentType.JSON)
                    .body(skill(slug, "Racer " + i)).post("/api/v1/skills"));
            rounds.add(statuses(answers));
            for (Response a : answers) {
                if (a.statusCode() == 409) {
                    a.then().contentType("application/problem+json")
                            .body("type", equalTo("https://skillpath.dev/problems/slug-taken"));
                }
            }
            assertEquals(1, count("select count(*) from skill where slug = ?", slug));
            String id = text("select id from skill where slug = ?", slug);
            assertEquals(1, outbox(EventTypes.SKILL_CREATED.type(), id), "one skill.created");
            List<Response> created = answers.stream().filter(a -> a.statusCode() == 201).toList();
            if (created.size() == 1) {
                assertEquals(created.get(0).path("name"), text("select name from skill where slug = ?", slug),
                        "the skill is the winner's: the others wrote nothing");
            }
        }
        report("POST /skills, one slug", rounds);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(201, 1L, 409, (long) RACERS - 1)), rounds);
    }

    @Test
    void renamesOfOneSkillAtOnceApplyInTurnAndEveryFormerSlugStaysAnAlias() throws Exception {
        String author = TestTokens.author();
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String slug = "race-" + shortId();
            String id = create(author, slug);
            // every racer renames the skill, found by its first slug, to a slug of its own
            List<Response> answers = race(i -> given().auth().oauth2(author).contentType(ContentType.JSON)
                    .body(skill(slug + "-" + i, "Renamed " + i)).put("/api/v1/skills/" + slug));
            rounds.add(statuses(answers));
            String current = text("select slug from skill where id = ?", UUID.fromString(id));
            assertTrue(current.startsWith(slug + "-"), "one of the new slugs: " + current);
            assertEquals(RACERS, count("select count(*) from skill_slug_alias where skill_id = ?", UUID.fromString(id)),
                    "the first slug and every slug but the last are aliases");
            given().get("/api/v1/skills/" + slug).then().statusCode(200).body("slug", equalTo(current));
        }
        report("PUT /skills/{slug}, one skill", rounds);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(200, (long) RACERS)), rounds);
    }

    @Test
    void renamesOfTwoSkillsToOneSlugAtOnceLeaveItToOne() throws Exception {
        String author = TestTokens.author();
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String a = "race-" + shortId();
            String b = "race-" + shortId();
            create(author, a);
            create(author, b);
            String wanted = "race-" + shortId();
            List<Response> answers = race(i -> given().auth().oauth2(author).contentType(ContentType.JSON)
                    .body(skill(wanted, "Wanted")).put("/api/v1/skills/" + (i % 2 == 0 ? a : b)));
            rounds.add(statuses(answers));
            assertEquals(1, count("select count(*) from skill where slug = ?", wanted));
        }
        report("PUT /skills/{slug}, two skills to one slug", rounds);
        // the winner's own renames answer 200 (the slug is its own by then), the other skill's are refused
        assertEquals(Collections.nCopies(ROUNDS, Map.of(200, (long) RACERS / 2, 409, (long) RACERS / 2)), rounds);
    }

    @Test
    void oneRelationAddedAtOnceIsAddedOnce() throws Exception {
        String author = TestTokens.author();
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String from = "race-" + shortId();
            String to = "race-" + shortId();
            String id = create(author, from);
            create(author, to);
            List<Response> answers = race(i -> given().auth().oauth2(author).contentType(ContentType.JSON)
                    .body(Map.of("type", "requires", "target", to)).post("/api/v1/skills/" + from + "/relations"));
            rounds.add(statuses(answers));
            assertEquals(1, count("select count(*) from skill_relation where skill_id = ?", UUID.fromString(id)));
            assertEquals(1, outbox(EventTypes.SKILL_CHANGED.type(), id), "one skill.changed for the one new relation");
        }
        report("POST /skills/{slug}/relations", rounds);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(200, (long) RACERS - 1, 201, 1L)), rounds);
    }

    @Test
    void aFirstReportSentTwiceAtOnceIsOneRow() throws Exception {
        List<Map<Integer, Long>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String learner = "racer-" + shortId();
            String token = TestTokens.learner(learner);
            List<Response> answers = race(i -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("status", i % 2 == 0 ? "learning" : "done")).put("/api/v1/learners/me/skills/git/status"));
            rounds.add(statuses(answers));
            assertEquals(1, count("select count(*) from self_reported_status where learner_id = ?", learner));
            String kept = text("select status from self_reported_status where learner_id = ?", learner);
            assertTrue(answers.stream().anyMatch(a -> kept.equals(a.path("status"))), "the row is one racer's: " + kept);
            Map<String, Object> mastery = given().auth().oauth2(token).get("/api/v1/learners/me/mastery").then()
                    .statusCode(200).extract().path("selfReportedOnly[0]");
            assertEquals(kept, new HashMap<>(mastery).get("status"));
        }
        report("PUT /learners/me/skills/{slug}/status, first report", rounds);
        assertEquals(Collections.nCopies(ROUNDS, Map.of(200, (long) RACERS)), rounds);
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

    private static String create(String author, String slug) {
        return given().auth().oauth2(author).contentType(ContentType.JSON).body(skill(slug, "Raced"))
                .post("/api/v1/skills").then().statusCode(201).extract().path("id");
    }

    private static Map<Integer, Long> statuses(List<Response> answers) {
        return Races.statuses(answers, Response::statusCode);
    }
}
