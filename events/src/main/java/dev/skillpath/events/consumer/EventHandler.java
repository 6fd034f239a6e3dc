package dev.skillpath.events.consumer;

import java.util.List;
import java.util.Set;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.TraceContext;
import io.opentelemetry.context.Scope;

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

    /**
     * Applies the new events of one poll (none applied before), in one transaction: each partition's events in
     * offset order, so the events of one key come in the order they were published. Throw to roll all of them back:
     * the backbone then applies the poll one event at a time with {@link #handle}, so that an event that fails is
     * retried and dead-lettered on its own. The default applies them one by one, each in its event's trace (so what
     * it publishes continues that trace); a handler that can apply many events with fewer statements overrides it,
     * must leave the same state as {@link #handle} would, event after event, and publishes each event's consequences
     * in the trace of their cause ({@code OutboxWriter.Outgoing#causedBy}).
     */
    default void handleAll(List<CloudEvent> events) throws Exception {
        for (CloudEvent event : events) {
            try (Scope scope = TraceContext.parent(event.traceparent()).makeCurrent()) {
                handle(event);
            }
        }
    }
}
