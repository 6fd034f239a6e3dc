package dev.skillpath.events.testapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.outbox.OutboxWriter;
import io.agroal.api.AgroalDataSource;

/** Writes a note and its event in one transaction; {@code fail} rolls the transaction back after both. */
@Path("/notes")
public class NoteResource {

    public record NewNote(String author, String body, boolean fail) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxWriter outbox;

    @POST
    @Transactional
    public Response create(NewNote note) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into note (id, body) values (?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, note.body());
            ps.executeUpdate();
        }
        CloudEvent event = outbox.publish(NoteCreated.TYPE, note.author(), id.toString(),
                new NoteCreated(id, note.author(), note.body()));
        Map<String, String> body = Map.of("noteId", id.toString(), "eventId", event.id().toString());
        if (note.fail()) {
            throw new WebApplicationException(Response.status(409).entity(body).build());
        }
        return Response.status(201).entity(body).build();
    }
}
