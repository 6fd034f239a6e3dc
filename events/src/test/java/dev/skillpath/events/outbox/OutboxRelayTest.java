package dev.skillpath.events.outbox;

import static dev.skillpath.events.testapp.Backbone.WAIT;
import static dev.skillpath.events.testapp.Backbone.count;
import static dev.skillpath.events.testapp.Backbone.eventId;
import static dev.skillpath.events.testapp.Backbone.execute;
import static dev.skillpath.events.testapp.Backbone.noteEvent;
import static dev.skillpath.events.testapp.Backbone.postNote;
import static dev.skillpath.events.testapp.Backbone.scalar;
import static dev.skillpath.events.testapp.Backbone.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.KafkaBroker;
import dev.skillpath.devinfra.testing.InjectKafkaBroker;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventsConfig;
import dev.skillpath.events.KafkaClients;
import dev.skillpath.events.testapp.Backbone;
import dev.skillpath.events.testapp.NoteCreated;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox relay under the faults that do not stop cleanly: rows that can never be sent, a second relay on the
 * same database that must take over, a broker that is away while the gauges must keep moving, and a cleanup that
 * must stay bounded. The test application refuses a row three times, 1 s then 2 s apart, and cleans 10 rows per pass
 * (src/test/resources/application.properties).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class OutboxRelayTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    KafkaClients clients;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    @Test
    void aRowTooLargeToSendIsParkedAfterItsTriesAndHoldsUpOnlyTheLaterRowsOfItsKey() throws Exception {
        String key = "learner-" + UUID.randomUUID();
        String otherKey = "learner-" + UUID.randomUUID();
        // a first request can take seconds on a fresh application, longer than the refused row's three tries
        postNote(otherKey, "warm-up", false, 201);
        double refusedBefore = counter("skillpath.outbox.send.failures", "rejected");
        // over the producer's max.request.size (1 MiB): the producer refuses it before it reaches the broker
        CloudEvent tooLarge = noteEvent(key, "x".repeat(1_100_000));
        long poison = insertRow(tooLarge.id(), NoteCreated.TOPIC, key, CloudEventCodec.toJson(tooLarge));
        String behind = postNote(key, "behind the large one", false, 201);
        String other = postNote(otherKey, "another learner", false, 201);

        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from outbox where seq = " + poison
                + " and parked_at is not null") == 1), "the row is parked");
        assertEquals(3, scalar(dataSource, "select rejections from outbox where seq = " + poison), "after three tries");
        assertTrue(lastError(poison).startsWith("too large: RecordTooLargeException"), lastError(poison));
        assertTrue(waitFor(() -> published(behind) && published(other)));
        assertTrue(publishedBeforeParked(other, poison), "another key's row did not wait for the refused one: "
                + times(other, poison));
        assertFalse(publishedBeforeParked(behind, poison), "the later row of its key waited until it was parked");

        try (TopicReader reader = new TopicReader(bootstrap, NoteCreated.TOPIC)) {
            reader.readUntil(rs -> count(rs, behind) > 0 && count(rs, other) > 0, WAIT);
            List<ConsumerRecord<String, byte[]>> records = reader.readToEnd(WAIT);
            assertEquals(1, count(records, behind));
            assertEquals(1, count(records, other));
            assertEquals(0, count(records, tooLarge.id().toString()), "a parked row is never sent");
        }
        assertTrue(waitFor(() -> counter("skillpath.outbox.send.failures", "rejected") >= refusedBefore + 3),
                "each refused try is counted");
        assertTrue(waitFor(() -> gauge("skillpath.outbox.parked") >= 1), "the parked gauge shows it");
    }

    @Test
    void rowsForAnInvalidTopicOrWithAnEnvelopeThatDoesNotParseAreParkedWithTheirReason() throws Exception {
        CloudEvent badTopic = noteEvent("learner-" + UUID.randomUUID(), "nowhere to go");
        long invalidTopic = insertRow(badTopic.id(), "skillpath.test invalid topic!", "learner-" + UUID.randomUUID(),
                CloudEventCodec.toJson(badTopic));
        long unparsable = insertRow(UUID.randomUUID(), NoteCreated.TOPIC, "learner-" + UUID.randomUUID(), "{not json");
        String after = postNote("learner-" + UUID.randomUUID(), "written after both", false, 201);

        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from outbox where seq in (" + invalidTopic + ", "
                + unparsable + ") and parked_at is not null") == 2), "both rows are parked");
        assertTrue(lastError(invalidTopic).startsWith("invalid or unknown topic"), lastError(invalidTopic));
        assertTrue(lastError(unparsable).startsWith("cannot be serialised: MalformedEventException"), lastError(unparsable));
        assertTrue(published(after), "the rows of other keys went on");
        assertTrue(publishedBeforeParked(after, invalidTopic));
    }

    @Test
    void twoRelaysOnOneDatabasePublishEveryRowOnceAndTheSecondTakesOverWhenTheFirstStops() throws Exception {
        OutboxRelay second = new OutboxRelay();
        second.dataSource = dataSource;
        second.clients = clients;
        second.config = config;
        second.registry = registry;
        second.onStart(null);
        String run = UUID.randomUUID().toString();
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                if (i == 30) {
                    relay.onStop(null); // the first replica's relay goes away mid-stream
                }
                String key = "learner-" + (i % 3) + "-" + run;
                String id = postNote(key, "note " + i, false, 201);
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                all.add(id);
            }
            assertTrue(waitFor(() -> all.stream().allMatch(this::published)), "every row is published");
        } finally {
            second.onStop(null);
            relay.onStart(null);
        }
        try (TopicReader reader = new TopicReader(bootstrap, NoteCreated.TOPIC)) {
            reader.readUntil(rs -> all.stream().allMatch(id -> count(rs, id) > 0), WAIT);
            List<ConsumerRecord<String, byte[]>> records = reader.readToEnd(WAIT);
            for (String id : all) {
                assertEquals(1, count(records, id), "event " + id + " is published exactly once");
            }
            for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
                List<String> order = records.stream().filter(r -> e.getKey().equals(r.key()))
                        .map(r -> eventId(r)).filter(e.getValue()::contains).toList();
                assertEquals(e.getValue(), order, "one key's events keep their order across the takeover");
            }
        }
    }

    @Test
    void theBacklogGaugeAndTheFailureCounterMoveWhileTheBrokerIsAway() throws Exception {
        double failuresBefore = counter("skillpath.outbox.relay.failures", "broker");
        List<String> ids = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 3; i++) {
                ids.add(postNote("learner-" + UUID.randomUUID(), "while the broker is away " + i, false, 201));
            }
            assertTrue(waitFor(() -> gauge("skillpath.outbox.backlog") >= 3), "the backlog gauge counts the waiting rows");
            assertTrue(waitFor(() -> gauge("skillpath.outbox.oldest.pending") >= 1),
                    "the age of the oldest waiting row grows");
            assertTrue(waitFor(() -> counter("skillpath.outbox.relay.failures", "broker") > failuresBefore),
                    "the failed tries are counted");
        } finally {
            broker.start();
        }
        assertTrue(waitFor(() -> ids.stream().allMatch(this::published)));
        assertTrue(waitFor(() -> gauge("skillpath.outbox.backlog") == 0), "the gauge comes back to 0");
    }

    @Test
    void cleanupDeletesABoundedNumberOfPublishedRowsPerPassOldestFirstThroughAnIndex() throws Exception {
        String key = "cleanup-" + UUID.randomUUID();
        // 25 rows published 8 to 9 days ago (retention: 7 days), one hour apart, and one published just now
        execute(dataSource, "insert into outbox (event_id, topic, event_key, event_type, envelope, published_at)"
                + " select gen_random_uuid(), 'skillpath.test.notes', '" + key + "', 't', '{}',"
                + " now() - interval '8 days' - make_interval(hours => g) from generate_series(1, 25) g");
        execute(dataSource, "insert into outbox (event_id, topic, event_key, event_type, envelope, published_at)"
                + " values (gen_random_uuid(), 'skillpath.test.notes', '" + key + "', 't', '{}', now())");
        String mine = "select count(*) from outbox where event_key = '" + key + "'";
        String oldestLeft = "select max(extract(epoch from now() - published_at) / 3600)::int - 192 from outbox"
                + " where event_key = '" + key + "'";

        assertEquals(10, relay.cleanUp(), "one pass deletes at most cleanup-batch-size rows");
        assertEquals(16, scalar(dataSource, mine));
        assertEquals(15, scalar(dataSource, oldestLeft), "the oldest went first");
        assertEquals(10, relay.cleanUp());
        assertEquals(5, relay.cleanUp(), "what is left of the old rows");
        assertEquals(0, relay.cleanUp());
        assertEquals(1, scalar(dataSource, mine), "rows inside the retention stay");

        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("set enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = st.executeQuery("explain "
                    + OutboxRelay.CLEANUP.replaceFirst("\\?", "604800").replaceFirst("\\?", "10"))) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            st.execute("reset enable_seqscan");
            assertTrue(plan.toString().contains("outbox_published"), plan.toString());
        }
    }

    // --- helpers ---

    private long insertRow(UUID eventId, String topic, String key, String envelope) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into outbox (event_id, topic, event_key, event_type, envelope) values (?, ?, ?, ?, ?) returning seq")) {
            ps.setObject(1, eventId);
            ps.setString(2, topic);
            ps.setString(3, key);
            ps.setString(4, NoteCreated.TYPE.type());
            ps.setString(5, envelope);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String lastError(long seq) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select last_error from outbox where seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.valueOf(rs.getString(1));
            }
        }
    }

    private boolean published(String eventId) {
        try {
            return scalar(dataSource, "select count(*) from outbox where event_id = '" + eventId
                    + "' and published_at is not null") == 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String times(String eventId, long parkedSeq) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select created_at::text || ' published ' || published_at::text from outbox where event_id = '"
                     + eventId + "') || ' / ' || (select created_at::text || ' parked ' || parked_at::text from outbox"
                     + " where seq = " + parkedSeq + ")")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private boolean publishedBeforeParked(String eventId, long parkedSeq) throws Exception {
        return scalar(dataSource, "select count(*) from outbox o, outbox p where o.event_id = '" + eventId
                + "' and p.seq = " + parkedSeq + " and o.published_at < p.parked_at") == 1;
    }

    private double counter(String name, String reason) {
        return Backbone.counter(registry, name, "reason", reason);
    }

    private double gauge(String name) {
        return Backbone.gauge(registry, name);
    }

}
