package dev.skillpath.skills.xapi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.Topics;
import dev.skillpath.events.consumer.EventHandler;
import io.agroal.api.AgroalDataSource;

/**
 * Stores the xAPI statements of the progress topic's learning records ({@link StatementMapper}) in
 * {@code xapi_statement}. Its own consumer group, apart from the learner model's ({@code skills-service.mastery}):
 * the two read the same events for different ends, and neither waits for, fails with, or is replayed with the other.
 * <p>
 * Idempotent twice over: the backbone skips an event it has applied by its id, and since a statement's id is derived
 * from the event's, an insert that meets its id already stored (an event seen again after the backbone's dedup
 * retention, a rewound group) does nothing: the statement keeps its first {@code stored}.
 */
@ApplicationScoped
public class XapiProjection implements EventHandler {

    static final String GROUP = "skills-service.xapi";

    private static final String INSERT = "insert into xapi_statement (id, event_id, event_index, event_type, learner_id,"
            + " verb_id, activity_id, registration, \"timestamp\", stored, statement)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json) on conflict do nothing";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    StatementMapper mapper;

    @Inject
    XapiIris iris;

    @Inject
    Clock clock;

    @Override
    public String consumerGroup() {
        return GROUP;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROGRESS);
    }

    /** The learning records; estimates snapshots and review reminders are passed over without a transaction. */
    @Override
    public boolean accepts(String type) {
        return StatementMapper.TYPES.contains(type);
    }

    @Override
    public void handle(CloudEvent event) throws SQLException {
        List<MappedStatement> statements = mapper.statements(event);
        if (statements.isEmpty()) {
            return;
        }
        // stamped inside the transaction the backbone opened for this event: what Consistent-Through relies on
        Instant stored = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (MappedStatement s : statements) {
                ps.setObject(1, s.id());
                ps.setObject(2, event.id());
                ps.setInt(3, s.index());
                ps.setString(4, event.type());
                ps.setString(5, s.learnerId());
                ps.setString(6, s.verb().iri());
                ps.setString(7, s.activityId());
                ps.setObject(8, s.registration());
                ps.setObject(9, s.timestamp().atOffset(ZoneOffset.UTC));
                ps.setObject(10, stored.atOffset(ZoneOffset.UTC));
                ps.setString(11, s.json(stored, iris.homePage()).toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
