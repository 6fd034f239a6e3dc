package dev.skillpath.events.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.consumer.EventHandler;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Applies note events. Some bodies make it misbehave, as faults would: "explode" fails every time (a handler bug),
 * "fail thrice" fails its first three tries, "stall" blocks the loop for 4 s the first time, and "contended" updates a row with a 100 ms lock timeout (a test
 * holds that row's lock to make it fail for real). And the first event of type {@link #KILLER_TYPE} kills the
 * consumer loop: {@link #accepts} throws an {@link Error}, outside any transaction, as a bug there would.
 */
@ApplicationScoped
public class NoteHandler implements EventHandler {

    /** The type of event whose first delivery kills the consumer loop. */
    public static final String KILLER_TYPE = "dev.skillpath.test.loop.killer.v1";
    private static final AtomicBoolean KILLED = new AtomicBoolean();

    /** Tries of each event so far, across restarts of the consumer loop. */
    private static final Map<UUID, Integer> TRIES = new ConcurrentHashMap<>();

    @Inject
    AgroalDataSource dataSource;

    /** What a bug that no handler catches looks like to the consumer loop. */
    public static final class LoopKiller extends Error {
        LoopKiller() {
            super("the note handler kills the consumer loop");
        }
    }

    @Override
    public String consumerGroup() {
        return "events-test";
    }

    @Override
    public Set<String> topics() {
        return Set.of(NoteCreated.TOPIC);
    }

    @Override
    public boolean accepts(String type) {
        if (KILLER_TYPE.equals(type) && !KILLED.getAndSet(true)) {
            throw new LoopKiller();
        }
        return NoteCreated.TYPE.type().equals(type);
    }

    @Override
    public void handle(CloudEvent event) throws Exception {
        if (!NoteCreated.TYPE.matches(event)) {
            throw new IllegalStateException("the backbone passed an event this handler does not accept: " + event.type());
        }
        NoteCreated note = NoteCreated.TYPE.read(event);
        if ("explode".equals(note.body())) {
            throw new IllegalStateException("this note always fails");
        }
        int tries = TRIES.merge(event.id(), 1, Integer::sum);
        if ("fail thrice".equals(note.body()) && tries <= 3) {
            throw new IllegalStateException("this note fails its first three tries (try " + tries + ")");
        }
        if ("stall".equals(note.body()) && tries == 1) {
            Thread.sleep(4_000);
        }
        if ("contended".equals(note.body())) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("set local lock_timeout = '100ms'");
                st.executeUpdate("update contended set n = n + 1 where id = 1");
            }
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into applied_note (event_id, body, trace_id) values (?, ?, ?)")) {
            ps.setObject(1, event.id());
            ps.setString(2, note.body());
            SpanContext span = Span.current().getSpanContext();
            ps.setString(3, span.isValid() ? span.getTraceId() : null);
            ps.executeUpdate();
        }
    }
}
