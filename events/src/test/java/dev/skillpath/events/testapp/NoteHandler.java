package dev.skillpath.events.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.consumer.EventHandler;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** Applies note events; a note whose body is "explode" fails every time, as a handler bug would. */
@ApplicationScoped
public class NoteHandler implements EventHandler {

    @Inject
    AgroalDataSource dataSource;

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
