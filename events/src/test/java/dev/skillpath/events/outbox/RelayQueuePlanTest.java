package dev.skillpath.events.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The relay's queue reads only what waits: over an outbox of 40,000 published rows and 20,000 pending ones, the test
 * for an earlier row of the same key waiting after a rejection is an index lookup, not a read of the whole table
 * (it was, at 63 ms a poll for 46,000 rows, and grew with the rows kept for inspection).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class RelayQueuePlanTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theQueueNeverReadsTheWholeOutbox() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // a backlog like the one a burst of events leaves: rows kept after publishing, rows pending, rolled back
                s.execute("insert into outbox (event_id, topic, event_key, event_type, envelope, published_at)"
                        + " select gen_random_uuid(), 'plan.topic', 'key-' || (g % 5000), 'plan', '{}',"
                        + " case when g <= 40000 then now() - interval '1 hour' end from generate_series(1, 60000) g");
                s.execute("update outbox set next_try_at = now() + interval '1 minute', rejections = 1"
                        + " where topic = 'plan.topic' and published_at is null and event_key = 'key-7'");
                s.execute("analyze outbox");
                s.execute("set local plan_cache_mode = force_generic_plan"); // as the prepared statement is planned
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("explain " + OutboxRelay.SELECT)) {
                ps.setInt(1, 200);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                c.rollback();
            }
            assertFalse(plan.toString().contains("Seq Scan"), "no read of the whole outbox:\n" + plan);
            assertTrue(plan.toString().contains("outbox_waiting"), "the waiting rows' index:\n" + plan);
        }
    }
}
