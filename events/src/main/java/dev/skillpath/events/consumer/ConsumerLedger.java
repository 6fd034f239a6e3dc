package dev.skillpath.events.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.skillpath.events.CloudEvent;
import io.agroal.api.AgroalDataSource;

/**
 * What a consumer group has applied ({@code processed_event}) and dead-lettered ({@code dead_letter}): the one place
 * that reads and writes those two tables, for the consumer loop and for a replay alike.
 */
final class ConsumerLedger {

    private static final String MARK_APPLIED = "insert into processed_event (consumer_group, event_id, event_type)"
            + " select ?, ?, ? where ? or not exists (select 1 from dead_letter d where d.consumer_group = ?"
            + " and d.event_id = ? and d.replayed_at is null) on conflict do nothing";

    /** {@link #MARK_APPLIED} for many events in one statement; answers the ids it inserted. */
    private static final String MARK_ALL_APPLIED = "insert into processed_event (consumer_group, event_id, event_type)"
            + " select ?, e.id, e.type from unnest(?::uuid[], ?::text[]) as e(id, type) where not exists"
            + " (select 1 from dead_letter d where d.consumer_group = ? and d.event_id = e.id and d.replayed_at is null)"
            + " on conflict do nothing returning event_id";

    private ConsumerLedger() {
    }

    /**
     * {@link #markApplied} for the events of a poll (not a replay), in one statement: answers the ids of those the
     * group applies now, leaving out those it applied before and those it dead-lettered.
     */
    static Set<UUID> markAllApplied(AgroalDataSource dataSource, String group, List<CloudEvent> events)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_ALL_APPLIED)) {
            ps.setString(1, group);
            ps.setArray(2, c.createArrayOf("uuid", events.stream().map(CloudEvent::id).toArray()));
            ps.setArray(3, c.createArrayOf("text", events.stream().map(CloudEvent::type).toArray()));
            ps.setString(4, group);
            Set<UUID> applied = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getObject(1, UUID.class));
                }
            }
            return applied;
        }
    }

    /**
     * Records, in the handler's transaction, that the group applies the event now; false when it already did, or
     * when the event was dead-lettered and is not being replayed ({@code replay} false: a redelivery must not be
     * applied behind the events that followed it). One statement, so the common case costs no extra query.
     */
    static boolean markApplied(AgroalDataSource dataSource, String group, CloudEvent event, boolean replay)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_APPLIED)) {
            ps.setString(1, group);
            ps.setObject(2, event.id());
            ps.setString(3, event.type());
            ps.setBoolean(4, replay);
            ps.setString(5, group);
            ps.setObject(6, event.id());
            return ps.executeUpdate() == 1;
        }
    }

    /** Whether the group has applied the event. */
    static boolean applied(AgroalDataSource dataSource, String group, UUID eventId) throws SQLException {
        return exists(dataSource, "select 1 from processed_event where consumer_group = ? and event_id = ?", group,
                eventId);
    }

    /** Whether the group dead-lettered the event and has not replayed it. */
    static boolean deadLettered(AgroalDataSource dataSource, String group, UUID eventId) throws SQLException {
        return exists(dataSource, "select 1 from dead_letter where consumer_group = ? and event_id = ?"
                + " and replayed_at is null", group, eventId);
    }

    /** How many of the ids the group dead-lettered and has not replayed. */
    static int deadLetteredAmong(AgroalDataSource dataSource, String group, List<UUID> eventIds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*)"
                + " from dead_letter where consumer_group = ? and event_id = any(?) and replayed_at is null")) {
            ps.setString(1, group);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Records a dead-lettered event (again, if it died before: the newest reason, not replayed). */
    static void recordDeadLetter(AgroalDataSource dataSource, String group, CloudEvent event,
            ConsumerRecord<String, byte[]> record, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into dead_letter (consumer_group, event_id, event_type,"
                     + " event_key, topic, partition, record_offset, reason) values (?, ?, ?, ?, ?, ?, ?, ?)"
                     + " on conflict (consumer_group, event_id) do update set reason = excluded.reason,"
                     + " dead_lettered_at = now(), replayed_at = null")) {
            ps.setString(1, group);
            ps.setObject(2, event.id());
            ps.setString(3, event.type());
            ps.setString(4, record.key());
            ps.setString(5, record.topic());
            ps.setInt(6, record.partition());
            ps.setLong(7, record.offset());
            ps.setString(8, reason);
            ps.executeUpdate();
        }
    }

    /** Marks a dead letter replayed (in the replay's transaction: it rolls back with a failed apply). */
    static void markReplayed(AgroalDataSource dataSource, String group, UUID eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update dead_letter set replayed_at = now()"
                     + " where consumer_group = ? and event_id = ? and replayed_at is null")) {
            ps.setString(1, group);
            ps.setObject(2, eventId);
            ps.executeUpdate();
        }
    }

    /** Deletes the group's applied ids older than the retention; how many. */
    static int forgetApplied(AgroalDataSource dataSource, String group, Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from processed_event where consumer_group = ?"
                     + " and processed_at < now() - make_interval(secs => ?)")) {
            ps.setString(1, group);
            ps.setLong(2, retention.toSeconds());
            return ps.executeUpdate();
        }
    }

    private static boolean exists(AgroalDataSource dataSource, String sql, String group, UUID eventId)
            throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, group);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
