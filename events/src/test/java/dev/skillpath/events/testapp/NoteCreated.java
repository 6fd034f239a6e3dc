package dev.skillpath.events.testapp;

import java.util.UUID;

import dev.skillpath.events.EventType;

/** The test application's event. */
public record NoteCreated(UUID noteId, String author, String body) {

    public static final String TOPIC = "skillpath.test.notes";
    public static final EventType<NoteCreated> TYPE =
            EventType.of("dev.skillpath.test.note.created.v1", TOPIC, NoteCreated.class);
}
