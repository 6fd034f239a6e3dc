package dev.skillpath.skills.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.ReviewDue;
import dev.skillpath.platform.learning.Fsrs;

/**
 * Announces each mastered skill's review when it falls due ({@code skill.review.due}, through the outbox): once per
 * learner, skill and due date, however many replicas sweep. A sweep takes the rows that fell due and were not yet
 * announced with {@code for update skip locked} (a replica sweeping at the same moment takes others), and records
 * each announcement under the primary key (learner, skill, due date) in the transaction that writes the outbox row:
 * a second announcement of the same due date inserts nothing and publishes nothing. A review moves the due date, so
 * the next one is announced in its turn; a replay that writes the same due date again announces nothing new.
 */
@ApplicationScoped
public class ReviewDueSweep {

    private static final Logger LOG = Logger.getLogger(ReviewDueSweep.class);

    /** Rows per transaction; a sweep goes on until a batch is not full. */
    static final int BATCH = 500;

    private static final String DUE = """
            select m.learner_id, m.skill_id, s.slug, m.due_at, m.last_review_at, m.stability, m.difficulty, m.reviews,
                   m.lapses
            from mastery m join skill s on s.id = m.skill_id
            where m.due_at <= ? and m.probability >= ? and not s.retired
              and not exists (select 1 from review_due_announcement a
                              where a.learner_id = m.learner_id and a.skill_id = m.skill_id and a.due_at = m.due_at)
            order by m.due_at
            limit ?
            for update of m skip locked
            """;

    private static final String ANNOUNCE = """
            insert into review_due_announcement (learner_id, skill_id, due_at, announced_at)
            values (?, ?, ?, ?) on conflict do nothing
            """;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    @Inject
    Fsrs fsrs;

    @Scheduled(every = "${skillpath.reviews.sweep:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int announced = 0;
            int batch;
            do {
                batch = sweep(); // intercepted: each batch its own transaction
                announced += batch;
            } while (batch == BATCH);
            if (announced > 0) {
                LOG.debugf("announced %d reviews due", announced);
            }
        } catch (RuntimeException e) {
            LOG.warnf("review due sweep failed, the next one tries again: %s", e.getMessage());
        }
    }

    private record Due(String learnerId, UUID skillId, String slug, OffsetDateTime dueAt, OffsetDateTime lastReviewAt,
            double stability, double difficulty, int reviews, int lapses) {
    }

    /** One batch: announces the reviews due now not yet announced; answers how many rows it took. */
    @Transactional
    public int sweep() {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(DUE)) {
                ps.setObject(1, now.atOffset(ZoneOffset.UTC));
                ps.setDouble(2, KnowledgeTracing.MASTERY_THRESHOLD);
                ps.setInt(3, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Due(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                                rs.getDouble(6), rs.getDouble(7), rs.getInt(8), rs.getInt(9)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(ANNOUNCE)) {
                for (Due d : due) {
                    ps.setString(1, d.learnerId());
                    ps.setObject(2, d.skillId());
                    ps.setObject(3, d.dueAt());
                    ps.setObject(4, now.atOffset(ZoneOffset.UTC));
                    if (ps.executeUpdate() == 1) {
                        outbox.publish(EventTypes.REVIEW_DUE, d.learnerId(), d.skillId().toString(),
                                new ReviewDue(d.learnerId(), d.skillId(), d.slug(), d.dueAt().toInstant(),
                                        d.lastReviewAt().toInstant(), d.stability(), d.difficulty(), d.reviews(),
                                        d.lapses(), fsrs.retention()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not sweep the reviews due: " + e.getMessage(), e);
        }
        return due.size();
    }
}
