package dev.skillpath.events.testapp;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.MalformedEventException;
import dev.skillpath.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.restassured.http.ContentType;

/**
 * What the event backbone's tests do over and over: write notes, send events, read the topics, query the database
 * and the meters, wait.
 */
public final class Backbone {

    /** The longest a test waits for something the backbone does in the background. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Backbone() {
    }

    /** Writes a note through the test application and returns the id of its event. */
    public static String postNote(String author, String body, boolean fail, int status) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("author", author, "body", body, "fail", fail))
                .when().post("/notes")
                .then().statusCode(status)
                .extract().path("eventId");
    }

    /** A note event as another producer would send it. */
    public static CloudEvent noteEvent(String key, String body) {
        UUID noteId = UUID.randomUUID();
        return new CloudEvent(UUID.randomUUID(), "/events-test-producer", NoteCreated.TYPE.type(), noteId.toString(),
                OffsetDateTime.now(ZoneOffset.UTC), "application/json",
                CloudEventCodec.toTree(new NoteCreated(noteId, key, body)));
    }

    /** A producer as any client outside the service would use (acks from all replicas). */
    public static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** The records of the notes' dead-letter topic, read to its end. */
    public static List<ConsumerRecord<String, byte[]>> deadLetters(String bootstrap) {
        try (TopicReader dlq = new TopicReader(bootstrap, Topics.deadLetter(NoteCreated.TOPIC))) {
            return dlq.readToEnd(WAIT);
        }
    }

    /** How many times the test handler applied the event (its table has no key on the event id). */
    public static long applied(DataSource dataSource, UUID eventId) throws Exception {
        return scalar(dataSource, "select count(*) from applied_note where event_id = '" + eventId + "'");
    }

    /** A counter's count, 0 before it exists; {@code tags} are name, value pairs. */
    public static double counter(MeterRegistry registry, String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** A gauge's value, NaN before it exists; {@code tags} are name, value pairs. */
    public static double gauge(MeterRegistry registry, String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        return g == null ? Double.NaN : g.value();
    }

    public static long count(List<ConsumerRecord<String, byte[]>> records, String eventId) {
        return records.stream().filter(r -> eventId.equals(eventId(r))).count();
    }

    /** The CloudEvent id of a record, or "" when it is not a CloudEvent. */
    public static String eventId(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventCodec.parse(record.value()).id().toString();
        } catch (MalformedEventException e) {
            return "";
        }
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }

    public static long scalar(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A condition that may need a query to check. */
    public interface Check {
        boolean holds() throws Exception;
    }

    /** Whether the check holds within {@link #WAIT}, looking every 50 ms. */
    public static boolean waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.holds();
    }
}
