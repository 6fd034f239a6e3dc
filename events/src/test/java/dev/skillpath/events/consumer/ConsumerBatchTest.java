package dev.skillpath.events.consumer;

import static dev.skillpath.events.testapp.Backbone.deadLetters;
import static dev.skillpath.events.testapp.Backbone.eventId;
import static dev.skillpath.events.testapp.Backbone.noteEvent;
import static dev.skillpath.events.testapp.Backbone.scalar;
import static dev.skillpath.events.testapp.Backbone.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.testapp.Backbone;
import dev.skillpath.events.testapp.NoteCreated;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A poll of many records applied in one transaction ({@link EventHandler#handleAll}): each event once, in order per
 * key, each in its own trace; a poison record among them still isolated and dead-lettered alone; and a record whose
 * header names a type the handler does not take passed over without being parsed.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ConsumerBatchTest {

    private static final String GROUP = "events-test";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void aPollOfManyEventsIsAppliedTogetherEachOnceInOrderAndEachInItsOwnTrace() throws Exception {
        String key = "learner-" + UUID.randomUUID();
        List<CloudEvent> notes = new ArrayList<>();
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String trace = UUID.randomUUID().toString().replace("-", "");
            traces.add(trace);
            CloudEvent n = noteEvent(key, "note " + i);
            notes.add(new CloudEvent(n.id(), n.source(), n.type(), n.subject(), n.time(), n.datacontenttype(), n.data(),
                    "00-" + trace + "-00f067aa0ba902b7-01"));
        }
        double batchesBefore = batches().count();
        sendTogether(notes.stream().map(n -> record(key, CloudEventCodec.toBytes(n), null)).toList());
        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from applied_note where body like 'note %'"
                + " and event_id in (" + ids(notes) + ")") == 100), "every note applied");
        assertEquals(100, scalar(dataSource, "select count(distinct event_id) from applied_note where event_id in ("
                + ids(notes) + ")"), "each once");
        List<String[]> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select event_id::text, trace_id from applied_note where event_id in (" + ids(notes) + ") order by seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                applied.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (int i = 0; i < notes.size(); i++) {
            assertEquals(notes.get(i).id().toString(), applied.get(i)[0], "applied in the order of the key's records");
            assertEquals(traces.get(i), applied.get(i)[1], "note " + i + " handled in the trace of its own event");
        }
        assertTrue(batches().count() > batchesBefore && batches().max() > 1,
                "some polls were applied together (largest " + batches().max() + ")");
    }

    @Test
    void aPoisonEventAmongManyIsDeadLetteredAloneAndTheOthersAreApplied() throws Exception {
        String key = "learner-" + UUID.randomUUID();
        List<CloudEvent> notes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            notes.add(noteEvent(key, i == 15 ? "explode" : "poisoned batch " + i));
        }
        double fallbacksBefore = Backbone.counter(registry, "skillpath.events.consumer.batch.fallbacks", "group", GROUP);
        sendTogether(notes.stream().map(n -> record(key, CloudEventCodec.toBytes(n), null)).toList());
        CloudEvent poison = notes.get(15);
        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from applied_note where event_id in ("
                + ids(notes) + ")") == 29), "the 29 others applied");
        assertTrue(waitFor(() -> deadLetters(bootstrap).stream().anyMatch(r -> poison.id().toString().equals(eventId(r)))),
                "the poison dead-lettered");
        assertEquals(0, scalar(dataSource, "select count(*) from applied_note where event_id = '" + poison.id() + "'"));
        assertEquals(1, deadLetters(bootstrap).stream().filter(r -> poison.id().toString().equals(eventId(r))).count(),
                "dead-lettered once");
        assertTrue(Backbone.counter(registry, "skillpath.events.consumer.batch.fallbacks", "group", GROUP)
                > fallbacksBefore, "the poll fell back to one event at a time");
    }

    @Test
    void aRecordWhoseHeaderNamesAnotherTypeIsPassedOverWithoutBeingParsed() throws Exception {
        String key = "learner-" + UUID.randomUUID();
        double ignoredBefore = Backbone.counter(registry, "skillpath.events.consumed", "group", GROUP, "outcome",
                "ignored");
        byte[] notJson = "not an envelope at all".getBytes(StandardCharsets.UTF_8);
        CloudEvent after = noteEvent(key, "after the foreign record");
        int deadBefore = deadLetters(bootstrap).size();
        // alone in its poll (the walk) and among others (together)
        sendTogether(List.of(record(key, notJson, "dev.skillpath.someone.else.v1")));
        sendTogether(List.of(record(key, notJson, "dev.skillpath.someone.else.v1"),
                record(key, CloudEventCodec.toBytes(after), NoteCreated.TYPE.type())));
        assertTrue(waitFor(() -> Backbone.applied(dataSource, after.id()) == 1), "what follows is applied");
        assertEquals(deadBefore, deadLetters(bootstrap).size(), "nothing dead-lettered: it was never parsed");
        assertTrue(Backbone.counter(registry, "skillpath.events.consumed", "group", GROUP, "outcome", "ignored")
                >= ignoredBefore + 2, "both counted as ignored");
    }

    private DistributionSummary batches() {
        DistributionSummary s = registry.find("skillpath.events.consumer.batch.size").tag("group", GROUP).summary();
        return s != null ? s : registry.summary("skillpath.events.consumer.batch.size", "group", GROUP);
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value, String typeHeader) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(NoteCreated.TOPIC, key, value);
        if (typeHeader != null) {
            r.headers().add(CloudEvent.TYPE_HEADER, typeHeader.getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    /** Sends the records in one produce request (a long linger, then a flush), so one poll can fetch them all. */
    private void sendTogether(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1_000), new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> r : records) {
                sent.add(producer.send(r));
            }
            producer.flush();
            for (var f : sent) {
                f.get();
            }
        }
    }

    private static String ids(List<CloudEvent> events) {
        return String.join(", ", events.stream().map(e -> "'" + e.id() + "'").toList());
    }
}
