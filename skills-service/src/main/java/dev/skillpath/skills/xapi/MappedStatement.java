package dev.skillpath.skills.xapi;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One statement an event gives, before it is stored: what the table's columns hold beside it (to filter and page
 * by), and the body of the statement. {@link #json} completes it with what only storing decides ({@code stored}) and
 * what every statement has alike.
 *
 * @param id           the statement id, {@link StatementMapper#statementId} of the event id and {@code index}
 * @param index        the statement's place among its event's statements, 0 upward
 * @param learnerId    the actor's account name
 * @param verb         the verb
 * @param activityId   the object's IRI
 * @param registration the attempt or practice session, if any
 * @param timestamp    when it happened (the event's own time)
 * @param body         id, actor, verb, object, result and context, in that order
 */
public record MappedStatement(UUID id, int index, String learnerId, XapiVerb verb, String activityId,
        UUID registration, Instant timestamp, ObjectNode body) {

    /** The xAPI version our statements follow, also the {@code X-Experience-API-Version} of every answer. */
    public static final String VERSION = "1.0.3";

    /**
     * The whole statement as stored and served: the body, then {@code timestamp}, {@code stored}, the
     * {@code authority} (Skillpath itself asserts these records: the account {@code skillpath} of the home page) and
     * the {@code version}.
     */
    public ObjectNode json(Instant stored, String homePage) {
        ObjectNode out = body.deepCopy();
        out.put("timestamp", timestamp.toString());
        out.put("stored", stored.toString());
        ObjectNode authority = JsonNodeFactory.instance.objectNode();
        authority.put("objectType", "Agent");
        authority.putObject("account").put("homePage", homePage).put("name", "skillpath");
        out.set("authority", authority);
        out.put("version", VERSION);
        return out;
    }
}
