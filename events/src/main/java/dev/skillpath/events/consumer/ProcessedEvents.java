package dev.skillpath.events.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.skillpath.events.CloudEvent;
import io.agroal.api.AgroalDataSource;

/** The one way an event is marked applied for a consumer group: a {@code processed_event} row, in the handler's transaction. */
final class ProcessedEvents {

    private static final String INSERT = "insert into processed_event (consumer_group, event_id, event_type)"
            + " select ?, ?, ? where ? or not exists (select 1 from dead_letter d where d.consumer_group = ?"
            + " and d.event_id = ? and d.replayed_at is null) on conflict do nothing";

    private ProcessedEvents() {
    }

    /**
     * Records that the group applies the event now; false when it already did, or when the event was dead-lettered
     * and is not being replayed ({@code replay} false: a redelivery must not be applied behind the events that
     * followed it).
     */
    static boolean record(AgroalDataSource dataSource, String group, CloudEvent event, boolean replay) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, group);
            ps.setObject(2, event.id());
            ps.setString(3, event.type());
            ps.setBoolean(4, replay);
            ps.setString(5, group);
            ps.setObject(6, event.id());
            return ps.executeUpdate() == 1;
        }
    }
}
