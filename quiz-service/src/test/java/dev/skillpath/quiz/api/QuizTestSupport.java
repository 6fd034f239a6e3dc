package dev.skillpath.quiz.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.SkillChanged;
import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.quiz.domain.QuizSeed;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** What the quiz-service tests share: tokens, problem checks, seeded ids, answers built from the author's view. */
final class QuizTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String AUTHOR = TestTokens.author();

    private QuizTestSupport() {
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", not(equalTo(null)));
    }

    static String seededQuiz(String key) {
        return QuizSeed.quizId(key).toString();
    }

    static String seededQuestion(String key) {
        return QuizSeed.questionId(key).toString();
    }

    static io.restassured.specification.RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The author's view of a quiz: its questions with answer keys. */
    static Map<String, Map<String, Object>> keysOf(String quizId) {
        List<Map<String, Object>> questions = as(AUTHOR).get("/api/v1/quizzes/" + quizId).then().statusCode(200)
                .extract().path("questions");
        Map<String, Map<String, Object>> byId = new HashMap<>();
        questions.forEach(q -> byId.put((String) q.get("id"), q));
        return byId;
    }

    static Map<String, Object> question(String questionId) {
        return as(AUTHOR).get("/api/v1/questions/" + questionId).then().statusCode(200).extract().path("");
    }

    /** The fully correct answer to a question, from its author view. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> correctAnswer(Map<String, Object> q) {
        List<Map<String, Object>> options = (List<Map<String, Object>>) q.get("options");
        return switch ((String) q.get("type")) {
            case "single_choice" -> Map.of("choice", options.stream().filter(o -> Boolean.TRUE.equals(o.get("correct")))
                    .findFirst().orElseThrow().get("id"));
            case "multiple_choice" -> Map.of("choices", options.stream()
                    .filter(o -> Boolean.TRUE.equals(o.get("correct"))).map(o -> o.get("id")).toList());
            case "true_false" -> Map.of("value", q.get("answer"));
            case "short_text" -> Map.of("text", ((List<String>) q.get("acceptedAnswers")).get(0));
            case "numeric" -> Map.of("number", q.get("value"));
            case "ordering" -> Map.of("order", options.stream().map(o -> o.get("id")).toList());
            default -> throw new IllegalArgumentException(String.valueOf(q.get("type")));
        };
    }

    /** A wrong answer that still has the right shape (earns no credit). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> wrongAnswer(Map<String, Object> q) {
        List<Map<String, Object>> options = (List<Map<String, Object>>) q.get("options");
        return switch ((String) q.get("type")) {
            case "single_choice" -> Map.of("choice", options.stream().filter(o -> !Boolean.TRUE.equals(o.get("correct")))
                    .findFirst().orElseThrow().get("id"));
            case "multiple_choice" -> Map.of("choices", options.stream()
                    .filter(o -> !Boolean.TRUE.equals(o.get("correct"))).map(o -> o.get("id")).toList());
            case "true_false" -> Map.of("value", !Boolean.TRUE.equals(q.get("answer")));
            case "short_text" -> Map.of("text", "certainly not this");
            case "numeric" -> Map.of("number", ((Number) q.get("value")).doubleValue() + 1000);
            case "ordering" -> {
                List<Object> reversed = new ArrayList<>(options.stream().map(o -> o.get("id")).toList());
                java.util.Collections.reverse(reversed);
                yield Map.of("order", reversed);
            }
            default -> throw new IllegalArgumentException(String.valueOf(q.get("type")));
        };
    }

    /** A quiz from seeded questions (no catalogue needed: its skills come from its questions), published. */
    static String publishedQuiz(Map<String, Object> settings, String... questionKeys) {
        Map<String, Object> body = new HashMap<>(settings);
        body.putIfAbsent("title", "Test quiz " + shortId());
        body.put("questions", java.util.Arrays.stream(questionKeys).map(QuizTestSupport::seededQuestion).toList());
        String id = as(AUTHOR).body(body).post("/api/v1/quizzes").then().statusCode(201).extract().path("id");
        as(AUTHOR).post("/api/v1/quizzes/" + id + "/publish").then().statusCode(200).body("status", equalTo("published"));
        return id;
    }

    static String start(String token, String quizId) {
        return as(token).post("/api/v1/quizzes/" + quizId + "/attempts").then().statusCode(201).extract().path("id");
    }

    static void save(String token, String attemptId, String questionId, Map<String, Object> answer) {
        as(token).body(answer).put("/api/v1/attempts/" + attemptId + "/answers/" + questionId).then().statusCode(200);
    }

    static ValidatableResponse submit(String token, String attemptId) {
        return as(token).post("/api/v1/attempts/" + attemptId + "/submit").then().statusCode(200);
    }

    static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    /** Every event on a topic with this key and type, once at least {@code atLeast} are there. */
    static List<CloudEvent> events(String bootstrap, String topic, String key, String type, int atLeast) {
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.readUntil(rs -> mine(rs, key, type).size() >= atLeast, WAIT);
            return mine(reader.readToEnd(WAIT), key, type);
        }
    }

    private static List<CloudEvent> mine(List<ConsumerRecord<String, byte[]>> records, String key, String type) {
        return records.stream().filter(r -> key.equals(r.key())).map(r -> CloudEventCodec.parse(r.value()))
                .filter(e -> type.equals(e.type())).toList();
    }

    /**
     * Tells the service's catalogue projection about seeded skills, as skills-service would, and waits until it
     * knows them: needed only by tests that author questions or tag quizzes.
     */
    static void catalogueKnows(String bootstrap, String... slugs) throws InterruptedException {
        for (String slug : slugs) {
            UUID id = SeededSkills.id(slug);
            publish(bootstrap, EventTypes.SKILL_CREATED, id.toString(),
                    new SkillChanged(id, slug, "Skill " + slug, "testing", "foundation", false));
        }
        // an author's view of a seeded question names its skills once the projection knows them
        for (String slug : slugs) {
            String id = SeededSkills.id(slug).toString();
            waitUntil(() -> {
                List<String> known = as(AUTHOR).get("/api/v1/quizzes?size=100").then().extract()
                        .path("items.skills.flatten().findAll { it.slug != null }.id");
                return known != null && known.contains(id);
            });
        }
    }

    /** Publishes one event to the real broker as skills-service would (source {@code /skills-service}). */
    static <T> CloudEvent publish(String bootstrap, dev.skillpath.events.EventType<T> type, String key, T payload) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            CloudEvent event = new CloudEvent(UUID.randomUUID(), "/skills-service", type.type(), key,
                    OffsetDateTime.now(ZoneOffset.UTC), "application/json", CloudEventCodec.toTree(payload), null);
            producer.send(new ProducerRecord<>(type.topic(), key, CloudEventCodec.toBytes(event))).get();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
