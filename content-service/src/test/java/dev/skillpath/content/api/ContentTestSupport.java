package dev.skillpath.content.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.SkillChanged;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.platform.catalog.SeededSkills;
import io.restassured.response.ValidatableResponse;

/**
 * What content tests share: the catalogue as skills-service would announce it (skill events on the real
 * topic, which the service's projection consumes), topic reading and waiting with a deadline.
 */
final class ContentTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** Seeded skills the tests tag with, and one that skills-service has retired. */
    static final List<String> SKILLS = List.of("binary-search", "sorting-algorithms", "arrays", "git",
            "programming-fundamentals", "django", "python", "http");
    static final String RETIRED = "retired-skill-for-tests";

    private ContentTestSupport() {
    }

    /** Announces the test skills on the catalogue topic and waits until the projection knows them. */
    static synchronized void announceCatalogue(String bootstrap, KnownSkills known) throws Exception {
        if (known.find(RETIRED).isPresent()) {
            return;
        }
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (String slug : SKILLS) {
                send(producer, EventTypes.SKILL_CREATED.type(), new SkillChanged(SeededSkills.id(slug), slug,
                        slug.replace('-', ' '), "algorithms", "foundation", false));
            }
            send(producer, EventTypes.SKILL_RETIRED.type(), new SkillChanged(SeededSkills.id(RETIRED), RETIRED,
                    "Retired", "algorithms", "foundation", true));
        }
        waitUntil(() -> known.find(RETIRED).isPresent() && SKILLS.stream().allMatch(s -> known.find(s).isPresent()));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String type, SkillChanged skill) throws Exception {
        CloudEvent event = new CloudEvent(UUID.randomUUID(), "/skills-service", type, skill.skillId().toString(),
                OffsetDateTime.now(ZoneOffset.UTC), "application/json", CloudEventCodec.toTree(skill));
        producer.send(new ProducerRecord<>(Topics.CATALOG, skill.skillId().toString(), CloudEventCodec.toBytes(event)))
                .get();
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** The events of one type with one key on a topic, once at least {@code atLeast} arrived. */
    static List<CloudEvent> events(String bootstrap, String topic, String key, String type, int atLeast) {
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.readUntil(rs -> matching(rs, key, type).size() >= atLeast, WAIT);
            return matching(reader.readToEnd(WAIT), key, type);
        }
    }

    private static List<CloudEvent> matching(List<ConsumerRecord<String, byte[]>> records, String key, String type) {
        return records.stream().filter(r -> key.equals(r.key())).map(r -> CloudEventCodec.parse(r.value()))
                .filter(e -> type.equals(e.type())).toList();
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", not(equalTo(null)));
    }

    static Map<String, Object> lesson(String slug, String title, List<String> skills) {
        return Map.of("slug", slug, "title", title, "summary", "A summary of " + title + ".",
                "body", "## " + title + "\n\nThe body of the lesson about " + title + ".", "level", "foundation",
                "estimatedMinutes", 5, "skills", skills);
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static int lessonCount(String authorToken) {
        return given().auth().oauth2(authorToken).get("/api/v1/lessons?size=1").then().statusCode(200)
                .extract().path("total");
    }
}
