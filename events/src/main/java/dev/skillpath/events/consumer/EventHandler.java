package dev.skillpath.events.consumer;

import java.util.Set;

import dev.skillpath.events.CloudEvent;

/**
 * What a service implements (as an {@code @ApplicationScoped} bean) to react to events. The backbone calls
 * {@link #handle} inside a transaction that also records the event's id, at most once per event and consumer
 * group, and commits the Kafka offset only after that transaction commits.
 */
public interface EventHandler {

    /** The Kafka consumer group; replicas of a service share it, so each event is handled by one of them. */
    String consumerGroup();

    Set<String> topics();

    /**
     * Whether events of this type (the CloudEvents {@code type}) are for this handler. Records of other types on
     * the handler's topics are passed over without a transaction or a {@code processed_event} row, which matters on
     * shared topics (skills-service reads its own mastery announcements back from {@code skillpath.progress}).
     * The default accepts every type.
     */
    default boolean accepts(String type) {
        return true;
    }

    /**
     * Applies one event. Runs in a transaction: throw to roll it back. A handler that throws on every try
     * sends the event to the dead-letter topic; events of types the handler does not know it simply ignores.
     */
    void handle(CloudEvent event) throws Exception;
}
