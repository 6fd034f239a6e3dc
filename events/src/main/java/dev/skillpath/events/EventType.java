package dev.skillpath.events;

/**
 * A versioned event type: its CloudEvents {@code type}, the topic it goes to and its payload record.
 * The constants in {@link EventTypes} are the ones Skillpath publishes.
 */
public record EventType<T>(String type, String topic, Class<T> payload) {

    public static <T> EventType<T> of(String type, String topic, Class<T> payload) {
        return new EventType<>(type, topic, payload);
    }

    public boolean matches(CloudEvent event) {
        return type.equals(event.type());
    }

    public T read(CloudEvent event) {
        return CloudEventCodec.data(event, payload);
    }
}
