package dev.skillpath.events.consumer;

import static dev.skillpath.events.testapp.Backbone.deadLetters;
import static dev.skillpath.events.testapp.Backbone.eventId;
import static dev.skillpath.events.testapp.Backbone.noteEvent;
import static dev.skillpath.events.testapp.Backbone.producer;
import static dev.skillpath.events.testapp.Backbone.scalar;
import static dev.skillpath.events.testapp.Backbone.waitFor;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.testapp.Backbone;
import dev.skillpath.events.testapp.NoteCreated;
import dev.skillpath.events.testapp.NoteHandler;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The consumer under faults that do not stop cleanly: a loop that dies, a loop that stalls, a database error that is
 * a race and not the event's fault, and a dead-lettered event delivered again. The test application restarts a dead
 * loop after 2 s and calls a loop stalled after 2 s without progress (src/test/resources/application.properties); its
 * handler misbehaves on purpose for some note bodies ({@code NoteHandler}).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ConsumerFaultsTest {

    private static final String GROUP = "events-test";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetters deadLetters;

    @Test
    void aConsumerLoopThatDiesIsStartedAgainReadinessIsDownMeanwhileAndTheEventIsAppliedOnce() throws Exception {
        assertTrue(waitFor(ConsumerFaultsTest::ready), "ready before the fault");
        double restartsBefore = counter("skillpath.events.consumer.restarts");
        String key = "learner-" + UUID.randomUUID();
        CloudEvent note = noteEvent(key, "before the killer");
        send(note);
        assertTrue(waitFor(() -> applied(note.id()) == 1));
        CloudEvent killer = new CloudEvent(UUID.randomUUID(), "/events-test-producer", NoteHandler.KILLER_TYPE,
                "loop", OffsetDateTime.now(ZoneOffset.UTC), "application/json", note.data());
        CloudEvent fatal = noteEvent(key, "right behind the killer");
        send(killer);
        send(fatal);
        assertTrue(waitFor(() -> !ready() && consumerState().startsWith("RESTARTING")),
                "readiness is DOWN while the loop waits to be started again: " + consumerState());
        assertEquals(0, gauge("skillpath.events.consumer.up"), "the up gauge says so too");
        assertTrue(waitFor(() -> applied(fatal.id()) == 1), "the new loop reads on and applies what follows");
        assertTrue(waitFor(ConsumerFaultsTest::ready), "ready again");
        assertEquals(restartsBefore + 1, counter("skillpath.events.consumer.restarts"), "one restart, counted");
        assertEquals(1, applied(fatal.id()), "applied once");
        assertEquals(1, applied(note.id()), "the event before the killer was not applied again");
        assertTrue(waitFor(() -> gauge("skillpath.events.consumer.lag") == 0),
                "the lag gauge is there after the restart, and caught up");
        assertEquals(1, gauge("skillpath.events.consumer.up"));
    }

    @Test
    void aStalledConsumerLoopMakesReadinessDownUntilItMovesAgain() throws Exception {
        assertTrue(waitFor(ConsumerFaultsTest::ready), "ready before the fault");
        CloudEvent slow = send("stall");
        assertTrue(waitFor(() -> !ready() && consumerState().startsWith("STALLED")),
                "a loop without progress for the stall timeout is DOWN: " + consumerState());
        assertTrue(waitFor(() -> applied(slow.id()) == 1));
        assertTrue(waitFor(ConsumerFaultsTest::ready), "ready again once it moves");
    }

    @Test
    void aLockTimeoutIsRetriedUntilTheLockIsFreeNeverDeadLettered() throws Exception {
        double transientBefore = counter("skillpath.events.consumer.transient.failures");
        CloudEvent contended;
        try (Connection holder = dataSource.getConnection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.executeQuery("select * from contended where id = 1 for update").close();
            contended = send("contended");
            // three tries fail on the lock timeout (a real PostgreSQL 55P03) while this transaction holds the row
            assertTrue(waitFor(() -> counter("skillpath.events.consumer.transient.failures") > transientBefore),
                    "the failures are seen as transient");
            Thread.sleep(1_000);
            assertEquals(0, applied(contended.id()), "not applied while the row is locked");
            holder.rollback();
        }
        CloudEvent event = contended;
        assertTrue(waitFor(() -> applied(event.id()) == 1), "applied once the lock is free");
        assertDeadLetters(event.id(), 0);
    }

    @Test
    void aDeadLetteredEventDeliveredAgainIsNotAppliedBehindTheEventsThatFollowedIt() throws Exception {
        double before = consumed("dead-lettered-before");
        CloudEvent failing = noteEvent("learner-" + UUID.randomUUID(), "fail thrice");
        send(failing);
        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from dead_letter where consumer_group = '" + GROUP
                + "' and event_id = '" + failing.id() + "' and replayed_at is null") == 1),
                "its three failures send it to the dead-letter topic, and its id is recorded");
        assertDeadLetters(failing.id(), 1);
        // delivered again (a resend, a rewind): the handler would now succeed, but it must not apply it out of order
        send(failing);
        CloudEvent sentinel = send("after the redelivery");
        assertTrue(waitFor(() -> applied(sentinel.id()) == 1));
        assertEquals(0, applied(failing.id()), "the redelivery is not applied");
        assertEquals(before + 1, consumed("dead-lettered-before"), "it is counted as skipped for that reason");
    }

    @Test
    void aReplayAppliesTheWaitingDeadLettersInOrderPerKeyOnceAndSaysWhatItDid() throws Exception {
        String blockedKey = "learner-" + UUID.randomUUID();
        CloudEvent broken = noteEvent(blockedKey, "explode");             // fails on every try, replay included
        CloudEvent behindBroken = noteEvent(blockedKey, "fail thrice");   // would succeed now, but comes after it
        CloudEvent recoverable = noteEvent("learner-" + UUID.randomUUID(), "fail thrice");
        send(broken);
        send(behindBroken);
        send(recoverable);
        assertTrue(waitFor(() -> scalar(dataSource, "select count(*) from dead_letter where event_id in ('" + broken.id()
                + "', '" + behindBroken.id() + "', '" + recoverable.id() + "')") == 3), "all three are dead letters");
        assertEquals(DeadLetters.Status.WAITING, status(deadLetters.list(GROUP).orElseThrow(), recoverable));

        List<DeadLetters.Entry> first = deadLetters.replay(GROUP).orElseThrow();
        assertEquals(DeadLetters.Status.FAILED, status(first, broken));
        assertTrue(entry(first, broken).error().contains("this note always fails"), entry(first, broken).error());
        assertEquals(DeadLetters.Status.BEHIND_FAILED, status(first, behindBroken), "its key's order is kept");
        assertEquals(DeadLetters.Status.APPLIED, status(first, recoverable));
        assertEquals(1, applied(recoverable.id()));
        assertEquals(0, applied(behindBroken.id()));

        List<DeadLetters.Entry> second = deadLetters.replay(GROUP).orElseThrow();
        assertEquals(DeadLetters.Status.ALREADY_APPLIED, status(second, recoverable), "a second replay changes nothing");
        assertEquals(1, applied(recoverable.id()));
        assertEquals(DeadLetters.Status.FAILED, status(second, broken));
        assertEquals(1, scalar(dataSource, "select count(*) from dead_letter where event_id = '" + recoverable.id()
                + "' and replayed_at is not null"), "the dead letter is marked replayed");
        assertTrue(deadLetters.list("no-such-group").isEmpty());
        assertEquals(List.of(GROUP), deadLetters.groups());
    }

    // --- helpers ---

    private static DeadLetters.Entry entry(List<DeadLetters.Entry> entries, CloudEvent event) {
        List<DeadLetters.Entry> mine = entries.stream().filter(e -> event.id().toString().equals(e.eventId())).toList();
        assertEquals(1, mine.size(), "one entry for event " + event.id() + " in " + entries);
        return mine.get(0);
    }

    private static DeadLetters.Status status(List<DeadLetters.Entry> entries, CloudEvent event) {
        return entry(entries, event).status();
    }

    private CloudEvent send(String body) throws Exception {
        return send(noteEvent("learner-" + UUID.randomUUID(), body));
    }

    private CloudEvent send(CloudEvent event) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            String key = NoteCreated.TYPE.matches(event) ? NoteCreated.TYPE.read(event).author() : event.subject();
            producer.send(new ProducerRecord<>(NoteCreated.TOPIC, key, CloudEventCodec.toBytes(event))).get();
        }
        return event;
    }

    private void assertDeadLetters(UUID eventId, long expected) {
        long found = deadLetters(bootstrap).stream().filter(r -> eventId.toString().equals(eventId(r))).count();
        assertEquals(expected, found, "dead letters of event " + eventId);
    }

    private long applied(UUID eventId) throws Exception {
        return Backbone.applied(dataSource, eventId);
    }

    private static boolean ready() {
        return given().when().get("/q/health/ready").statusCode() == 200;
    }

    /** The consumer group's entry in the readiness check's data ("RUNNING, lag 0, ..."). */
    private static String consumerState() {
        JsonPath health = given().when().get("/q/health/ready").jsonPath();
        Object data = health.get("checks.find { it.name == 'Event consumers' }.data." + GROUP);
        return String.valueOf(data);
    }

    private double counter(String name) {
        return Backbone.counter(registry, name, "group", GROUP);
    }

    private double consumed(String outcome) {
        return Backbone.counter(registry, "skillpath.events.consumed", "group", GROUP, "outcome", outcome);
    }

    private double gauge(String name) {
        return Backbone.gauge(registry, name, "group", GROUP);
    }
}
