package dev.skillpath.content.api;

import static dev.skillpath.content.api.ContentTestSupport.events;
import static dev.skillpath.content.api.ContentTestSupport.lesson;
import static dev.skillpath.content.api.ContentTestSupport.lessonCount;
import static dev.skillpath.content.api.ContentTestSupport.problem;
import static dev.skillpath.content.api.ContentTestSupport.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.platform.catalog.SeededSkills;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class LessonLifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    KnownSkills known;

    @BeforeEach
    void catalogue() throws Exception {
        ContentTestSupport.announceCatalogue(bootstrap, known);
    }

    @Test
    void theArticleIsSeededAsPublishedLessonsTaggedWithSkills() {
        given().get("/api/v1/lessons?size=100").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(12))
                .body("items.status", everyItem(equalTo("published")))
                .body("items.find { it.slug == 'what-is-backend-development' }.publishedVersion", equalTo(1));
        String slug = given().get("/api/v1/lessons?skill=binary-search").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(1)).extract().path("items[0].slug");
        given().get("/api/v1/lessons/" + slug).then().statusCode(200)
                .body("version", equalTo(1)).body("body", not(equalTo("")))
                .body("skills.id", hasItem(SeededSkills.id("binary-search").toString()))
                .body("skills.slug", hasItem("binary-search"));
    }

    @Test
    void draftsAreForAuthorsUntilPublishedAndEachPublishIsAnImmutableVersion() {
        String author = TestTokens.author();
        String learner = TestTokens.learner("learner-" + shortId());
        String slug = "lesson-" + shortId();
        String id = given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(lesson(slug, "Queues in practice", List.of("arrays", SeededSkills.id("git").toString())))
                .post("/api/v1/lessons").then().statusCode(201)
                .header("Location", containsString("/api/v1/lessons/" + slug))
                .body("status", equalTo("draft")).body("skills.slug", equalTo(List.of("arrays", "git")))
                .extract().path("id");

        problem(given().auth().oauth2(learner).get("/api/v1/lessons/" + slug), 404);
        problem(given().get("/api/v1/lessons/" + slug), 404);
        problem(given().get("/api/v1/lessons/" + slug + "/versions"), 404);
        given().get("/api/v1/lessons?q=Queues in practice").then().body("total", equalTo(0));
        given().auth().oauth2(author).get("/api/v1/lessons?status=draft&size=100").then()
                .body("items.slug", hasItem(slug));
        problem(given().auth().oauth2(learner).get("/api/v1/lessons?status=draft"), 403);
        problem(given().auth().oauth2(learner).get("/api/v1/lessons/" + slug + "/draft"), 403);

        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200)
                .body("version", equalTo(1)).body("title", equalTo("Queues in practice"));
        given().auth().oauth2(learner).get("/api/v1/lessons/" + slug).then().statusCode(200)
                .body("version", equalTo(1));

        Map<String, Object> edit = new HashMap<>(lesson(slug, "Queues, revised", List.of("arrays")));
        edit.remove("slug");
        given().auth().oauth2(author).contentType(ContentType.JSON).body(edit).put("/api/v1/lessons/" + slug)
                .then().statusCode(200).body("unpublishedChanges", equalTo(true)).body("publishedVersion", equalTo(1));
        given().get("/api/v1/lessons/" + slug).then().body("title", equalTo("Queues in practice"));
        given().auth().oauth2(author).get("/api/v1/lessons/" + slug + "/draft").then()
                .body("title", equalTo("Queues, revised"));

        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200)
                .body("version", equalTo(2));
        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200)
                .body("version", equalTo(2)); // unchanged: no new version
        given().get("/api/v1/lessons/" + slug).then().body("version", equalTo(2)).body("title", equalTo("Queues, revised"));
        given().get("/api/v1/lessons/" + slug + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(2, 1))).body("current", equalTo(List.of(true, false)));
        given().get("/api/v1/lessons/" + slug + "/versions/1").then().statusCode(200)
                .body("title", equalTo("Queues in practice")).body("skills.slug", equalTo(List.of("arrays", "git")));
        problem(given().get("/api/v1/lessons/" + slug + "/versions/3"), 404);
        problem(given().get("/api/v1/lessons/" + slug + "/versions/x"), 404);

        assertEquals(List.of(1, 2), events(bootstrap, Topics.CATALOG, id, EventTypes.LESSON_PUBLISHED.type(), 2)
                .stream().map(e -> EventTypes.LESSON_PUBLISHED.read(e).version()).toList(),
                "one lesson.published per version, none for a publish that changed nothing");

        given().auth().oauth2(author).delete("/api/v1/lessons/" + slug).then().statusCode(204);
        given().auth().oauth2(author).delete("/api/v1/lessons/" + slug).then().statusCode(204);
        problem(given().get("/api/v1/lessons/" + slug), 404);
        given().auth().oauth2(author).get("/api/v1/lessons/" + slug + "/draft").then().body("status", equalTo("retired"));
        assertEquals(1, events(bootstrap, Topics.CATALOG, id, EventTypes.LESSON_RETIRED.type(), 1).size());
    }

    @Test
    void skillTagsMustBeKnownActiveSkills() {
        String author = TestTokens.author();
        int before = lessonCount(author);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(lesson("l-" + shortId(), "Unknown", List.of("git", "astrology"))).post("/api/v1/lessons"), 422)
                .body("violations.field", equalTo(List.of("skills[1]")))
                .body("violations[0].message", containsString("astrology"));
        problem(given().auth().oauth2(author).contentType(ContentType.JSON)
                .body(lesson("l-" + shortId(), "Retired", List.of(ContentTestSupport.RETIRED))).post("/api/v1/lessons"), 422)
                .body("violations[0].message", containsString("retired"));
        assertEquals(before, lessonCount(author));
    }

    @Test
    void writesNeedAnAuthorAndBadInputIsRefusedWithoutChangingAnything() {
        String author = TestTokens.author();
        String slug = "l-" + shortId();
        int before = lessonCount(author);
        Map<String, Object> good = lesson(slug, "Fine", List.of("git"));
        problem(given().contentType(ContentType.JSON).body(good).post("/api/v1/lessons"), 401);
        problem(given().auth().oauth2(TestTokens.learner("l")).contentType(ContentType.JSON).body(good)
                .post("/api/v1/lessons"), 403);
        problem(given().auth().oauth2(TestTokens.expired("a")).contentType(ContentType.JSON).body(good)
                .post("/api/v1/lessons"), 401);
        problem(given().auth().oauth2(TestTokens.algNone("a")).contentType(ContentType.JSON).body(good)
                .post("/api/v1/lessons"), 401);
        problem(given().auth().oauth2(TestTokens.learner("l")).post("/api/v1/lessons/" + slug + "/publish"), 403);
        problem(given().auth().oauth2(TestTokens.learner("l")).delete("/api/v1/lessons/" + slug), 403);

        for (Map.Entry<String, Object> bad : Map.<String, Object>of("slug", "Bad Slug", "title", "", "level", "expert",
                "estimatedMinutes", -5, "skills", List.of(), "summary", "x".repeat(501)).entrySet()) {
            Map<String, Object> body = new HashMap<>(good);
            body.put(bad.getKey(), bad.getValue());
            problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(body).post("/api/v1/lessons"), 400)
                    .body("violations.field", hasItem(bad.getKey()));
        }
        Map<String, Object> unknown = new HashMap<>(good);
        unknown.put("author", "me");
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(unknown).post("/api/v1/lessons"), 400)
                .body("violations.field", hasItem("author"));
        Map<String, Object> fraction = new HashMap<>(good);
        fraction.put("estimatedMinutes", 5.5);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(fraction).post("/api/v1/lessons"), 400)
                .body("violations.field", hasItem("estimatedMinutes"));
        Map<String, Object> overflow = new HashMap<>(good);
        overflow.put("estimatedMinutes", 99999999999L);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(overflow).post("/api/v1/lessons"), 400);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body("{\"slug\":").post("/api/v1/lessons"), 400);
        problem(given().auth().oauth2(author).contentType(ContentType.XML).body("<lesson/>").post("/api/v1/lessons"), 415);
        problem(given().auth().oauth2(author).get("/api/v1/lessons?size=0"), 400);
        problem(given().get("/api/v1/lessons?level=expert"), 400);
        problem(given().auth().oauth2(author).get("/api/v1/lessons?status=lost"), 400);
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .put("/api/v1/lessons/no-such-lesson"), 400);
        Map<String, Object> edit = new HashMap<>(good);
        edit.remove("slug");
        problem(given().auth().oauth2(author).contentType(ContentType.JSON).body(edit).put("/api/v1/lessons/no-such-lesson"), 404);
        problem(given().auth().oauth2(author).post("/api/v1/lessons/no-such-lesson/publish"), 404);

        given().auth().oauth2(author).contentType(ContentType.JSON).body(good).post("/api/v1/lessons").then().statusCode(201);
        problem(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(good).post("/api/v1/lessons"), 409);
        assertEquals(before + 1, lessonCount(author), "only the one good request created a lesson");
    }
}
