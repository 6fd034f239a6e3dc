package dev.skillpath.system;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.system.support.AnswerKeys;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.ProgressEvents;
import dev.skillpath.system.support.Waits;
import io.restassured.response.Response;

/**
 * The journeys of an API consumer, through the gateway only: an author publishes a skill, a lesson and a quiz; a
 * learner gets a token, finds the lesson, completes it, takes the quiz and sees mastery (and the dashboard) follow
 * the events; and the seeded catalogue: a newcomer's frontier, a path to binary search, a full pass of a seeded quiz.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneySystemTest extends SystemTestBase {

    static final Duration EVENTS = Duration.ofSeconds(60);
    static final Map<String, Object> figures = new LinkedHashMap<>();

    @Test
    @Order(1)
    void authorPublishesLearnerLearnsAndMasteryFollows() {
        String author = tokens.author("journey-author");
        String skill = unique("journey-skill-");
        String word = unique("quokka");

        // --- the author: a skill, related to HTTP, then a lesson and a quiz tagged with it, both published
        String skillId = api(author).body(Map.of("slug", skill, "name", "Journey " + word, "summary",
                "A skill made by the system test.", "description", "Made by the journey to check the whole flow.",
                "level", "intermediate", "category", "servers")).post("/api/v1/skills").then().statusCode(201)
                .extract().path("id");
        api(author).body(Map.of("type", "requires", "target", "http")).post("/api/v1/skills/" + skill + "/relations")
                .then().statusCode(201);

        String lesson = "lesson-" + skill;
        Map<String, Object> lessonBody = Map.of("slug", lesson, "title", "All about " + word, "summary",
                "How " + word + " works.", "body", "# " + word + "\n\nA lesson written by the system test.",
                "level", "intermediate", "estimatedMinutes", 5, "skills", List.of(skill));
        // content-service learns the new skill from skill.created: until then the tag is unknown (422)
        Response created = Waits.poll(() -> api(author).body(lessonBody).post("/api/v1/lessons"),
                r -> r.statusCode() != 422 && r.statusCode() != 503, EVENTS);
        assertEquals(201, created.statusCode(), "lesson created: " + created.asString());
        api(author).post("/api/v1/lessons/" + lesson + "/publish").then().statusCode(200).body("version", equalTo(1));

        List<String> questionIds = new ArrayList<>();
        List<Map<String, Object>> questions = List.of(
                Map.of("type", "single_choice", "prompt", "Which is right?", "skills", List.of(skill), "options",
                        List.of(Map.of("id", "right", "text", "This one", "correct", true),
                                Map.of("id", "wrong", "text", "That one", "correct", false))),
                Map.of("type", "true_false", "prompt", "Is this true?", "skills", List.of(skill), "answer", true),
                Map.of("type", "numeric", "prompt", "Six times seven?", "skills", List.of(skill), "value", 42));
        for (Map<String, Object> q : questions) {
            Response r = Waits.poll(() -> api(author).body(q).post("/api/v1/questions"),
                    x -> x.statusCode() != 422 && x.statusCode() != 503, EVENTS);
            assertEquals(201, r.statusCode(), "question created: " + r.asString());
            questionIds.add(r.path("id"));
        }
        String quizId = api(author).body(Map.of("title", "Quiz on " + word, "skills", List.of(skill), "questions",
                questionIds, "passMark", 60, "reviewPolicy", "after_submit")).post("/api/v1/quizzes")
                .then().statusCode(201).extract().path("id");
        api(author).post("/api/v1/quizzes/" + quizId + "/publish").then().statusCode(200)
                .body("status", equalTo("published"));

        // --- the learner: a token from the gateway's local issuer
        String learner = learnerToken("demo-learner");
        String learnerId = subjectOf(learner);
        JsonNode dashboardBefore = dashboard(learner);

        // finds the lesson by search (the published version is indexed at publish)
        Response hits = api(learner).queryParam("q", word).get("/api/v1/search");
        hits.then().statusCode(200);
        assertTrue(hits.jsonPath().getList("items.slug").contains(lesson), "search finds the lesson: " + hits.asString());
        api(learner).get("/api/v1/lessons/" + lesson).then().statusCode(200).body("version", equalTo(1));
        api(learner).post("/api/v1/lessons/" + lesson + "/completions").then().statusCode(201);
        api(learner).post("/api/v1/lessons/" + lesson + "/completions").then().statusCode(200); // same version: no second event

        // the completion is a learning step for the skill
        JsonNode afterLesson = Waits.poll(() -> mastery(learner, skill), m -> m != null && m.path("learningSteps").asInt() == 1,
                EVENTS);
        assertNotNull(afterLesson, "mastery shows the lesson's learning step");
        assertEquals(1, afterLesson.path("learningSteps").asInt());
        double afterLessonP = afterLesson.path("probability").asDouble();

        // takes the quiz: nothing in the learner's views gives a key away before grading
        Http.Answer quizView = gateway.get("/api/v1/quizzes/" + quizId, learner);
        assertEquals(200, quizView.status());
        assertEquals(List.of(), AnswerKeys.leaks(quizView.json()), "learner's quiz view");
        Response started = api(learner).post("/api/v1/quizzes/" + quizId + "/attempts");
        started.then().statusCode(201);
        assertEquals(List.of(), AnswerKeys.leaks(json(started)), "attempt as started");
        String attemptId = started.path("id");
        Map<String, Object> wrong = Map.of(questionIds.get(0), Map.of("choice", "wrong"),
                questionIds.get(1), Map.of("value", false), questionIds.get(2), Map.of("number", 41));
        Map<String, Object> right = Map.of(questionIds.get(0), Map.of("choice", "right"),
                questionIds.get(1), Map.of("value", true), questionIds.get(2), Map.of("number", 42));
        // autosave: a first (wrong) answer, the same again (idempotent), then the final one replacing it
        for (String q : questionIds) {
            Response saved = api(learner).body(wrong.get(q)).put("/api/v1/attempts/" + attemptId + "/answers/" + q);
            saved.then().statusCode(200);
            assertEquals(List.of(), AnswerKeys.leaks(json(saved)), "saved answer");
            api(learner).body(wrong.get(q)).put("/api/v1/attempts/" + attemptId + "/answers/" + q).then().statusCode(200);
            api(learner).body(right.get(q)).put("/api/v1/attempts/" + attemptId + "/answers/" + q).then().statusCode(200);
        }
        Response open = api(learner).get("/api/v1/attempts/" + attemptId);
        open.then().statusCode(200).body("status", equalTo("in_progress"));
        assertEquals(List.of(), AnswerKeys.leaks(json(open)), "open attempt");
        Response graded = api(learner).post("/api/v1/attempts/" + attemptId + "/submit");
        graded.then().statusCode(200).body("status", equalTo("graded")).body("result.passed", equalTo(true))
                .body("result.percentage", equalTo(100.0f));

        // the graded event flows to skills-service: three observations, all correct, and the skill is mastered
        JsonNode afterQuiz = Waits.poll(() -> mastery(learner, skill), m -> m != null && m.path("observations").asInt() == 3,
                EVENTS);
        assertNotNull(afterQuiz);
        assertEquals(3, afterQuiz.path("observations").asInt(), "observations: " + afterQuiz);
        assertEquals(3, afterQuiz.path("correctAnswers").asInt());
        assertTrue(afterQuiz.path("probability").asDouble() > afterLessonP);
        assertEquals("mastered", afterQuiz.path("state").asText(), "three correct answers after a lesson: " + afterQuiz);

        // on the topic: one graded event for the attempt, one mastery update caused by it, and the skill.mastered
        UUID attempt = UUID.fromString(attemptId);
        ProgressEvents events = ProgressEvents.readUntil(sut.kafka().bootstrapServers(),
                e -> !e.ofType(EventTypes.SKILL_MASTERED.type(), learnerId).isEmpty(), EVENTS);
        List<CloudEvent> gradedEvents = events.gradedByAttempt(Set.of(attempt)).getOrDefault(attempt, List.of());
        assertEquals(1, gradedEvents.size(), "graded events of the attempt");
        List<CloudEvent> updates = events.masteryByCause(Set.of(gradedEvents.get(0).id()))
                .getOrDefault(gradedEvents.get(0).id(), List.of());
        // one update of the quiz's skill (skills the graph moves far enough are announced too, each once)
        assertEquals(1, updates.stream().filter(e -> e.subject().equals(skillId)).count(),
                "mastery updates of " + skill + " caused by the graded attempt");
        assertEquals(updates.size(), updates.stream().map(CloudEvent::subject).distinct().count(),
                "one update per skill and cause");
        assertEquals(1, events.ofType(EventTypes.LESSON_COMPLETED.type(), learnerId).stream()
                .filter(e -> lesson.equals(e.data().path("lessonSlug").asText())).count(), "lesson.completed events");

        // the frontier no longer offers what was mastered; the dashboard (a gateway view) shows the change
        JsonNode dashboardAfter = Waits.poll(() -> dashboard(learner),
                d -> d.path("mastery").path("mastered").asInt() >= 1 && d.path("recentAttempts").size() >= 1, EVENTS);
        assertEquals(0, dashboardBefore.path("mastery").path("mastered").asInt(), "dashboard before: " + dashboardBefore);
        assertEquals(List.of(), jsonList(dashboardBefore.path("degraded")), "nothing degraded");
        assertTrue(dashboardAfter.path("mastery").path("mastered").asInt() >= 1, "dashboard after: " + dashboardAfter);
        assertTrue(dashboardAfter.path("recentAttempts").size() >= 1, "dashboard shows the attempt: " + dashboardAfter);
        assertEquals(List.of(), AnswerKeys.leaks(dashboardAfter), "dashboard");
        figures.put("dashboard (GET /api/v1/me/dashboard)", "mastered " + dashboardBefore.path("mastery").path("mastered").asInt()
                + " → " + dashboardAfter.path("mastery").path("mastered").asInt() + ", recent attempts "
                + dashboardBefore.path("recentAttempts").size() + " → " + dashboardAfter.path("recentAttempts").size());
        figures.put("authoring journey", "skill, relation, lesson (published v1), 3 questions, quiz (published)");
        figures.put("learner journey", "search → read → complete → attempt → 3×3 autosaves → submit (100 %) → mastered");
        figures.put("probability after lesson / after quiz", afterLessonP + " / " + afterQuiz.path("probability").asDouble());
        Figures.record("Journeys", figures);
    }

    @Test
    @Order(2)
    void seededCatalogueGuidesANewcomer() {
        String newcomer = tokens.learner("newcomer-" + UUID.randomUUID());

        // the fringe of someone with no evidence: the seeded skills that require nothing, to confirm (a first quiz
        // tells whether they know them) or ready to learn
        Response frontier = api(newcomer).get("/api/v1/learners/me/frontier");
        frontier.then().statusCode(200);
        Set<String> expected = Set.of("communication", "html", "http", "problem-solving", "programming-fundamentals",
                "relational-databases", "version-control-concepts");
        Set<String> got = new HashSet<>(frontier.jsonPath().getList("skills.skill.slug", String.class));
        got.addAll(frontier.jsonPath().getList("toConfirm.skill.slug", String.class));
        assertTrue(got.containsAll(expected), "frontier " + got);
        for (String slug : got) {
            // anything else on it (a skill another test created) must require nothing either
            Response s = api(null).get("/api/v1/skills/" + slug);
            assertFalse(s.jsonPath().getList("relations.findAll { it.type == 'requires' && it.direction == 'outgoing' }")
                    .size() > 0, slug + " is on a newcomer's frontier but requires something");
        }

        // a path to binary search: every prerequisite, each after what it requires, the target last
        Response path = api(newcomer).get("/api/v1/skills/binary-search/path");
        path.then().statusCode(200).body("personalised", equalTo(true));
        List<String> steps = path.jsonPath().getList("steps.skill.slug", String.class);
        assertEquals("binary-search", steps.get(steps.size() - 1), "path " + steps);
        Set<String> prerequisites = new HashSet<>(api(null).get("/api/v1/skills/binary-search/prerequisites")
                .jsonPath().getList("slug", String.class));
        assertEquals(prerequisites, new HashSet<>(steps.subList(0, steps.size() - 1)), "a newcomer's path is every prerequisite");
        for (int i = 0; i < steps.size(); i++) {
            List<String> requires = api(null).get("/api/v1/skills/" + steps.get(i)).jsonPath()
                    .getList("relations.findAll { it.type == 'requires' && it.direction == 'outgoing' }.skill.slug", String.class);
            for (String r : requires) {
                assertTrue(steps.subList(0, i).contains(r), steps.get(i) + " requires " + r + ", which must come first: " + steps);
            }
        }

        // a full pass through a seeded quiz: the author's view has the key; the learner answers everything right
        String quizId = api(null).queryParam("size", 100).get("/api/v1/quizzes").jsonPath()
                .getString("items.find { it.title == 'Backend basics' }.id");
        assertNotNull(quizId, "the seeded quiz 'Backend basics'");
        JsonNode key = json(api(tokens.author("journey-author")).get("/api/v1/quizzes/" + quizId));
        Response started = api(newcomer).post("/api/v1/quizzes/" + quizId + "/attempts");
        started.then().statusCode(201);
        assertEquals(List.of(), AnswerKeys.leaks(json(started)), "seeded attempt as started");
        String attemptId = started.path("id");
        int answered = 0;
        for (JsonNode q : key.path("questions")) {
            Object answer = correctAnswer(q);
            api(newcomer).body(answer).put("/api/v1/attempts/" + attemptId + "/answers/" + q.path("id").asText())
                    .then().statusCode(200);
            answered++;
        }
        Response graded = api(newcomer).post("/api/v1/attempts/" + attemptId + "/submit");
        graded.then().statusCode(200).body("result.passed", equalTo(true)).body("result.percentage", equalTo(100.0f));
        int questions = answered;
        JsonNode mastery = Waits.poll(() -> json(api(newcomer).get("/api/v1/learners/me/mastery")),
                m -> m.path("skills").size() > 0 && sum(m, "observations") >= questions, EVENTS);
        assertTrue(sum(mastery, "observations") >= questions, "every answer is an observation: " + mastery);
        assertEquals(sum(mastery, "observations"), sum(mastery, "correctAnswers"), "all of them correct");

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("newcomer's fringe (ready and to confirm)", got.size() + " skills, the 7 seeded roots included");
        f.put("path to binary-search", steps.size() + " steps: " + String.join(" → ", steps));
        f.put("seeded quiz 'Backend basics'", questions + " questions answered, 100 %, " + sum(mastery, "observations")
                + " observations over " + mastery.path("skills").size() + " skills");
        Figures.record("Seeded catalogue", f);
    }

    @Test
    @Order(3)
    void aLearnerPractisesAndTheLearnerModelFollowsEachAnswer() {
        String learnerId = "practice-" + UUID.randomUUID();
        String learner = tokens.learner(learnerId);
        String author = tokens.author("journey-author");

        // a newcomer's frontier session: nothing is ready to learn yet, so it targets the roots to confirm, the list
        // skills-service published (the baseline) and answers at GET /learners/me/frontier
        Response fringe = api(learner).get("/api/v1/learners/me/frontier");
        List<String> toConfirm = fringe.jsonPath().getList("toConfirm.skill.id", String.class);
        List<String> ready = fringe.jsonPath().getList("skills.skill.id", String.class);
        Response frontierSession = Waits.poll(() -> api(learner).body(Map.of("target", "frontier"))
                .post("/api/v1/practice-sessions"), r -> r.statusCode() != 409, EVENTS);
        frontierSession.then().statusCode(201);
        assertEquals(ready.isEmpty() ? toConfirm : ready, frontierSession.jsonPath().getList("targetSkills.id", String.class),
                "the session's targets are the learner model's fringe");

        // a skill session, every answer right: the estimates come back from skills-service over Kafka, the picks
        // follow them, and the session ends when the model says http is mastered
        String session = api(learner).body(Map.of("target", "skill", "skill", "http", "maxQuestions", 20))
                .post("/api/v1/practice-sessions").then().statusCode(201).extract().path("id");
        String status = "active";
        int answered = 0;
        while (status.equals("active") && answered < 20) {
            Response next = api(learner).get("/api/v1/practice-sessions/" + session + "/next");
            next.then().statusCode(200);
            assertEquals(List.of(), AnswerKeys.leaks(json(next)), "a practice question before its answer");
            status = next.path("status");
            if (!status.equals("active")) {
                break;
            }
            String question = next.path("question.questionId");
            JsonNode key = json(api(author).get("/api/v1/questions/" + question));
            api(learner).body(Map.of("questionId", question, "answer", correctAnswer(key)))
                    .post("/api/v1/practice-sessions/" + session + "/answers").then().statusCode(200)
                    .body("correct", equalTo(true));
            answered++;
            int done = answered;
            // the learner model has the answer before the next pick (as a learner reading the feedback gives it)
            Waits.poll(() -> json(api(learner).get("/api/v1/learners/me/mastery/http/evidence")),
                    e -> e.path("total").asInt() >= done, EVENTS);
        }
        JsonNode view = json(api(learner).get("/api/v1/practice-sessions/" + session));
        assertEquals("ended", view.path("status").asText(), "session " + view);
        assertEquals("target-mastered", view.path("endReason").asText(), "session " + view);
        JsonNode items = view.path("items");
        double first = items.get(0).path("skillEstimate").asDouble();
        double last = items.get(items.size() - 1).path("skillEstimate").asDouble();
        assertTrue(last > first, "each pick used the estimates the answers moved: " + first + " → " + last);
        JsonNode mastery = json(api(learner).get("/api/v1/learners/me/mastery"));
        double http = -1;
        for (JsonNode skill : mastery.path("skills")) {
            if (skill.path("skill").path("slug").asText().equals("http")) {
                http = skill.path("probability").asDouble();
            }
        }
        assertTrue(http >= 0.95, "http mastered in skills-service: " + mastery);
        JsonNode evidence = json(api(learner).get("/api/v1/learners/me/mastery/http/evidence"));
        assertEquals("practice", evidence.path("items").get(0).path("kind").asText(), "evidence " + evidence);

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("newcomer's frontier session", "targets " + frontierSession.jsonPath().getList("targetSkills.slug"));
        f.put("practice to mastery of http (all answers right)", answered + " questions, estimate " + first + " → " + last
                + ", skills-service " + Math.round(http * 1000) / 1000.0);
        Figures.record("Practice", f);
    }

    /** The correct answer to a question, from the author's view with its key. */
    static Object correctAnswer(JsonNode q) {
        return switch (q.path("type").asText()) {
            case "single_choice" -> {
                String id = null;
                for (JsonNode o : q.path("options")) {
                    if (o.path("correct").asBoolean()) {
                        id = o.path("id").asText();
                    }
                }
                yield Map.of("choice", id);
            }
            case "multiple_choice" -> {
                List<String> ids = new ArrayList<>();
                for (JsonNode o : q.path("options")) {
                    if (o.path("correct").asBoolean()) {
                        ids.add(o.path("id").asText());
                    }
                }
                yield Map.of("choices", ids);
            }
            case "true_false" -> Map.of("value", q.path("answer").asBoolean());
            case "short_text" -> Map.of("text", q.path("acceptedAnswers").get(0).asText());
            case "numeric" -> Map.of("number", q.path("value").asDouble());
            case "ordering" -> {
                List<String> ids = new ArrayList<>();
                q.path("options").forEach(o -> ids.add(o.path("id").asText()));
                yield Map.of("order", ids);
            }
            default -> throw new AssertionError("unknown question type " + q);
        };
    }

    /** A learner token from the gateway's local issuer ({@code POST /api/v1/auth/token}), as a learner's app gets one. */
    static String learnerToken(String demoUser) {
        Http.Answer a = gateway.post("/api/v1/auth/token", null, Map.of("user", demoUser));
        assertEquals(200, a.status(), "token endpoint: " + a.abbreviated());
        String token = a.json().path("access_token").asText();
        assertFalse(token.isEmpty());
        figures.put("learner token from POST /api/v1/auth/token", "checked (" + demoUser + ")");
        return token;
    }

    static String subjectOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        try {
            return Http.JSON.readTree(payload).path("sub").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gateway's dashboard (a view composed from the three services) for the token's learner. */
    static JsonNode dashboard(String token) {
        Http.Answer a = gateway.get("/api/v1/me/dashboard", token);
        assertEquals(200, a.status(), "dashboard: " + a.abbreviated());
        return a.json();
    }

    /** The learner's mastery entry for one skill, or null when there is no evidence yet. */
    static JsonNode mastery(String token, String skillSlug) {
        JsonNode list = json(api(token).get("/api/v1/learners/me/mastery"));
        for (JsonNode m : list.path("skills")) {
            if (skillSlug.equals(m.path("skill").path("slug").asText())) {
                return m;
            }
        }
        return null;
    }

    static List<String> jsonList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static int sum(JsonNode mastery, String field) {
        int total = 0;
        for (JsonNode m : mastery.path("skills")) {
            total += m.path(field).asInt();
        }
        return total;
    }

    static JsonNode json(Response r) {
        try {
            return Http.JSON.readTree(r.asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + r.asString(), e);
        }
    }
}
