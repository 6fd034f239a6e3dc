package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.client.ApiClient;
import dev.skillpath.client.ApiException;
import dev.skillpath.client.api.AttemptsApi;
import dev.skillpath.client.api.GatewayApi;
import dev.skillpath.client.api.LessonsApi;
import dev.skillpath.client.api.MasteryApi;
import dev.skillpath.client.api.QuizzesApi;
import dev.skillpath.client.api.SkillsApi;
import dev.skillpath.client.model.Answer;
import dev.skillpath.client.model.AttemptQuestionView;
import dev.skillpath.client.model.AttemptStatus;
import dev.skillpath.client.model.AttemptView;
import dev.skillpath.client.model.CompletionView;
import dev.skillpath.client.model.FrontierView;
import dev.skillpath.client.model.GatewayProblem;
import dev.skillpath.client.model.LessonSummary;
import dev.skillpath.client.model.LessonView;
import dev.skillpath.client.model.MasteryList;
import dev.skillpath.client.model.MasteryView;
import dev.skillpath.client.model.OptionView;
import dev.skillpath.client.model.PageLessonSummary;
import dev.skillpath.client.model.PageQuizSummary;
import dev.skillpath.client.model.PageSkillSummary;
import dev.skillpath.client.model.Problem;
import dev.skillpath.client.model.QuizStatus;
import dev.skillpath.client.model.QuizSummary;
import dev.skillpath.client.model.ResultView;
import dev.skillpath.client.model.SavedAnswer;
import dev.skillpath.client.model.SkillDetail;
import dev.skillpath.client.model.SkillSummary;
import dev.skillpath.client.model.TokenRequest;
import dev.skillpath.client.model.TokenResponse;
import dev.skillpath.system.support.ApiSnapshot;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.Waits;

/**
 * The merged OpenAPI document as a consumer uses it (issue #13): {@code docs/openapi.json} is what the running
 * gateway serves at {@code /openapi}, and a Java client generated from it (openapi-generator, library {@code native},
 * into {@code target/generated-test-sources}; see the module's pom) runs a learner's journey through the gateway
 * with nothing hand-written on the wire. The client is strict: its mapper fails on a property the document does not
 * name (the generator's default ignores them), on an enum value it does not list, on a malformed id or date, so every
 * answer of the journey must be what the document says it is. A problem answer is the client's {@code ApiException}
 * with the status and the {@code application/problem+json} body, which reads as the document's problem schema.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedClientSystemTest extends SystemTestBase {

    static final Duration EVENTS = Duration.ofSeconds(60);

    @Test
    @Order(1)
    void theCommittedDocumentIsTheLiveOne() {
        Http.Answer served = gateway.get("/openapi", null);
        assertEquals(200, served.status(), served.abbreviated());
        JsonNode live = served.json();
        assertEquals(0, live.path("info").path("x-degraded").size(), "every service's document is merged: " + live.path("info"));
        // a generated client names its methods after the operation ids: each operation has one, and no two the same
        Map<String, List<String>> ids = new TreeMap<>();
        live.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().isObject() && !op.getKey().equals("parameters")) {
                ids.computeIfAbsent(op.getValue().path("operationId").asText(""), k -> new ArrayList<>())
                        .add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertEquals(List.of(), ids.getOrDefault("", List.of()), "operations without an operationId");
        assertEquals(Map.of(), ids.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "operation ids used twice");
        Path snapshot = ApiSnapshot.file();
        if (Boolean.getBoolean("skillpath.openapi.write")) {
            ApiSnapshot.write(snapshot, live);
            System.out.println("[openapi] written the live document into " + snapshot);
            return;
        }
        List<String> differences = ApiSnapshot.differences(ApiSnapshot.read(snapshot), live, 25);
        if (!differences.isEmpty()) {
            Path written = Path.of(System.getProperty("skillpath.system.target", "target")).resolve("openapi-live.json");
            ApiSnapshot.write(written, live);
            fail(ApiSnapshot.FILE + " is not the document the system serves; it differs at\n  "
                    + String.join("\n  ", differences) + "\nThe live document is in " + written.toAbsolutePath()
                    + ": copy it over " + ApiSnapshot.FILE + ", or run this test with -Dskillpath.openapi.write=true"
                    + " (docs/api.md, \"A generated client\"), and review the change.");
        }
    }

    /** A client of the gateway, as its users would set it up; {@code token}: sent as a bearer token unless null. */
    static ApiClient client(String token) {
        ObjectMapper strict = ApiClient.createDefaultObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        ApiClient client = new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1), strict,
                sut.gatewayUrl());
        client.setReadTimeout(Duration.ofSeconds(30));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    @Test
    @Order(2)
    void aLearnersJourneyWithTheGeneratedClientOnly() throws ApiException {
        long t0 = System.nanoTime();
        Map<String, Object> f = new LinkedHashMap<>();

        // a token from the gateway's local issuer
        TokenResponse issued = new GatewayApi(client(null)).issueLocalToken(new TokenRequest().user("demo-learner-2"));
        assertEquals(TokenResponse.TokenTypeEnum.BEARER, issued.getTokenType());
        assertTrue(issued.getExpiresIn() > 0, "expires_in " + issued.getExpiresIn());
        ApiClient learner = client(issued.getAccessToken());
        SkillsApi skills = new SkillsApi(learner);
        LessonsApi lessons = new LessonsApi(learner);
        QuizzesApi quizzes = new QuizzesApi(learner);
        AttemptsApi attempts = new AttemptsApi(learner);
        MasteryApi mastery = new MasteryApi(learner);

        // the catalogue: a page of skills, then one of them with its relations
        PageSkillSummary page = skills.listSkills(null, null, null, 0, null, 100);
        assertTrue(page.getTotal() >= page.getItems().size() && !page.getItems().isEmpty(), "skills: " + page);
        SkillSummary http = page.getItems().stream().filter(s -> "http".equals(s.getSlug())).findFirst()
                .orElseThrow(() -> new AssertionError("the seeded skill http is listed: " + page.getItems()));
        SkillDetail skill = skills.getSkill("http");
        assertEquals(http.getId(), skill.getId());
        assertNotNull(skill.getLevel());
        assertNotNull(skill.getCreatedAt());
        assertNotNull(skill.getRelations());

        // a lesson on it: found by skill, read, completed
        PageLessonSummary found = lessons.listLessons(null, 0, null, 20, "http", null);
        assertFalse(found.getItems().isEmpty(), "lessons on http: " + found);
        LessonSummary summary = found.getItems().get(0);
        LessonView lesson = lessons.getLesson(summary.getSlug());
        assertEquals(summary.getId(), lesson.getId());
        assertEquals(summary.getPublishedVersion(), lesson.getVersion());
        assertFalse(lesson.getBody().isBlank());
        assertTrue(lesson.getSkills().stream().anyMatch(t -> "http".equals(t.getSlug())), "tags: " + lesson.getSkills());
        CompletionView completed = lessons.completeLesson(lesson.getSlug());
        assertEquals(lesson.getId(), completed.getLessonId());
        assertEquals(lesson.getVersion(), completed.getVersion());

        // a quiz on it: an attempt, an answer to every question (saved, then saved again: idempotent), submitted
        int observationsBefore = observations(mastery.getMastery(null));
        PageQuizSummary offered = quizzes.listQuizzes(0, 20, "http", null);
        QuizSummary quiz = offered.getItems().stream().filter(q -> "APIs and HTTP".equals(q.getTitle())).findFirst()
                .orElseThrow(() -> new AssertionError("the seeded quiz 'APIs and HTTP': " + offered.getItems()));
        assertEquals(QuizStatus.PUBLISHED, quiz.getStatus());
        AttemptView attempt = quizzes.startAttempt(quiz.getId().toString());
        assertEquals(AttemptStatus.IN_PROGRESS, attempt.getStatus());
        assertEquals(quiz.getId(), attempt.getQuiz().getId());
        assertEquals(quiz.getQuestionCount(), attempt.getQuestions().size());
        String attemptId = attempt.getId().toString();
        for (AttemptQuestionView question : attempt.getQuestions()) {
            assertNull(question.getReview(), "no review before grading");
            Answer answer = anAnswerTo(question);
            SavedAnswer saved = attempts.saveAnswer(attemptId, question.getQuestionId().toString(), answer);
            assertEquals(question.getQuestionId(), saved.getQuestionId());
            assertEquals(answer, saved.getAnswer());
            assertEquals(answer, attempts.saveAnswer(attemptId, question.getQuestionId().toString(), answer).getAnswer());
        }
        AttemptView open = attempts.getAttempt(attemptId);
        assertEquals(AttemptStatus.IN_PROGRESS, open.getStatus());
        assertTrue(open.getQuestions().stream().allMatch(q -> q.getAnswer() != null), "every answer saved: " + open);
        AttemptView graded = attempts.submitAttempt(attemptId);
        assertEquals(AttemptStatus.GRADED, graded.getStatus());
        ResultView result = graded.getResult();
        assertNotNull(result, "a graded attempt has its result");
        assertTrue(result.getPercentage() >= 0 && result.getPercentage() <= 100, "result " + result);
        assertEquals(result.getPercentage() >= result.getPassMark(), result.getPassed(), "result " + result);

        // skills-service learns of it from the graded event: an observation per question and skill it is tagged with
        int questions = attempt.getQuestions().size();
        MasteryList after = Waits.poll(() -> call(() -> mastery.getMastery(null)),
                m -> observations(m) >= observationsBefore + questions, EVENTS);
        int observed = observations(after) - observationsBefore;
        assertTrue(observed >= questions, observed + " observations of " + questions + " answers: " + after);
        assertEquals(JourneySystemTest.subjectOf(issued.getAccessToken()), after.getLearnerId());
        FrontierView frontier = mastery.getFrontier(null);
        assertEquals(after.getLearnerId(), frontier.getLearnerId());
        assertFalse(frontier.getSkills().isEmpty() && frontier.getToConfirm().isEmpty(), "a frontier: " + frontier);

        f.put("client", "openapi-generator " + System.getProperty("skillpath.openapi.generator", "?")
                + ", java native (java.net.http + Jackson), strict mapper");
        f.put("journey", "token → skills → skill http → lesson " + lesson.getSlug() + " read and completed → quiz '"
                + quiz.getTitle() + "': " + questions + " answers saved twice each, submitted ("
                + result.getPercentage() + " %) → " + observed + " observations → frontier");
        f.put("journey time", millisSince(t0) + " ms");
        Figures.record("Generated client", f);
    }

    @Test
    @Order(3)
    void aProblemIsTheGeneratedClientsApiExceptionWithTheProblemBody() throws Exception {
        ApiClient anonymous = client(null);
        ApiException e = assertThrows(ApiException.class, () -> new SkillsApi(anonymous).getSkill("no-such-skill-" + unique("x")));
        assertEquals(404, e.getCode());
        assertTrue(e.getResponseHeaders().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "content type " + e.getResponseHeaders().map());
        Problem problem = anonymous.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        assertEquals(URI.create("https://skillpath.dev/problems/not-found"), problem.getType());
        assertEquals("Not found", problem.getTitle());
        assertEquals(404, problem.getStatus());
        assertNotNull(problem.getDetail());

        // the gateway's own problems are documented too: an attempt without a token
        ApiException unauthenticated = assertThrows(ApiException.class,
                () -> new AttemptsApi(anonymous).getAttempt(java.util.UUID.randomUUID().toString()));
        assertEquals(401, unauthenticated.getCode());
        GatewayProblem gatewayProblem = anonymous.getObjectMapper().readValue(unauthenticated.getResponseBody(),
                GatewayProblem.class);
        assertEquals("https://skillpath.dev/problems/unauthenticated", gatewayProblem.getType());
        assertEquals(401, gatewayProblem.getStatus());
    }

    /** Some answer of the question's type (right or wrong does not matter here: the learner has no key). */
    static Answer anAnswerTo(AttemptQuestionView question) {
        List<String> options = question.getOptions() == null ? List.of()
                : question.getOptions().stream().map(OptionView::getId).toList();
        return switch (question.getType()) {
            case SINGLE_CHOICE -> new Answer().choice(options.get(0));
            case MULTIPLE_CHOICE -> new Answer().choices(List.of(options.get(0)));
            case TRUE_FALSE -> new Answer().value(true);
            case SHORT_TEXT -> new Answer().text("an answer");
            case NUMERIC -> new Answer().number(42.0);
            case ORDERING -> new Answer().order(options);
        };
    }

    static int observations(MasteryList mastery) {
        return mastery.getSkills().stream().mapToInt(MasteryView::getObservations).sum();
    }

    interface Call<T> {
        T call() throws ApiException;
    }

    static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw new AssertionError(e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}
