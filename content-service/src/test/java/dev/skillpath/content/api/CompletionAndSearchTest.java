package dev.skillpath.content.api;

import static dev.skillpath.content.api.ContentTestSupport.events;
import static dev.skillpath.content.api.ContentTestSupport.lesson;
import static dev.skillpath.content.api.ContentTestSupport.problem;
import static dev.skillpath.content.api.ContentTestSupport.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
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
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.content.store.LessonSearch;
import dev.skillpath.platform.catalog.SeededSkills;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class CompletionAndSearchTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    KnownSkills known;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void catalogue() throws Exception {
        ContentTestSupport.announceCatalogue(bootstrap, known);
    }

    // --- completions ---

    @Test
    void completingIsRecordedOncePerVersionAndAnnouncedOnce() {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String slug = algorithmsLesson();
        String completedAt = given().auth().oauth2(token).post("/api/v1/lessons/" + slug + "/completions").then()
                .statusCode(201).body("lessonSlug", equalTo(slug)).body("version", equalTo(1))
                .extract().path("completedAt");
        given().auth().oauth2(token).post("/api/v1/lessons/" + slug + "/completions").then()
                .statusCode(200).body("completedAt", equalTo(completedAt));

        List<CloudEvent> completed = events(bootstrap, Topics.PROGRESS, learner, EventTypes.LESSON_COMPLETED.type(), 1);
        assertEquals(1, completed.size(), "the second completion is a no-op: no second event");
        LessonCompleted payload = EventTypes.LESSON_COMPLETED.read(completed.get(0));
        assertEquals(learner, payload.learnerId());
        assertEquals(slug, payload.lessonSlug());
        assertEquals(1, payload.version());
        assertTrue(payload.skillIds().contains(SeededSkills.id("binary-search")));

        given().auth().oauth2(token).get("/api/v1/learners/me/completions").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].lessonSlug", equalTo(slug));
    }

    @Test
    void aNewVersionCanBeCompletedAgain() {
        String author = TestTokens.author();
        String learner = TestTokens.learner("learner-" + shortId());
        String slug = "lesson-" + shortId();
        given().auth().oauth2(author).contentType(ContentType.JSON).body(lesson(slug, "Git basics", List.of("git")))
                .post("/api/v1/lessons").then().statusCode(201);
        problem(given().auth().oauth2(learner).post("/api/v1/lessons/" + slug + "/completions"), 404);
        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200);
        given().auth().oauth2(learner).post("/api/v1/lessons/" + slug + "/completions").then().statusCode(201)
                .body("version", equalTo(1));
        Map<String, Object> edit = new HashMap<>(lesson(slug, "Git basics, again", List.of("git")));
        edit.remove("slug");
        given().auth().oauth2(author).contentType(ContentType.JSON).body(edit).put("/api/v1/lessons/" + slug).then()
                .statusCode(200);
        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().body("version", equalTo(2));
        given().auth().oauth2(learner).post("/api/v1/lessons/" + slug + "/completions").then().statusCode(201)
                .body("version", equalTo(2));
        given().auth().oauth2(learner).get("/api/v1/learners/me/completions").then().body("total", equalTo(2));
    }

    @Test
    void completionsArePrivate() {
        String alice = "alice-" + shortId();
        given().auth().oauth2(TestTokens.learner(alice)).post("/api/v1/lessons/" + algorithmsLesson() + "/completions")
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.learner("bob-" + shortId())).get("/api/v1/learners/me/completions").then()
                .statusCode(200).body("total", equalTo(0));
        problem(given().auth().oauth2(TestTokens.learner("bob")).get("/api/v1/learners/me/completions?learner=" + alice), 403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/learners/me/completions?learner=" + alice).then()
                .statusCode(200).body("total", equalTo(1));
        problem(given().get("/api/v1/learners/me/completions"), 401);
        problem(given().post("/api/v1/lessons/" + algorithmsLesson() + "/completions"), 401);
        problem(given().auth().oauth2(TestTokens.wronglySigned(alice)).post("/api/v1/lessons/" + algorithmsLesson()
                + "/completions"), 401);
        problem(given().auth().oauth2(TestTokens.learner(alice)).post("/api/v1/lessons/no-such-lesson/completions"), 404);
    }

    // --- search ---

    @Test
    void binarySearchFindsTheAlgorithmsLessonFirstWithHighlights() {
        for (String field : List.of("snippet", "titleHighlight")) {
            String text = given().get("/api/v1/search?q=binary search").then().extract().path("items[0]." + field);
            assertEquals(text.split("<mark>", -1).length, text.split("</mark>", -1).length, "balanced marks: " + text);
        }
        given().get("/api/v1/search?q=binary search").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(1))
                .body("correctedQuery", nullValue())
                .body("items[0].slug", equalTo(algorithmsLesson()))
                .body("items[0].titleHighlight", containsString("<mark>"))
                .body("items[0].snippet", containsString("<mark>"))
                .body("items[0].skills.slug", hasItem("binary-search"));
    }

    @Test
    void aMisspeltWordStillFindsItsLesson() {
        given().get("/api/v1/search?q=binary serch").then().statusCode(200)
                .body("correctedQuery", equalTo("binary search"))
                .body("items[0].slug", equalTo(algorithmsLesson()));
        given().get("/api/v1/search?q=djnago").then().statusCode(200)
                .body("correctedQuery", equalTo("django")).body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void webSearchSyntaxAndTheSkillFilterWork() {
        List<String> phrase = given().get("/api/v1/search?q=\"binary search\"&size=100").then().statusCode(200)
                .extract().path("items.slug");
        assertTrue(phrase.contains(algorithmsLesson()));
        List<String> excluded = given().get("/api/v1/search?q=sort -bubble&size=100").then().statusCode(200)
                .extract().path("items.slug");
        assertTrue(!excluded.contains(algorithmsLesson()), "-bubble excludes the lesson on bubble sort");
        int git = given().get("/api/v1/search?q=git&size=100").then().extract().path("total");
        int django = given().get("/api/v1/search?q=django&size=100").then().extract().path("total");
        int either = given().get("/api/v1/search?q=git or django&size=100").then().extract().path("total");
        assertTrue(either >= Math.max(git, django) && git > 0 && django > 0, git + " " + django + " " + either);
        given().get("/api/v1/search?q=data&skill=binary-search&size=100").then().statusCode(200)
                .body("items.skills.slug", everyItem(hasItem("binary-search")));
        given().get("/api/v1/search?q=data&skill=astrology").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void onlyPublishedLessonsAreFoundAndSnippetsAreSafeHtml() {
        String author = TestTokens.author();
        String slug = "lesson-" + shortId();
        String word = "zyxwvutsrq";
        Map<String, Object> body = new HashMap<>(lesson(slug, "A lesson about " + word, List.of("http")));
        body.put("body", "Text with <script>alert('x')</script> and the word " + word + " in it.");
        given().auth().oauth2(author).contentType(ContentType.JSON).body(body).post("/api/v1/lessons").then()
                .statusCode(201);
        given().get("/api/v1/search?q=" + word).then().body("total", equalTo(0));
        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200);
        given().get("/api/v1/search?q=" + word).then().body("total", equalTo(1))
                .body("items[0].snippet", not(containsString("<script")))
                .body("items[0].titleHighlight", not(containsString("<script")))
                .body("items[0].snippet", containsString("<mark>" + word + "</mark>"));
        given().auth().oauth2(author).delete("/api/v1/lessons/" + slug).then().statusCode(204);
        given().get("/api/v1/search?q=" + word).then().body("total", equalTo(0));
    }

    @Test
    void onlyTheVersionLearnersReadIsSearchedNotTheOnesItSuperseded() {
        String author = TestTokens.author();
        String slug = "lesson-" + shortId();
        // far apart, so that "did you mean" does not take one for the other
        String before = "zebracrossing";
        String after = "flamingoparade";
        Map<String, Object> body = new HashMap<>(lesson(slug, "A lesson that changes", List.of("http")));
        body.put("body", "The first text says " + before + ".");
        given().auth().oauth2(author).contentType(ContentType.JSON).body(body).post("/api/v1/lessons").then()
                .statusCode(201);
        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200);
        given().get("/api/v1/search?q=" + before).then().body("total", equalTo(1)).body("totalEstimated", equalTo(false));
        body.remove("slug");
        body.put("body", "The second text says " + after + ".");
        given().auth().oauth2(author).contentType(ContentType.JSON).body(body).put("/api/v1/lessons/" + slug).then()
                .statusCode(200);
        given().get("/api/v1/search?q=" + after).then().body("items.slug", not(hasItem(slug))); // a draft is not read
        given().auth().oauth2(author).post("/api/v1/lessons/" + slug + "/publish").then().statusCode(200);
        given().get("/api/v1/search?q=" + before).then().body("items.slug", not(hasItem(slug)));
        given().get("/api/v1/search?q=" + after).then().body("total", equalTo(1)).body("items[0].slug", equalTo(slug));
    }

    @Test
    void aWordInMoreLessonsThanAreRankedGetsTheBestOfThemFirstAndAnEstimatedTotal() throws Exception {
        String word = "platypusword";
        String run = shortId();
        int many = LessonSearch.CANDIDATES + 500;
        // many published lessons with the word once in the body, straight into the tables (the API would take minutes)
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into lesson (id, slug, status, title, summary, body, level, estimated_minutes, skill_ids,"
                    + " published_version, unpublished_changes) select gen_random_uuid(), 'common-" + run + "-' || g,"
                    + " 'published', 'Filler ' || g, 'Nothing to see.', 'Text with " + word + " once.', 'foundation', 5,"
                    + " array[]::uuid[], 1, false from generate_series(1, " + many + ") g");
            st.execute("insert into lesson_version (lesson_id, version, title, summary, body, level, estimated_minutes,"
                    + " skill_ids, published_by) select id, 1, title, summary, body, level, estimated_minutes, skill_ids,"
                    + " 'test' from lesson where slug like 'common-" + run + "-%'");
            st.execute("analyze lesson_search");
        }
        try {
            aWordInManyLessons(word, many);
        } finally {
            forget("common-" + run + "-");
        }
    }

    private void aWordInManyLessons(String word, int many) {
        String author = TestTokens.author();
        String best = "lesson-" + shortId();
        Map<String, Object> body = new HashMap<>(lesson(best, "All about " + word, List.of("http")));
        body.put("summary", "The " + word + " and nothing else.");
        given().auth().oauth2(author).contentType(ContentType.JSON).body(body).post("/api/v1/lessons").then()
                .statusCode(201);
        given().auth().oauth2(author).post("/api/v1/lessons/" + best + "/publish").then().statusCode(200);
        var answer = given().get("/api/v1/search?q=" + word + "&size=20").then().statusCode(200)
                .body("items", hasSize(20)).body("items[0].slug", equalTo(best))
                .body("totalEstimated", equalTo(true)).extract().jsonPath();
        long total = answer.getLong("total");
        assertTrue(total > LessonSearch.CANDIDATES && total < 3L * many, "an estimate near " + (many + 1) + ": " + total);
        // a word in few lessons: counted exactly
        given().get("/api/v1/search?q=" + word + " filler 7").then().statusCode(200)
                .body("totalEstimated", equalTo(false));
    }

    /** Takes the lessons the test wrote straight into the tables away again (other tests list the lessons). */
    private void forget(String slugPrefix) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String ids = "(select id from lesson where slug like '" + slugPrefix + "%')";
            st.execute("delete from lesson_search where lesson_id in " + ids);
            st.execute("delete from lesson_version where lesson_id in " + ids);
            st.execute("delete from lesson where slug like '" + slugPrefix + "%'");
        }
    }

    @Test
    void emptyOrAbsurdQueriesAreClearProblemsOrEmptyPages() {
        problem(given().get("/api/v1/search"), 400).body("violations.field", hasItem("q"));
        problem(given().get("/api/v1/search?q=   "), 400);
        problem(given().get("/api/v1/search?q=" + "a".repeat(201)), 400);
        problem(given().get("/api/v1/search?q=git&size=1000"), 400);
        for (String q : List.of("%%%", "\"", "-", "or or or", "!!!&&&|||", "ü¨¨ 🤖", "the")) {
            given().queryParam("q", q).get("/api/v1/search").then().statusCode(200).body("items", hasSize(0));
        }
        for (String q : List.of("'; drop table lesson; --", "<script>alert(1)</script>", "\\x00")) {
            given().queryParam("q", q).get("/api/v1/search").then().statusCode(200);
        }
        problem(given().queryParam("q", "binary\u0000search").get("/api/v1/search"), 400)
                .body("violations.field", hasItem("q"));
        given().get("/api/v1/search?q=binary search").then().statusCode(200).body("total", greaterThanOrEqualTo(1));
    }

    private static String algorithmsLesson() {
        return given().get("/api/v1/lessons?skill=binary-search&size=100").then().extract()
                .path("items.find { it.title.toLowerCase().contains('binary search') }.slug");
    }
}
