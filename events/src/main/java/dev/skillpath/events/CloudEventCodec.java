package dev.skillpath.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads and writes CloudEvents 1.0 in structured JSON mode, and converts payload records to and from JSON.
 * Plain Java, thread-safe, no framework: producers, consumers and subscribers outside Skillpath share it.
 */
public final class CloudEventCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    private CloudEventCodec() {
    }

    /** The structured-mode JSON of {@code event}. */
    public static String toJson(CloudEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("specversion", CloudEvent.SPEC_VERSION);
        node.put("id", event.id().toString());
        node.put("source", event.source());
        node.put("type", event.type());
        if (event.subject() != null) {
            node.put("subject", event.subject());
        }
        node.put("time", event.time().toString());
        node.put("datacontenttype", event.datacontenttype());
        if (event.traceparent() != null) {
            node.put("traceparent", event.traceparent());
        }
        node.set("data", event.data());
        return node.toString();
    }

    public static byte[] toBytes(CloudEvent event) {
        return toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a structured-mode CloudEvent, checking the attributes the spec requires. */
    public static CloudEvent parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty message");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("a CloudEvent must be a JSON object");
        }
        if (!CloudEvent.SPEC_VERSION.equals(text(node, "specversion"))) {
            throw new MalformedEventException("specversion must be " + CloudEvent.SPEC_VERSION);
        }
        UUID id;
        OffsetDateTime time;
        try {
            id = UUID.fromString(required(node, "id"));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("id is not a UUID", e);
        }
        try {
            time = OffsetDateTime.parse(required(node, "time"));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("time is not an RFC 3339 timestamp", e);
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            throw new MalformedEventException("data is missing");
        }
        String traceparent = text(node, "traceparent");
        return new CloudEvent(id, required(node, "source"), required(node, "type"), text(node, "subject"), time,
                text(node, "datacontenttype"), data, TraceContext.isValid(traceparent) ? traceparent : null);
    }

    /** The payload record of an event, read from its {@code data}. */
    public static <T> T data(CloudEvent event, Class<T> type) {
        try {
            return JSON.treeToValue(event.data(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEventException("data of " + event.type() + " does not fit " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A payload record as the JSON tree that goes into {@code data}. */
    public static JsonNode toTree(Object payload) {
        return JSON.valueToTree(payload);
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException(field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
