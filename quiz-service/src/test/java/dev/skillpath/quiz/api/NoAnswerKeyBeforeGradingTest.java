package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.keysOf;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.wrongAnswer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Walks every response a learner gets before an attempt is graded, for every seeded quiz (every question type),
 * and fails if any of them carries an answer key, a correctness flag, a credit or feedback.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class NoAnswerKeyBeforeGradingTest {

    /** Field names that only a graded, reviewable attempt (or an author) may see. */
    static final Set<String> FORBIDDEN = Set.of("correct", "correctAnswer", "acceptedAnswers", "tolerance", "answerKey",
            "feedback", "generalFeedback", "trueFeedback", "falseFeedback", "credit", "score", "passed", "review",
            "result", "foldAccents", "grade");

    static final List<String> QUIZZES = List.of("backend-basics", "data-structures", "algorithms", "databases",
            "apis-http", "git", "sql-quick-check");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void noLearnerFacingResponseCarriesTheKeyBeforeGrading() throws Exception {
        String learner = "learner-" + shortId();
        String token = TestTokens.learner(learner);
        List<String> responses = new ArrayList<>();
        responses.add(given().get("/api/v1/quizzes?size=100").then().statusCode(200).extract().asString());
        responses.add(as(token).get("/api/v1/quizzes?size=100").then().statusCode(200).extract().asString());
        Set<String> types = new java.util.HashSet<>();
        for (String key : QUIZZES) {
            String quizId = seededQuiz(key);
            responses.add(given().get("/api/v1/quizzes/" + quizId).then().statusCode(200).extract().asString());
            responses.add(as(token).get("/api/v1/quizzes/" + quizId).then().statusCode(200).extract().asString());
            String started = as(token).post("/api/v1/quizzes/" + quizId + "/attempts").then().statusCode(201)
                    .extract().asString();
            responses.add(started);
            JsonNode attempt = json.readTree(started);
            String attemptId = attempt.get("id").asText();
            responses.add(as(token).post("/api/v1/quizzes/" + quizId + "/attempts").then().statusCode(200)
                    .extract().asString());
            Map<String, Map<String, Object>> keys = quizKeys(key);
            for (JsonNode q : attempt.get("questions")) {
                types.add(q.get("type").asText());
                Map<String, Object> author = keys.get(q.get("questionId").asText());
                checkOptionsRevealNothing(q, author);
                responses.add(as(token).body(wrongAnswer(author)).put("/api/v1/attempts/" + attemptId + "/answers/"
                        + q.get("questionId").asText()).then().statusCode(200).extract().asString());
            }
            responses.add(as(token).get("/api/v1/attempts/" + attemptId).then().statusCode(200).extract().asString());
            responses.add(as(token).get("/api/v1/quizzes/" + quizId).then().statusCode(200).extract().asString());
        }
        responses.add(as(token).get("/api/v1/learners/me/attempts?size=100").then().statusCode(200).extract().asString());
        assertEquals(Set.of("single_choice", "multiple_choice", "true_false", "short_text", "numeric", "ordering"), types);
        for (String body : responses) {
            List<String> found = new ArrayList<>();
            walk(json.readTree(body), "$", found);
            if (!found.isEmpty()) {
                fail("a learner saw " + found + " before grading in " + body);
            }
        }
    }

    private static Map<String, Map<String, Object>> quizKeys(String key) {
        if (!key.equals("sql-quick-check")) {
            return keysOf(seededQuiz(key));
        }
        Map<String, Map<String, Object>> pool = new java.util.HashMap<>();
        List<String> ids = as(QuizTestSupport.AUTHOR).get("/api/v1/questions?skill=sql&size=100").then().extract()
                .path("items.id");
        ids.forEach(id -> pool.put(id, QuizTestSupport.question(id)));
        return pool;
    }

    /**
     * Options are id and text only, and an ordering question shows exactly its items. Which order they come in is
     * uniformly random, the correct one included (OptionOrderTest measures that), so one attempt proves nothing
     * about it.
     */
    @SuppressWarnings("unchecked")
    private static void checkOptionsRevealNothing(JsonNode q, Map<String, Object> author) {
        JsonNode options = q.get("options");
        if (options == null) {
            return;
        }
        for (JsonNode o : options) {
            List<String> fields = new ArrayList<>();
            o.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("id", "text"), fields, "option fields");
        }
        if ("ordering".equals(q.get("type").asText())) {
            List<String> shown = new ArrayList<>();
            options.forEach(o -> shown.add(o.get("id").asText()));
            List<String> correct = ((List<Map<String, Object>>) author.get("options")).stream()
                    .map(o -> (String) o.get("id")).toList();
            assertEquals(Set.copyOf(correct), Set.copyOf(shown), "the items of the ordering question");
            assertEquals(correct.size(), shown.size(), "each item once");
        }
    }

    private static void walk(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (FORBIDDEN.contains(field.getKey())) {
                    found.add(path + "." + field.getKey());
                }
                walk(field.getValue(), path + "." + field.getKey(), found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", found);
            }
        }
    }
}
