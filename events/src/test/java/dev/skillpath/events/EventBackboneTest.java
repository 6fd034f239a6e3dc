package dev.skillpath.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.skillpath.events.testapp.Backbone.WAIT;
import static dev.skillpath.events.testapp.Backbone.count;
import static dev.skillpath.events.testapp.Backbone.counter;
import static dev.skillpath.events.testapp.Backbone.deadLetters;
import static dev.skillpath.events.testapp.Backbone.eventId;
import static dev.skillpath.events.testapp.Backbone.execute;
import static dev.skillpath.events.testapp.Backbone.header;
import static dev.skillpath.events.testapp.Backbone.noteEvent;
import static dev.skillpath.events.testapp.Backbone.postNote;
import static dev.skillpath.events.testapp.Backbone.producer;
import static dev.skillpath.events.testapp.Backbone.scalar;
import static dev.skillpath.events.testapp.Backbone.waitFor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.KafkaBroker;
import dev.skillpath.devinfra.testing.InjectKafkaBroker;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.testapp.Backbone;
import dev.skillpath.events.testapp.NoteCreated;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The five promises of the event backbone, against a real broker and a real PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class EventBackboneTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void aCommittedChangeProducesExactlyOneEventOnTheTopic() throws Exception {
        String author = "learner-" + UUID.randomUUID();
        String eventId = postNote(author, "hello", false, 201);

        try (TopicReader reader = new TopicReader(bootstrap, NoteCreated.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(rs -> count(rs, eventId) > 0, WAIT);
            records = reader.readToEnd(WAIT);
            assertEquals(1, count(records, eventId), "exactly one copy of the event on the topic");
            ConsumerRecord<String, byte[]> record = records.stream().filter(r -> eventId(r).equals(eventId))
                    .findFirst().orElseThrow();
            assertEquals(author, record.key(), "keyed as the producer asked");
            assertEquals(CloudEvent.CONTENT_TYPE, header(record, "content-type"));
            CloudEvent event = CloudEventCodec.parse(record.value());
            assertEquals("/events-test", event.source());
            assertEquals("dev.skillpath.test.note.created.v1", event.type());
            assertEquals("hello", NoteCreated.TYPE.read(event).body());
        }
        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from outbox where event_id = '" + eventId
                + "' and published_at is not null") == 1), "the outbox row is marked published");
    }

    @Test
    void aRolledBackChangeProducesNoEvent() throws Exception {
        String author = "learner-" + UUID.randomUUID();
        String rolledBack = postNote(author, "never", true, 409);
        assertEquals(0, scalar(dataSource, "select count(*) from outbox where event_id = '" + rolledBack + "'"));
        assertEquals(0, scalar(dataSource, "select count(*) from note where body = 'never'"));

        // a later event with the same key lands on the same partition, after where the first one would be
        String later = postNote(author, "later", false, 201);
        try (TopicReader reader = new TopicReader(bootstrap, NoteCreated.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readUntil(rs -> count(rs, later) > 0, WAIT);
            assertEquals(1, count(records, later));
            assertEquals(0, count(records, rolledBack), "a rolled-back change is never published");
        }
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEveryEventArrivesAfterItReturns() throws Exception {
        String author = "learner-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                ids.add(postNote(author, "offline " + i, false, 201));
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5,
                        "a write does not wait for the broker");
            }
            assertEquals(5, scalar(dataSource, "select count(*) from outbox where event_key = '" + author
                    + "' and published_at is null"), "the events wait in the outbox");
        } finally {
            broker.start();
        }
        try (TopicReader reader = new TopicReader(bootstrap, NoteCreated.TOPIC)) {
            reader.readUntil(rs -> ids.stream().allMatch(id -> count(rs, id) > 0), WAIT);
            List<ConsumerRecord<String, byte[]>> records = reader.readToEnd(WAIT);
            for (String id : ids) {
                assertEquals(1, count(records, id), "event " + id + " arrives exactly once");
            }
            List<String> order = records.stream().map(Backbone::eventId).filter(ids::contains).toList();
            assertEquals(ids, order, "one key's events keep their order");
        }
        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from outbox where event_key = '" + author
                + "' and published_at is null") == 0), "the outbox is drained");
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String key = "learner-" + UUID.randomUUID();
        CloudEvent duplicate = noteEvent(key, "twice");
        CloudEvent sentinel = noteEvent(key, "after the duplicate");
        double appliedBefore = consumed("applied");
        double duplicatesBefore = consumed("duplicate");
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(duplicate))).get();
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(duplicate))).get();
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(sentinel))).get();
        }
        assertTrue(waitFor(() -> applied(sentinel.id()) == 1), "the event after the duplicate is applied");
        // applied_note has no key on the event id: a second apply would be a second row, not a hidden error
        assertEquals(1, applied(duplicate.id()), "the duplicate is applied once");
        assertEquals(1, scalar(dataSource, "select count(*) from processed_event where event_id = '" + duplicate.id() + "'"));
        assertTrue(consumed("duplicate") >= duplicatesBefore + 1, "the second copy is counted as a duplicate");
        assertTrue(consumed("applied") >= appliedBefore + 2, "the first copy and the sentinel are counted as applied");
        assertNoDeadLetters(key);
    }

    @Test
    void anEventOfATypeTheHandlerDoesNotAcceptIsPassedOverWithoutATransaction() throws Exception {
        String key = "learner-" + UUID.randomUUID();
        CloudEvent note = noteEvent(key, "a note");
        CloudEvent other = new CloudEvent(UUID.randomUUID(), "/events-test-producer", "dev.skillpath.test.note.archived.v1",
                note.subject(), OffsetDateTime.now(ZoneOffset.UTC), "application/json", note.data());
        CloudEvent sentinel = noteEvent(key, "after the other type");
        double ignoredBefore = consumed("ignored");
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(note))).get();
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(other))).get();
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(sentinel))).get();
        }
        assertTrue(waitFor(() -> applied(sentinel.id()) == 1), "the event after the other type is applied");
        assertEquals(1, applied(note.id()));
        assertEquals(0, applied(other.id()), "the handler never saw it");
        assertEquals(0, scalar(dataSource, "select count(*) from processed_event where event_id = '" + other.id() + "'"),
                "no processed_event row for an event the handler does not accept");
        assertEquals(1, scalar(dataSource, "select count(*) from processed_event where event_id = '" + note.id() + "'"));
        // the handler throws on a type it does not accept: had it been called, the event would be dead-lettered
        assertTrue(consumed("ignored") >= ignoredBefore + 1, "the other type is counted as ignored");
        assertNoDeadLetters(key);
    }

    @Test
    void eventIdsOlderThanTheDedupRetentionAreForgottenAndNoOthers() throws Exception {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID otherGroups = UUID.randomUUID();
        execute(dataSource, "insert into processed_event (consumer_group, event_id, event_type, processed_at) values"
                + " ('events-test', '" + old + "', 't', now() - interval '31 days'),"
                + " ('events-test', '" + recent + "', 't', now() - interval '29 days'),"
                + " ('another-group', '" + otherGroups + "', 't', now() - interval '400 days')");
        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from processed_event where event_id = '" + old + "'") == 0),
                "an id older than 30 days is deleted by the consumer's cleanup");
        assertEquals(1, scalar(dataSource, "select count(*) from processed_event where event_id = '" + recent + "'"),
                "an id inside the retention stays");
        assertEquals(1, scalar(dataSource, "select count(*) from processed_event where event_id = '" + otherGroups + "'"),
                "each consumer cleans its own group only");
        execute(dataSource, "delete from processed_event where event_id = '" + otherGroups + "'");
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        String key = "learner-" + UUID.randomUUID();
        byte[] poison = ("{not json " + key).getBytes(StandardCharsets.UTF_8);
        CloudEvent failing = noteEvent(key, "explode");
        CloudEvent next = noteEvent(key, "still processed");
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, poison)).get();
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(failing))).get();
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(next))).get();
        }
        assertTrue(waitFor(() -> applied(next.id()) == 1), "the message after the poison ones is applied");
        assertEquals(0, applied(failing.id()), "a failing handler's effect is rolled back");

        try (TopicReader dlq = new TopicReader(bootstrap, Topics.deadLetter(NoteCreated.TOPIC))) {
            List<ConsumerRecord<String, byte[]>> records = dlq.readUntil(
                    rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= 2, WAIT);
            List<ConsumerRecord<String, byte[]>> mine = records.stream().filter(r -> key.equals(r.key())).toList();
            assertEquals(2, mine.size(), "both poison messages are dead-lettered, once each");
            assertEquals(new String(poison, StandardCharsets.UTF_8), new String(mine.get(0).value(), StandardCharsets.UTF_8));
            assertTrue(header(mine.get(0), "dlq.reason").startsWith("unparseable"));
            assertEquals("events-test", header(mine.get(0), "dlq.consumer.group"));
            assertEquals(failing.id(), CloudEventCodec.parse(mine.get(1).value()).id());
            assertTrue(header(mine.get(1), "dlq.reason").contains("failed 3 times"), header(mine.get(1), "dlq.reason"));
            assertNotNull(header(mine.get(1), "dlq.original.offset"));
        }
    }

    @Test
    void traceContextTravelsFromTheRequestThroughTheEventToItsHandler() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String author = "learner-" + UUID.randomUUID();
        String eventId = given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Map.of("author", author, "body", "traced", "fail", false))
                .when().post("/notes").then().statusCode(201).extract().path("eventId");
        try (TopicReader reader = new TopicReader(bootstrap, NoteCreated.TOPIC)) {
            ConsumerRecord<String, byte[]> record = reader.readUntil(rs -> count(rs, eventId) > 0, WAIT).stream()
                    .filter(r -> eventId(r).equals(eventId)).findFirst().orElseThrow();
            assertTrue(header(record, "traceparent").startsWith("00-" + traceId + "-"), header(record, "traceparent"));
            assertTrue(CloudEventCodec.parse(record.value()).traceparent().startsWith("00-" + traceId + "-"));
        }
        assertTrue(waitFor(() -> applied(UUID.fromString(eventId)) == 1));
        assertEquals(1, scalar(dataSource, "select count(*) from applied_note where event_id = '" + eventId + "' and trace_id = '"
                + traceId + "'"), "the handler ran inside the trace of the request");
    }

    // --- helpers ---

    private double consumed(String outcome) {
        return counter(registry, "skillpath.events.consumed", "group", "events-test", "outcome", outcome);
    }

    private void assertNoDeadLetters(String key) {
        assertEquals(0, deadLetters(bootstrap).stream().filter(r -> key.equals(r.key())).count(),
                "nothing of this key was dead-lettered");
    }

    private long applied(UUID eventId) throws Exception {
        return Backbone.applied(dataSource, eventId);
    }
}
