package dev.skillpath.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the attributes Skillpath always sets, and the payload as
 * JSON. {@link CloudEventCodec} turns it into bytes and back.
 *
 * @param id              unique per event; consumers use it to apply an event once
 * @param source          the producing service, e.g. {@code /quiz-service}
 * @param type            versioned event type, e.g. {@code dev.skillpath.quiz.attempt.graded.v1}
 * @param subject         what the event is about (a learner id, a skill id, ...)
 * @param time            when the change happened
 * @param datacontenttype always {@code application/json}
 * @param data            the payload
 * @param traceparent     the W3C trace context of the change that produced the event (CloudEvents distributed
 *                        tracing extension), so one trace runs from a request through every event it causes;
 *                        null when there was no trace
 */
public record CloudEvent(UUID id, String source, String type, String subject, OffsetDateTime time,
        String datacontenttype, JsonNode data, String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    /** The Kafka {@code content-type} header value of structured mode. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /**
     * A Kafka header that repeats the envelope's {@code type} (the name the CloudEvents Kafka binding gives it), so a
     * consumer can pass over events it does not want without parsing them; the envelope stays the authority.
     */
    public static final String TYPE_HEADER = "ce_type";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (datacontenttype == null) {
            datacontenttype = "application/json";
        }
    }

    public CloudEvent(UUID id, String source, String type, String subject, OffsetDateTime time,
            String datacontenttype, JsonNode data) {
        this(id, source, type, subject, time, datacontenttype, data, null);
    }

    public String specversion() {
        return SPEC_VERSION;
    }
}
