package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.catalogueKnows;
import static dev.skillpath.quiz.api.QuizTestSupport.events;
import static dev.skillpath.quiz.api.QuizTestSupport.problem;
import static dev.skillpath.quiz.api.QuizTestSupport.publishedQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.save;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuestion;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.start;
import static dev.skillpath.quiz.api.QuizTestSupport.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizPublished;
import dev.skillpath.platform.catalog.SeededSkills;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Authoring questions and quizzes: validation, versioning, publishing and its events, roles on every endpoint. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class AuthoringTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void catalogue() throws Exception {
        catalogueKnows(bootstrap, "sql", "git", "stacks", "http");
    }

    static Map<String, Object> single(String prompt) {
        return new HashMap<>(Map.of("type", "single_choice", "prompt", prompt, "points", 2, "skills", List.of("sql"),
                "options", List.of(Map.of("text", "SELECT", "correct", true, "feedback", "yes"),
                        Map.of("text", "INSERT", "correct", false)),
                "generalFeedback", "SELECT reads."));
    }

    static String create(Map<String, Object> question) {
        return as(AUTHOR).body(question).post("/api/v1/questions").then().statusCode(201)
                .header("Location", containsString("/api/v1/questions/")).extract().path("id");
    }

    @Test
    void everyTypeCanBeAuthoredAndComesBackWithItsKey() {
        String id = create(single("Which statement reads rows? " + shortId()));
        as(AUTHOR).get("/api/v1/questions/" + id).then().statusCode(200).body("version", equalTo(1))
                .body("skills[0].slug", equalTo("sql")).body("skills[0].id", equalTo(SeededSkills.id("sql").toString()))
                .body("options.correct", equalTo(List.of(true, false))).body("options[0].feedback", equalTo("yes"))
                .body("generalFeedback", equalTo("SELECT reads."));
        create(Map.of("type", "multiple_choice", "prompt", "Pick", "skills", List.of("git"), "options",
                List.of(Map.of("id", "x", "text", "A", "correct", true), Map.of("id", "y", "text", "B", "correct", true),
                        Map.of("id", "z", "text", "C"))));
        String tf = create(Map.of("type", "true_false", "prompt", "Stacks are LIFO.", "skills", List.of("stacks"),
                "answer", true, "trueFeedback", "Right", "falseFeedback", "No"));
        as(AUTHOR).get("/api/v1/questions/" + tf).then().body("answer", equalTo(true)).body("points", equalTo(1.0f));
        String text = create(Map.of("type", "short_text", "prompt", "Git command to copy a repo?", "skills",
                List.of(SeededSkills.id("git").toString()), "acceptedAnswers", List.of(" git clone "), "foldAccents", false));
        as(AUTHOR).get("/api/v1/questions/" + text).then().body("acceptedAnswers", equalTo(List.of("git clone")))
                .body("foldAccents", equalTo(false));
        String num = create(Map.of("type", "numeric", "prompt", "Not found?", "skills", List.of("http"), "value", 404));
        as(AUTHOR).get("/api/v1/questions/" + num).then().body("value", equalTo(404.0f)).body("tolerance", equalTo(0.0f));
        String order = create(Map.of("type", "ordering", "prompt", "Order", "skills", List.of("git"), "options",
                List.of(Map.of("text", "add"), Map.of("text", "commit"), Map.of("text", "push"))));
        as(AUTHOR).get("/api/v1/questions/" + order).then().body("options.text", equalTo(List.of("add", "commit", "push")));
        as(AUTHOR).get("/api/v1/questions?skill=git&type=ordering&size=100").then().statusCode(200)
                .body("items.id", hasItem(order)).body("items.type", everyItem(equalTo("ordering")));
    }

    @Test
    void badQuestionsAreProblemsNamingFieldsAndNothingIsWritten() {
        long before = total();
        Map<String, Object> q = single("p");
        q.remove("type");
        problem(as(AUTHOR).body(q).post("/api/v1/questions"), 400).body("violations.field", hasItem("type"));
        problem(as(AUTHOR).body(with(single("p"), "type", "essay")).post("/api/v1/questions"), 400)
                .body("violations.field", hasItem("type")).body("violations[0].message", containsString("single_choice"));
        problem(as(AUTHOR).body(with(single("p"), "options", List.of(Map.of("text", "A", "correct", true),
                Map.of("text", "B", "correct", true)))).post("/api/v1/questions"), 400).body("violations.field", hasItem("options"));
        problem(as(AUTHOR).body(with(single("p"), "value", 3)).post("/api/v1/questions"), 400)
                .body("violations.field", hasItem("value"));
        problem(as(AUTHOR).body(Map.of("type", "numeric", "prompt", "p", "skills", List.of("sql")))
                .post("/api/v1/questions"), 400).body("violations.field", hasItem("value"));
        problem(as(AUTHOR).body(Map.of("type", "true_false", "prompt", "p", "skills", List.of("sql"), "answer", true,
                "options", List.of(Map.of("text", "a"), Map.of("text", "b")))).post("/api/v1/questions"), 400)
                .body("violations.field", hasItem("options"));
        problem(as(AUTHOR).body(Map.of("type", "ordering", "prompt", "p", "skills", List.of("sql"),
                "options", List.of(Map.of("text", "a", "correct", true), Map.of("text", "b"), Map.of("text", "c"))))
                .post("/api/v1/questions"), 400).body("violations.field", equalTo(List.of("options[0].correct")));
        problem(as(AUTHOR).body(with(single("p"), "points", 0)).post("/api/v1/questions"), 400)
                .body("violations.field", hasItem("points"));
        problem(as(AUTHOR).body(with(single(""), "prompt", " ")).post("/api/v1/questions"), 400)
                .body("violations.field", hasItem("prompt"));
        problem(as(AUTHOR).body(with(single("p"), "skills", List.of())).post("/api/v1/questions"), 400)
                .body("violations.field", hasItem("skills"));
        problem(as(AUTHOR).body(with(single("p"), "colour", "blue")).post("/api/v1/questions"), 400)
                .body("violations.field", hasItem("colour"));
        problem(as(AUTHOR).body(with(single("p"), "points", "many")).post("/api/v1/questions"), 400);
        problem(as(AUTHOR).body("{\"type\": ").post("/api/v1/questions"), 400);
        problem(as(AUTHOR).body(with(single("p"), "skills", List.of("sql", "underwater-basket-weaving")))
                .post("/api/v1/questions"), 422).body("violations.field", hasItem("skills[1]"));
        assertEquals(before, total());
    }

    static Map<String, Object> ordering(List<Map<String, Object>> items) {
        return new HashMap<>(Map.of("type", "ordering", "prompt", "Order the steps " + shortId(), "skills",
                List.of("git"), "options", items));
    }

    @Test
    void anOrderingQuestionHasAtLeastThreeItemsAndTheServiceNamesThem() {
        long before = total();
        problem(as(AUTHOR).body(ordering(List.of(Map.of("text", "add"), Map.of("text", "commit"))))
                .post("/api/v1/questions"), 400).body("type", containsString("validation"))
                .body("violations.field", equalTo(List.of("options")))
                .body("violations[0].message", containsString("at least 3 items (2 given)"));
        // ids an author picks could follow the correct order: refused, naming each item that has one
        problem(as(AUTHOR).body(ordering(List.of(Map.of("text", "add"), Map.of("id", "b", "text", "commit"),
                Map.of("id", "c", "text", "push")))).post("/api/v1/questions"), 400)
                .body("violations.field", equalTo(List.of("options[1].id", "options[2].id")))
                .body("violations[0].message", containsString("generated"));
        assertEquals(before, total());

        // three items without ids: accepted, each with a random id of the service's
        String id = create(ordering(List.of(Map.of("text", "add"), Map.of("text", "commit"), Map.of("text", "push"))));
        List<String> ids = as(AUTHOR).get("/api/v1/questions/" + id).then().statusCode(200)
                .body("options.text", equalTo(List.of("add", "commit", "push"))).extract().path("options.id");
        assertEquals(3, new java.util.HashSet<>(ids).size());
        assertTrue(ids.stream().allMatch(i -> i.matches("o[0-9a-z]{1,4}")), ids.toString());

        // the same rules on an edit, also one that would be a new version (the current one was attempted)
        String quizId = as(AUTHOR).body(Map.of("title", "Ordering " + shortId(), "questions", List.of(id)))
                .post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200);
        start(TestTokens.learner("learner-" + shortId()), quizId);
        problem(as(AUTHOR).body(ordering(List.of(Map.of("text", "add"), Map.of("text", "push"))))
                .put("/api/v1/questions/" + id), 400).body("violations.field", equalTo(List.of("options")));
        problem(as(AUTHOR).body(ordering(List.of(Map.of("id", "a", "text", "add"), Map.of("text", "commit"),
                Map.of("text", "push")))).put("/api/v1/questions/" + id), 400)
                .body("violations.field", equalTo(List.of("options[0].id")));
        as(AUTHOR).get("/api/v1/questions/" + id + "/versions").then().body("version", equalTo(List.of(1)));
        as(AUTHOR).get("/api/v1/questions/" + id).then().body("options.id", equalTo(ids));
        // a choice question may still name its options
        create(Map.of("type", "single_choice", "prompt", "Named " + shortId(), "skills", List.of("git"), "options",
                List.of(Map.of("id", "yes", "text", "Yes", "correct", true), Map.of("id", "no", "text", "No"))));
    }

    @Test
    void editingAQuestionThatWasAttemptedMakesANewVersionAndOldAttemptsKeepTheirs() {
        String id = create(single("Version one " + shortId()));
        // no attempt yet: edited in place
        as(AUTHOR).body(single("Version one, fixed")).put("/api/v1/questions/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("prompt", equalTo("Version one, fixed"));
        String quizId = as(AUTHOR).body(Map.of("title", "Versions " + shortId(), "questions", List.of(id)))
                .post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200);
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String old = start(token, quizId);
        String oldChoice = as(token).get("/api/v1/attempts/" + old).then().extract()
                .path("questions[0].options.find { it.text == 'SELECT' }.id");

        // the edit swaps which option is right and adds a third: a new version
        Map<String, Object> v2 = with(single("Version two"), "options", List.of(Map.of("text", "SELECT", "correct", false),
                Map.of("text", "INSERT", "correct", true), Map.of("text", "UPDATE", "correct", false)));
        as(AUTHOR).body(v2).put("/api/v1/questions/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("currentVersion", equalTo(2)).body("prompt", equalTo("Version two"));
        as(AUTHOR).get("/api/v1/questions/" + id + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2))).body("attempts", equalTo(List.of(1, 0)))
                .body("current", equalTo(List.of(false, true)));
        as(AUTHOR).get("/api/v1/questions/" + id + "?version=1").then().body("prompt", equalTo("Version one, fixed"));
        problem(as(AUTHOR).get("/api/v1/questions/" + id + "?version=9"), 404);
        problem(as(AUTHOR).get("/api/v1/questions/" + id + "?version=x"), 400);

        // the old attempt still shows and grades version 1
        as(token).get("/api/v1/attempts/" + old).then().body("questions[0].questionVersion", equalTo(1))
                .body("questions[0].prompt", equalTo("Version one, fixed"));
        save(token, old, id, Map.of("choice", oldChoice));
        submit(token, old).body("result.score", equalTo(2.0f));
        QuizAttemptGraded graded = EventTypes.QUIZ_ATTEMPT_GRADED.read(
                events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 1).get(0));
        QuizAttemptGraded.Answer answer = graded.answers().get(0);
        assertEquals(1, answer.questionVersion());
        assertTrue(answer.correct());
        assertTrue(answer.answered());
        // the shape of the version the attempt was given (2 options), not of the current one (3)
        assertEquals("single_choice", answer.questionType());
        assertEquals(2, answer.options());
        assertEquals(1, answer.correctOptions());
        assertEquals(List.of(SeededSkills.id("sql")), answer.skillIds());
        // a new attempt gets version 2; submitted without an answer
        String fresh = start(token, quizId);
        as(token).get("/api/v1/attempts/" + fresh).then().body("questions[0].questionVersion", equalTo(2));
        submit(token, fresh).body("result.score", equalTo(0.0f));
        QuizAttemptGraded second = EventTypes.QUIZ_ATTEMPT_GRADED.read(
                events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 2).stream()
                        .filter(e -> e.subject().equals(fresh)).findFirst().orElseThrow());
        QuizAttemptGraded.Answer blank = second.answers().get(0);
        assertEquals(2, blank.questionVersion());
        assertEquals(3, blank.options());
        assertEquals(1, blank.correctOptions());
        assertFalse(blank.answered());
        assertFalse(blank.correct());
    }

    @Test
    void aSkillTaggedTwiceIsOneSkillOfTheGradedAnswer() {
        String git = SeededSkills.id("git").toString();
        // git by slug and by id, sql twice: two skills
        String id = create(Map.of("type", "multiple_choice", "prompt", "Tagged twice " + shortId(), "points", 3,
                "skills", List.of("git", "sql", git, "sql"), "options", List.of(
                        Map.of("id", "x", "text", "A", "correct", true), Map.of("id", "y", "text", "B", "correct", true),
                        Map.of("id", "z", "text", "C"))));
        String quizId = as(AUTHOR).body(Map.of("title", "Twice " + shortId(), "questions", List.of(id)))
                .post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200);
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        String attempt = start(token, quizId);
        save(token, attempt, id, Map.of("choices", List.of("x", "y")));
        submit(token, attempt).body("result.score", equalTo(3.0f));
        QuizAttemptGraded graded = EventTypes.QUIZ_ATTEMPT_GRADED.read(
                events(bootstrap, Topics.PROGRESS, learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), 1).get(0));
        assertEquals(1, graded.answers().size());
        QuizAttemptGraded.Answer answer = graded.answers().get(0);
        assertEquals(List.of(SeededSkills.id("git"), SeededSkills.id("sql")), answer.skillIds());
        assertEquals("multiple_choice", answer.questionType());
        assertEquals(3, answer.options());
        assertEquals(2, answer.correctOptions());
        assertTrue(answer.answered());
        assertTrue(answer.correct());
    }

    @Test
    void quizzesArePublishedChangedAndRetiredWithEvents() {
        String title = "Lifecycle " + shortId();
        Map<String, Object> body = Map.of("title", title, "skills", List.of("git"),
                "questions", List.of(seededQuestion("gt-push"), seededQuestion("gt-commit")), "maxAttempts", 3,
                "timeLimitSeconds", 600, "reviewPolicy", "after_last_attempt", "gradingMethod", "average");
        String id = as(AUTHOR).body(body).post("/api/v1/quizzes").then().statusCode(201)
                .header("Location", containsString("/api/v1/quizzes/"))
                .body("status", equalTo("draft")).body("questionCount", equalTo(2)).body("passMark", equalTo(50.0f))
                .body("questions[0].options", nullValue()).body("questions[0].answer", equalTo(true))
                .extract().path("id");
        // a draft is invisible to learners
        problem(given().get("/api/v1/quizzes/" + id), 404);
        as(TestTokens.learner("l")).get("/api/v1/quizzes?size=100").then().body("items.id", not(hasItem(id)));
        as(AUTHOR).get("/api/v1/quizzes?status=draft&size=100").then().body("items.id", hasItem(id));

        as(AUTHOR).post("/api/v1/quizzes/" + id + "/publish").then().statusCode(200).body("status", equalTo("published"));
        as(AUTHOR).post("/api/v1/quizzes/" + id + "/publish").then().statusCode(200); // again: nothing changes
        given().get("/api/v1/quizzes/" + id).then().statusCode(200).body("title", equalTo(title))
                .body("questions", nullValue()).body("maxAttempts", equalTo(3)).body("reviewPolicy", equalTo("after_last_attempt"));
        given().get("/api/v1/quizzes?skill=git&size=100").then().body("items.id", hasItem(id));
        given().get("/api/v1/quizzes?skill=" + SeededSkills.id("git") + "&size=100").then().body("items.id", hasItem(id));
        given().get("/api/v1/quizzes?skill=sql&size=100").then().body("items.id", not(hasItem(id)));

        as(AUTHOR).body(with(new HashMap<>(body), "title", title + " (v2)")).put("/api/v1/quizzes/" + id).then()
                .statusCode(200).body("title", equalTo(title + " (v2)"));
        List<CloudEvent> published = events(bootstrap, Topics.CATALOG, id, EventTypes.QUIZ_PUBLISHED.type(), 2);
        assertEquals(2, published.size());
        QuizPublished changed = EventTypes.QUIZ_PUBLISHED.read(published.get(1));
        assertEquals(title + " (v2)", changed.title());
        assertEquals(List.of(SeededSkills.id("git")), changed.skillIds());

        as(AUTHOR).delete("/api/v1/quizzes/" + id).then().statusCode(204);
        as(AUTHOR).delete("/api/v1/quizzes/" + id).then().statusCode(204);
        assertEquals(1, events(bootstrap, Topics.CATALOG, id, EventTypes.QUIZ_RETIRED.type(), 1).size());
        problem(given().get("/api/v1/quizzes/" + id), 404);
        as(AUTHOR).get("/api/v1/quizzes/" + id).then().statusCode(200).body("status", equalTo("retired"));
        problem(as(AUTHOR).body(body).put("/api/v1/quizzes/" + id), 409).body("type", containsString("quiz-retired"));
        problem(as(AUTHOR).post("/api/v1/quizzes/" + id + "/publish"), 409);
    }

    @Test
    void badQuizzesAreProblems() {
        String q = seededQuestion("gt-push");
        problem(as(AUTHOR).body(Map.of("title", "Both", "questions", List.of(q), "draw", Map.of("skill", "git", "count", 1)))
                .post("/api/v1/quizzes"), 400).body("violations.field", hasItem("draw"));
        problem(as(AUTHOR).body(Map.of("title", "Twice", "questions", List.of(q, q))).post("/api/v1/quizzes"), 400)
                .body("violations.field", hasItem("questions[1]"));
        problem(as(AUTHOR).body(Map.of("title", "Unknown", "questions", List.of(UUID.randomUUID().toString())))
                .post("/api/v1/quizzes"), 422).body("violations.field", hasItem("questions[0]"));
        problem(as(AUTHOR).body(Map.of("title", "Not an id", "questions", List.of("nope"))).post("/api/v1/quizzes"), 400);
        problem(as(AUTHOR).body(Map.of("title", "Mark", "passMark", 101)).post("/api/v1/quizzes"), 400)
                .body("violations.field", hasItem("passMark"));
        problem(as(AUTHOR).body(Map.of("title", "Limits", "maxAttempts", 0, "timeLimitSeconds", -5)).post("/api/v1/quizzes"), 400)
                .body("violations.field", hasItems("maxAttempts", "timeLimitSeconds"));
        problem(as(AUTHOR).body(Map.of("title", "Grading", "gradingMethod", "best")).post("/api/v1/quizzes"), 400)
                .body("violations.field", hasItem("gradingMethod"));
        problem(as(AUTHOR).body(Map.of("title", "Skill", "skills", List.of("no-such-skill"))).post("/api/v1/quizzes"), 422)
                .body("violations.field", hasItem("skills[0]"));
        problem(as(AUTHOR).body(Map.of("title", " ")).post("/api/v1/quizzes"), 400).body("violations.field", hasItem("title"));
        String empty = as(AUTHOR).body(Map.of("title", "Empty " + shortId())).post("/api/v1/quizzes").then().statusCode(201)
                .extract().path("id");
        problem(as(AUTHOR).post("/api/v1/quizzes/" + empty + "/publish"), 422).body("type", containsString("quiz-not-ready"));
        String big = as(AUTHOR).body(Map.of("title", "Big draw " + shortId(), "draw", Map.of("skill", "git", "count", 99)))
                .post("/api/v1/quizzes").then().statusCode(201).body("draw.skill.slug", equalTo("git")).extract().path("id");
        problem(as(AUTHOR).post("/api/v1/quizzes/" + big + "/publish"), 422).body("violations.field", hasItem("draw.count"));
        problem(as(AUTHOR).get("/api/v1/quizzes?status=lost"), 400).body("violations.field", hasItem("status"));
        problem(as(AUTHOR).get("/api/v1/quizzes?size=0"), 400).body("violations.field", hasItem("size"));
        problem(as(AUTHOR).get("/api/v1/questions?type=essay"), 400).body("violations.field", hasItem("type"));
        problem(as(AUTHOR).get("/api/v1/questions?page=-1"), 400).body("violations.field", hasItem("page"));
        problem(as(TestTokens.learner("l")).get("/api/v1/quizzes?status=draft"), 403);
        problem(as(TestTokens.learner("l")).get("/api/v1/learners/me/attempts?quiz=nope"), 400);
    }

    @Test
    void badAnswersAreProblemsNamingTheField() {
        String token = TestTokens.learner("learner-" + shortId());
        String quizId = publishedQuiz(Map.of(), "db-select", "db-clause-order");
        String attempt = start(token, quizId);
        String select = seededQuestion("db-select");
        String order = seededQuestion("db-clause-order");
        String url = "/api/v1/attempts/" + attempt + "/answers/";
        problem(as(token).body(Map.of("text", "SELECT")).put(url + select), 400).body("violations.field", hasItems("choice", "text"));
        problem(as(token).body(Map.of("choice", "zz")).put(url + select), 400).body("violations.field", hasItem("choice"));
        problem(as(token).body(Map.of("order", List.of("a"))).put(url + order), 400);
        problem(as(token).body(Map.of("choice", 3, "colour", "red")).put(url + select), 400);
        problem(as(token).body("").put(url + select), 400);
        problem(as(token).body(Map.of("choice", "zz")).put(url + seededQuestion("gt-push")), 404);
        problem(as(token).body(Map.of("choice", "zz")).put(url + "not-a-uuid"), 404);
        as(token).get("/api/v1/attempts/" + attempt).then().body("questions.answer", everyItem(nullValue()));
    }

    @Test
    void everyEndpointChecksTokensAndRoles() {
        String quiz = seededQuiz("git");
        String question = seededQuestion("gt-push");
        String learner = TestTokens.learner("learner-" + shortId());
        String attempt = start(learner, publishedQuiz(Map.of(), "gt-push"));
        Map<String, Object> quizBody = Map.of("title", "x", "questions", List.of(question));
        Map<String, Object> questionBody = single("p");
        // author-only endpoints: 401 without a token, 403 for a learner
        List<java.util.function.Function<io.restassured.specification.RequestSpecification, Response>> authorOnly = List.of(
                r -> r.get("/api/v1/questions"),
                r -> r.body(questionBody).post("/api/v1/questions"),
                r -> r.get("/api/v1/questions/" + question),
                r -> r.body(questionBody).put("/api/v1/questions/" + question),
                r -> r.get("/api/v1/questions/" + question + "/versions"),
                r -> r.body(quizBody).post("/api/v1/quizzes"),
                r -> r.body(quizBody).put("/api/v1/quizzes/" + quiz),
                r -> r.post("/api/v1/quizzes/" + quiz + "/publish"),
                r -> r.delete("/api/v1/quizzes/" + quiz),
                r -> r.get("/api/v1/quizzes/" + quiz + "/statistics"));
        for (var call : authorOnly) {
            problem(call.apply(given().contentType("application/json")), 401);
            problem(call.apply(as(learner)), 403);
        }
        // learner endpoints: 401 without a valid token
        List<java.util.function.Function<io.restassured.specification.RequestSpecification, Response>> signedIn = List.of(
                r -> r.post("/api/v1/quizzes/" + quiz + "/attempts"),
                r -> r.body(Map.of("value", true)).put("/api/v1/attempts/" + attempt + "/answers/" + question),
                r -> r.post("/api/v1/attempts/" + attempt + "/submit"),
                r -> r.get("/api/v1/attempts/" + attempt),
                r -> r.get("/api/v1/learners/me/attempts"));
        for (var call : signedIn) {
            problem(call.apply(given().contentType("application/json")), 401);
            problem(call.apply(as(TestTokens.expired("someone"))), 401);
            problem(call.apply(as(TestTokens.wronglySigned("someone"))), 401);
            problem(call.apply(as(TestTokens.algNone("someone"))), 401);
            problem(call.apply(as(TestTokens.malformed())), 401);
        }
        // ids that are not UUIDs name nothing
        problem(given().get("/api/v1/quizzes/not-a-uuid"), 404);
        problem(as(AUTHOR).get("/api/v1/questions/not-a-uuid"), 404);
        problem(as(AUTHOR).get("/api/v1/questions/" + UUID.randomUUID()), 404);
        problem(as(AUTHOR).body(questionBody).put("/api/v1/questions/" + UUID.randomUUID()), 404);
        problem(as(AUTHOR).post("/api/v1/quizzes/12345/publish"), 404);
        problem(as(AUTHOR).delete("/api/v1/quizzes/" + UUID.randomUUID()), 404);
        problem(as(learner).post("/api/v1/quizzes/zzz/attempts"), 404);
        problem(as(learner).get("/api/v1/attempts/zzz"), 404);
        problem(as(learner).post("/api/v1/attempts/" + UUID.randomUUID() + "/submit"), 404);
        // the public list and a published quiz need no token
        given().get("/api/v1/quizzes").then().statusCode(200).body("total", greaterThanOrEqualTo(5));
        given().get("/api/v1/quizzes/" + quiz).then().statusCode(200).body("you", nullValue());
    }

    @Test
    void theSeedHasTheArticlesQuizzes() {
        given().get("/api/v1/quizzes?size=100").then().statusCode(200)
                .body("items.title", hasItems("Backend basics", "Data structures", "Algorithms: sorting and searching",
                        "Databases and SQL", "APIs and HTTP", "Version control with Git"));
        as(AUTHOR).get("/api/v1/questions?size=1").then().body("total", greaterThanOrEqualTo(40));
        for (String type : List.of("single_choice", "multiple_choice", "true_false", "short_text", "numeric", "ordering")) {
            as(AUTHOR).get("/api/v1/questions?type=" + type).then().body("total", greaterThanOrEqualTo(1));
        }
        as(AUTHOR).get("/api/v1/quizzes/" + seededQuiz("sql-quick-check")).then().body("draw.count", equalTo(3))
                .body("draw.poolSize", greaterThanOrEqualTo(3)).body("questions", nullValue());
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static long total() {
        return ((Number) as(AUTHOR).get("/api/v1/questions?size=1").then().extract().path("total")).longValue();
    }
}
