package dev.skillpath.quiz.api;

import java.util.UUID;

import dev.skillpath.platform.api.ProblemException;

/** Ids in URLs are UUIDs; anything else names nothing, so it is a 404 like an id that does not exist. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String raw, String what) {
        try {
            if (raw != null && raw.length() == 36) {
                return UUID.fromString(raw);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 404
        }
        throw ProblemException.notFound("There is no " + what + " " + raw + ".");
    }
}
