package dev.skillpath.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventType;
import dev.skillpath.events.EventsConfig;
import dev.skillpath.events.TraceContext;
import io.agroal.api.AgroalDataSource;

/**
 * The one way a service publishes an event: {@link #publish} writes an outbox row in the caller's transaction,
 * so the event exists exactly when the state change it announces commits. After the commit the relay is woken
 * to send it at once; if that fails the relay keeps trying until the broker takes it.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "insert into outbox (event_id, topic, event_key, event_type, envelope)"
            + " values (?, ?, ?, ?, ?)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @Inject
    EventsConfig config;

    /**
     * An event to publish, as {@link #publishAll} takes it: made with {@link #of}, so its payload fits its type.
     * {@code traceparent} is the trace it continues; null (or not valid) means the current span's.
     */
    public record Outgoing(EventType<?> type, String key, String subject, Object payload, String traceparent) {
        public static <T> Outgoing of(EventType<T> type, String key, String subject, T payload) {
            return new Outgoing(type, key, subject, payload, null);
        }

        /** The same event, in the trace of {@code cause} (an event handled among others, in one transaction). */
        public Outgoing causedBy(CloudEvent cause) {
            return new Outgoing(type, key, subject, payload, cause.traceparent());
        }
    }

    /**
     * Records an event to publish when the current transaction commits.
     *
     * @param key     the Kafka key: the learner id on the progress topic, the aggregate id on the catalogue topic
     * @param subject the CloudEvents subject (what the event is about)
     * @return the event as it will be published
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> CloudEvent publish(EventType<T> type, String key, String subject, T payload) {
        return publishAll(List.of(Outgoing.of(type, key, subject, payload))).get(0);
    }

    /**
     * Records events to publish when the current transaction commits, in this order, with one batch of statements.
     *
     * @return the events as they will be published
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent> publishAll(List<Outgoing> outgoing) {
        if (outgoing.isEmpty()) {
            return List.of();
        }
        String trace = TraceContext.current();
        List<CloudEvent> events = new ArrayList<>(outgoing.size());
        // Agroal hands out the connection enlisted in the caller's transaction: the rows commit with it.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Outgoing o : outgoing) {
                if (o.key() == null || o.key().isBlank()) {
                    throw new IllegalArgumentException("an event needs a key");
                }
                CloudEvent event = new CloudEvent(UUID.randomUUID(), config.source(), o.type().type(), o.subject(),
                        OffsetDateTime.now(ZoneOffset.UTC), "application/json", CloudEventCodec.toTree(o.payload()),
                        TraceContext.isValid(o.traceparent()) ? o.traceparent() : trace);
                ps.setObject(1, event.id());
                ps.setString(2, o.type().topic());
                ps.setString(3, o.key());
                ps.setString(4, o.type().type());
                ps.setString(5, CloudEventCodec.toJson(event));
                ps.addBatch();
                events.add(event);
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the outbox rows: " + e.getMessage(), e);
        }
        transactions.registerInterposedSynchronization(new WakeRelayAfterCommit(relay));
        return events;
    }

    private record WakeRelayAfterCommit(OutboxRelay relay) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                relay.wakeUp();
            }
        }
    }
}
