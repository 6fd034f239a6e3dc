package dev.skillpath.skills.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import dev.skillpath.events.payload.SkillChanged;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class SkillCatalogueTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    // --- the seeded catalogue ---

    @Test
    void theArticlesCatalogueIsSeeded() {
        given().get("/api/v1/skill-categories").then().statusCode(200)
                .body("$", hasSize(10))
                .body("slug", hasItems("languages", "frameworks", "data-structures", "algorithms", "databases",
                        "front-end-basics", "apis", "servers", "version-control", "soft-skills"))
                .body("skills", everyItem(greaterThanOrEqualTo(2)));
        given().get("/api/v1/skills?size=100").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(25))
                .body("items.slug", hasItems("java", "python", "php", "django", "express", "flask", "nodejs",
                        "stacks", "queues", "graphs", "bubble-sort", "selection-sort", "binary-search", "git"));
    }

    @Test
    void publishedEventsAreCountedByType() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline && !metrics.contains("type=\"dev.skillpath.skill.created.v1\"")) {
            metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Thread.sleep(200);
        }
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("skillpath_events_published_total")
                && l.contains("type=\"dev.skillpath.skill.created.v1\"")), "the seeded skills were counted");
    }

    @Test
    void listsFilterByCategoryLevelAndTextAndArePaged() {
        given().get("/api/v1/skills?category=algorithms&size=100").then().statusCode(200)
                .body("items.slug", hasItem("binary-search"))
                .body("items.category", everyItem(equalTo("algorithms")));
        given().get("/api/v1/skills?q=SORT&size=100").then().statusCode(200)
                .body("items.slug", hasItems("bubble-sort", "selection-sort"));
        given().get("/api/v1/skills?level=advanced&size=100").then().statusCode(200)
                .body("items.level", everyItem(equalTo("advanced")));
        given().get("/api/v1/skills?q=%25_%25").then().statusCode(200).body("total", equalTo(0));
        int total = given().get("/api/v1/skills?size=5&page=0").then().statusCode(200)
                .body("items", hasSize(5)).body("page", equalTo(0)).body("size", equalTo(5))
                .extract().path("total");
        given().get("/api/v1/skills?size=5&page=" + (total / 5 + 1)).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void badListParametersAreProblems() {
        problem(given().get("/api/v1/skills?size=1000"), 400).body("violations.field", hasItem("size"));
        problem(given().get("/api/v1/skills?page=-1"), 400).body("violations.field", hasItem("page"));
        problem(given().get("/api/v1/skills?size=abc"), 400);
        problem(given().get("/api/v1/skills?level=expert"), 400).body("violations.field", hasItem("level"));
    }

    @Test
    void oneSkillComesWithItsRelationsBySlugOrId() {
        String id = given().get("/api/v1/skills/binary-search").then().statusCode(200)
                .body("slug", equalTo("binary-search"))
                .body("category.slug", equalTo("algorithms"))
                .body("description", not(equalTo("")))
                .body("relations.findAll { it.type == 'requires' && it.direction == 'outgoing' }.size()",
                        greaterThanOrEqualTo(1))
                .extract().path("id");
        // the parameters in force: the defaults until a fit (LearnerModelApiTest refits), then the fit's, naming it
        Map<String, Object> tracing = given().get("/api/v1/skills/binary-search").then().extract().path("knowledgeTracing");
        if ("default".equals(tracing.get("source"))) {
            org.junit.jupiter.api.Assertions.assertEquals(0.5f, ((Number) tracing.get("prior")).floatValue());
            org.junit.jupiter.api.Assertions.assertNull(tracing.get("fit"));
        } else {
            org.junit.jupiter.api.Assertions.assertEquals("fitted", tracing.get("source"));
            org.junit.jupiter.api.Assertions.assertNotNull(((Map<?, ?>) tracing.get("fit")).get("id"));
        }
        given().get("/api/v1/skills/" + id).then().statusCode(200).body("slug", equalTo("binary-search"));
        problem(given().get("/api/v1/skills/no-such-skill"), 404);
    }

    @Test
    void theGraphHoldsEveryActiveSkillAndTheRelationsAmongThemInOneAnswer() {
        String slug = "graph-" + shortId();
        String retired = "graph-retired-" + shortId();
        for (String s : List.of(slug, retired)) {
            given().auth().oauth2(TestTokens.author()).contentType(ContentType.JSON).body(skill(s, "Graph " + s))
                    .post("/api/v1/skills").then().statusCode(201);
        }
        given().auth().oauth2(TestTokens.author()).contentType(ContentType.JSON).body(Map.of("type", "requires", "target", "http"))
                .post("/api/v1/skills/" + slug + "/relations").then().statusCode(201);
        given().auth().oauth2(TestTokens.author()).contentType(ContentType.JSON).body(Map.of("type", "requires", "target", slug))
                .post("/api/v1/skills/" + retired + "/relations").then().statusCode(201);
        given().auth().oauth2(TestTokens.author()).delete("/api/v1/skills/" + retired).then().statusCode(204);

        var graph = given().get("/api/v1/skill-graph").then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        long active = given().get("/api/v1/skills?size=1").then().extract().jsonPath().getLong("total");
        List<String> slugs = graph.getList("skills.slug");
        assertEquals(active, slugs.size(), "every active skill");
        assertEquals(slugs.stream().sorted().toList(), slugs, "by slug");
        assertTrue(slugs.contains(slug) && !slugs.contains(retired), "the retired skill is left out");
        List<Map<String, String>> relations = graph.getList("relations");
        assertTrue(relations.contains(Map.of("skill", slug, "type", "requires", "target", "http")), relations.toString());
        assertTrue(relations.stream().noneMatch(r -> r.containsValue(retired)), "no relation of a retired skill");
        // the same relations as each skill's own page: binary search's outgoing requires
        List<String> fromPage = given().get("/api/v1/skills/binary-search").then().extract().jsonPath()
                .getList("relations.findAll { it.type == 'requires' && it.direction == 'outgoing' }.skill.slug");
        List<String> fromGraph = relations.stream().filter(r -> r.get("skill").equals("binary-search") && r.get("type").equals("requires"))
                .map(r -> r.get("target")).toList();
        assertEquals(fromPage.stream().sorted().toList(), fromGraph);
        assertEquals("algorithms", graph.getString("skills.find { it.slug == 'binary-search' }.category"));
    }

    @Test
    void prerequisitesAreTransitiveAndOrdered() {
        List<String> prerequisites = given().get("/api/v1/skills/binary-search/prerequisites").then().statusCode(200)
                .extract().path("slug");
        assertTrue(prerequisites.contains("arrays"), prerequisites.toString());
        assertTrue(prerequisites.contains("programming-fundamentals"), prerequisites.toString());
        // each skill comes after everything it requires
        for (int i = 0; i < prerequisites.size(); i++) {
            List<String> own = given().get("/api/v1/skills/" + prerequisites.get(i) + "/prerequisites").then()
                    .extract().path("slug");
            assertTrue(prerequisites.subList(0, i).containsAll(own), prerequisites.get(i) + " needs " + own);
        }
    }

    @Test
    void anAnonymousPathToBinarySearchStartsAtTheFoundationsAndEndsAtTheTarget() {
        List<String> steps = given().get("/api/v1/skills/binary-search/path").then().statusCode(200)
                .body("personalised", equalTo(false))
                .body("target.slug", equalTo("binary-search"))
                .extract().path("steps.skill.slug");
        assertEquals("binary-search", steps.get(steps.size() - 1));
        List<String> prerequisites = given().get("/api/v1/skills/binary-search/prerequisites").then()
                .extract().path("slug");
        assertEquals(prerequisites.size() + 1, steps.size());
    }

    // --- authoring ---

    @Test
    void anAuthorCreatesASkillAndTheCatalogueTopicHearsOfIt() {
        String slug = "skill-" + shortId();
        String id = given().auth().oauth2(TestTokens.author()).contentType(ContentType.JSON)
                .body(skill(slug, "Message queues")).post("/api/v1/skills")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/skills/" + slug))
                .body("slug", equalTo(slug)).body("level", equalTo("intermediate"))
                .extract().path("id");
        CloudEvent event = catalogEvent(id, EventTypes.SKILL_CREATED.type());
        SkillChanged payload = EventTypes.SKILL_CREATED.read(event);
        assertEquals(slug, payload.slug());
        assertEquals("servers", payload.category());
        assertEquals("/skills-service", event.source());
    }

    /** UUID.fromString alone reads "bead-face-1-2-3" as an id; such a slug must still find its skill. */
    @Test
    void aSlugThatLooksLikeALooseUuidIsStillASlug() {
        String slug = "bead-face-" + (System.nanoTime() % 9000 + 1000) + "-2-3";
        String id = post(TestTokens.author(), skill(slug, "Hex-looking slug")).then().statusCode(201).extract().path("id");
        given().get("/api/v1/skills/" + slug).then().statusCode(200).body("id", equalTo(id)).body("slug", equalTo(slug));
        given().get("/api/v1/skills/" + id).then().statusCode(200).body("slug", equalTo(slug));
        given().get("/api/v1/skills/" + id.toUpperCase(java.util.Locale.ROOT)).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void writesNeedAnAuthorOrAdmin() {
        String slug = "skill-" + shortId();
        problem(given().contentType(ContentType.JSON).body(skill(slug, "x")).post("/api/v1/skills"), 401);
        problem(given().auth().oauth2(TestTokens.learner("learner-" + shortId())).contentType(ContentType.JSON)
                .body(skill(slug, "x")).post("/api/v1/skills"), 403);
        problem(given().auth().oauth2(TestTokens.expired("author")).contentType(ContentType.JSON)
                .body(skill(slug, "x")).post("/api/v1/skills"), 401);
        problem(given().auth().oauth2(TestTokens.wronglySigned("someone")).contentType(ContentType.JSON)
                .body(skill(slug, "x")).post("/api/v1/skills"), 401);
        problem(given().auth().oauth2(TestTokens.algNone("someone")).contentType(ContentType.JSON)
                .body(skill(slug, "x")).post("/api/v1/skills"), 401);
        problem(given().auth().oauth2(TestTokens.learner("l")).delete("/api/v1/skills/git"), 403);
        problem(given().auth().oauth2(TestTokens.learner("l")).contentType(ContentType.JSON)
                .body(Map.of("type", "requires", "target", "git")).post("/api/v1/skills/java/relations"), 403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(skill(slug, "By an admin"))
                .post("/api/v1/skills").then().statusCode(201);
        given().get("/api/v1/skills/" + slug).then().statusCode(200);
    }

    @Test
    void badSkillsAreRefusedWithTheFieldsNamedAndChangeNothing() {
        int before = skillCount();
        String author = TestTokens.author();
        Map<String, Object> missing = new HashMap<>(skill("ok-slug-" + shortId(), "x"));
        missing.remove("name");
        problem(post(author, missing), 400).body("violations.field", hasItem("name"));
        problem(post(author, skill("Not A Slug", "x")), 400).body("violations.field", hasItem("slug"));
        Map<String, Object> badLevel = new HashMap<>(skill("s-" + shortId(), "x"));
        badLevel.put("level", "expert");
        problem(post(author, badLevel), 400).body("violations.field", hasItem("level"))
                .body("violations[0].message", containsString("foundation"));
        Map<String, Object> unknownField = new HashMap<>(skill("s-" + shortId(), "x"));
        unknownField.put("colour", "blue");
        problem(post(author, unknownField), 400).body("violations.field", hasItem("colour"));
        Map<String, Object> wrongType = new HashMap<>(skill("s-" + shortId(), "x"));
        wrongType.put("knowledgeTracing", Map.of("prior", "high", "learn", 0.1, "guess", 0.2, "slip", 0.1));
        problem(post(author, wrongType), 400);
        Map<String, Object> badTracing = new HashMap<>(skill("s-" + shortId(), "x"));
        badTracing.put("knowledgeTracing", Map.of("prior", 0.2, "learn", 0.1, "guess", 0.6, "slip", 0.5));
        problem(post(author, badTracing), 400).body("violations.field", hasItem("knowledgeTracing"));
        Map<String, Object> outOfRange = new HashMap<>(skill("s-" + shortId(), "x"));
        outOfRange.put("knowledgeTracing", Map.of("prior", 1.5, "learn", 0.1, "guess", 0.2, "slip", 0.1));
        problem(post(author, outOfRange), 400).body("violations.field", hasItem("knowledgeTracing.prior"));
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body("{\"slug\": ").post("/api/v1/skills"), 400);
        problem(given().auth().oauth2(author).contentType(ContentType.TEXT).body("hello").post("/api/v1/skills"), 415);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body("[1,2]").post("/api/v1/skills"), 400);
        Map<String, Object> unknownCategory = new HashMap<>(skill("s-" + shortId(), "x"));
        unknownCategory.put("category", "astrology");
        problem(post(author, unknownCategory), 422).body("violations.field", hasItem("category"));
        problem(post(author, skill("java", "Another Java")), 409);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body("{}").post("/api/v1/skills"), 400)
                .body("violations.size()", greaterThanOrEqualTo(5));
        // strict JSON: nothing after the value, no NUL in a text, no number taken for a string or a boolean
        String valid = "{\"slug\":\"s-" + shortId() + "\",\"name\":\"n\",\"summary\":\"s\",\"description\":\"d\","
                + "\"level\":\"foundation\",\"category\":\"servers\"}";
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(valid + "}").post("/api/v1/skills"), 400);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(valid.replace("\"n\"", "\"n\\u0000x\""))
                .post("/api/v1/skills"), 400).body("violations.field", hasItem("name"));
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(valid.replace("\"foundation\"", "1"))
                .post("/api/v1/skills"), 400);
        problem(given().urlEncodingEnabled(false).get("/api/v1/skills/%00"), 404);
        problem(given().urlEncodingEnabled(false).get("/api/v1/skills?q=a%00b"), 400).body("violations.field", hasItem("q"));
        assertEquals(before, skillCount(), "no bad request created a skill");
    }

    @Test
    void anOversizedBodyIsAProblemAndChangesNothing() {
        int before = skillCount();
        Map<String, Object> huge = new HashMap<>(skill("big-" + shortId(), "Big"));
        huge.put("description", "x".repeat(2_000_000));
        problem(post(TestTokens.author(), huge), 413);
        assertEquals(before, skillCount());
    }

    @Test
    void renamingKeepsTheIdAndTheOldSlugRedirects() {
        String author = TestTokens.author();
        String slug = "skill-" + shortId();
        String id = post(author, skill(slug, "Old name")).then().statusCode(201).extract().path("id");
        String renamed = slug + "-renamed";
        given().auth().oauth2(author).contentType(ContentType.JSON).body(skill(renamed, "New name"))
                .put("/api/v1/skills/" + slug).then().statusCode(200)
                .body("id", equalTo(id)).body("slug", equalTo(renamed)).body("formerSlugs", hasItem(slug));
        given().redirects().follow(false).get("/api/v1/skills/" + slug).then().statusCode(301)
                .header("Location", containsString("/api/v1/skills/" + renamed));
        given().get("/api/v1/skills/" + slug).then().statusCode(200).body("id", equalTo(id));
        given().get("/api/v1/skills/" + slug + "/prerequisites").then().statusCode(200);
        // another skill cannot take the old slug; the skill itself can take it back
        problem(post(author, skill(slug, "Squatter")), 409);
        given().auth().oauth2(author).contentType(ContentType.JSON).body(skill(slug, "Old name again"))
                .put("/api/v1/skills/" + renamed).then().statusCode(200).body("id", equalTo(id))
                .body("formerSlugs", hasItem(renamed)).body("formerSlugs", not(hasItem(slug)));
        CloudEvent changed = catalogEvent(id, EventTypes.SKILL_CHANGED.type());
        assertEquals(id, EventTypes.SKILL_CHANGED.read(changed).skillId().toString());
    }

    @Test
    void retiringTakesASkillOutOfListsAndIsAnnounced() {
        String author = TestTokens.author();
        String slug = "skill-" + shortId();
        String id = post(author, skill(slug, "Short-lived")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(author).delete("/api/v1/skills/" + slug).then().statusCode(204);
        given().auth().oauth2(author).delete("/api/v1/skills/" + slug).then().statusCode(204);
        given().get("/api/v1/skills?q=" + slug).then().body("total", equalTo(0));
        given().get("/api/v1/skills?includeRetired=true&q=" + slug).then().body("total", equalTo(1));
        given().get("/api/v1/skills/" + slug).then().statusCode(200).body("retired", equalTo(true));
        assertTrue(EventTypes.SKILL_RETIRED.read(catalogEvent(id, EventTypes.SKILL_RETIRED.type())).retired());
        problem(given().auth().oauth2(author).delete("/api/v1/skills/no-such-skill"), 404);
    }

    @Test
    void aRequirementThatWouldCloseACycleIsRefusedWithTheCycleNamed() {
        String author = TestTokens.author();
        String a = "a-" + shortId();
        String b = "b-" + shortId();
        String c = "c-" + shortId();
        for (String s : List.of(a, b, c)) {
            post(author, skill(s, s)).then().statusCode(201);
        }
        relate(author, a, "requires", b).statusCode(201);
        relate(author, b, "requires", c).statusCode(201);
        relate(author, b, "requires", c).statusCode(200); // again: nothing new
        problem(relate(author, c, "requires", a), 409)
                .body("detail", containsString(c + " requires " + a + " requires " + b + " requires " + c))
                .body("type", containsString("requires-cycle"));
        // other relation types may point back
        relate(author, c, "recommends", a).statusCode(201);
        problem(relate(author, a, "requires", a), 400);
        problem(relate(author, a, "requires", "no-such-skill"), 422);
        problem(relate(author, a, "depends-on", b), 400).body("violations.field", hasItem("type"));
        given().get("/api/v1/skills/" + a + "/prerequisites").then().body("slug", equalTo(List.of(c, b)));
        given().auth().oauth2(author).delete("/api/v1/skills/" + b + "/relations/requires/" + c).then().statusCode(204);
        problem(given().auth().oauth2(author).delete("/api/v1/skills/" + b + "/relations/requires/" + c), 404);
        relate(author, c, "requires", a).statusCode(201); // no cycle any more
    }

    // --- helpers ---

    static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", not(equalTo(null)));
    }

    private static io.restassured.response.Response post(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/skills");
    }

    private static ValidatableResponse relate(String token, String skill, String type, String target) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("type", type, "target", target))
                .post("/api/v1/skills/" + skill + "/relations").then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    static Map<String, Object> skill(String slug, String name) {
        return Map.of("slug", slug, "name", name, "summary", "A short summary.",
                "description", "A longer description of what this skill is.", "level", "intermediate",
                "category", "servers");
    }

    private static int skillCount() {
        return given().get("/api/v1/skills?includeRetired=true&size=1").then().extract().path("total");
    }

    private CloudEvent catalogEvent(String skillId, String type) {
        try (TopicReader reader = new TopicReader(bootstrap, Topics.CATALOG)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(rs -> rs.stream()
                    .anyMatch(r -> skillId.equals(r.key()) && type.equals(CloudEventCodec.parse(r.value()).type())),
                    Duration.ofSeconds(30));
            return records.stream().filter(r -> skillId.equals(r.key())).map(r -> CloudEventCodec.parse(r.value()))
                    .filter(e -> type.equals(e.type())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " event for " + skillId));
        }
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
