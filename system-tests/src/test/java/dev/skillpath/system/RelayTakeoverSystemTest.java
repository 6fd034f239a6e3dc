package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.skillpath.system.support.EventAccounting;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.Learners;
import dev.skillpath.system.support.RestartablePostgres;
import dev.skillpath.system.support.ServiceProcess;
import dev.skillpath.system.support.Signals;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.Waits;

/**
 * Two replicas of quiz-service against one database and one broker, each with its outbox relay: one publishes at a
 * time (the advisory lock), and when the one that holds the lock fails the other takes over. To fail the publishing
 * relay in the middle of a batch, the broker is frozen first, so that a batch waits for it with the lock held, and
 * the primary is faulted once it is the one holding the lock: frozen ({@code SIGSTOP}: its transaction stays open,
 * and PostgreSQL ends its session after {@code hung-timeout}) or killed ({@code kill -9}: its session ends at once).
 * Then the broker goes on. Learners submit to the replica throughout. Every acknowledged submission then has exactly
 * one graded event and one mastery update; an event is sent twice (the same id, which consumers skip) only when it
 * was in a batch caught by the faults (the failed relay's, or one the replica gave up on while the broker was frozen),
 * which is the relay's guarantee; and the replica takes over within the bound.
 */
@Order(9)
class RelayTakeoverSystemTest extends SystemTestBase {

    static final Duration FAULT_FOR = SystemUnderTest.HUNG_RELAY_TIMEOUT.plusSeconds(15);
    static final String PRIMARY = SystemUnderTest.QUIZ;
    static final String REPLICA = SystemUnderTest.QUIZ + "-replica";

    @Test
    void aFrozenRelayHandsOverAfterItsHungTimeout() {
        run("frozen (SIGSTOP)", "stacks", true);
    }

    @Test
    void aKilledRelayHandsOverAtOnce() {
        run("killed (kill -9)", "queues", false);
    }

    private void run(String how, String skill, boolean freeze) {
        ServiceProcess primary = sut.service(SystemUnderTest.QUIZ);
        ServiceProcess replica = sut.replica(SystemUnderTest.QUIZ);
        RestartablePostgres db = sut.database(SystemUnderTest.QUIZ);
        String[] quiz = oneQuestionQuiz(skill);
        Map<String, String> learners = learners("relay-" + (freeze ? "frozen" : "killed"), 3);
        // straight to the replica (the gateway routes to the primary only): the writes go on while it is down
        Learners load = new Learners(new Http(replica.url()), quiz[0], quiz[1], learners, 600, Duration.ofMillis(150));
        long t0 = System.nanoTime();
        double primaryBefore = published(primary);
        double replicaBefore = published(replica);
        load.start();
        Waits.pause(Duration.ofSeconds(5)); // both relays running
        double primaryShared = published(primary) - primaryBefore;
        double replicaShared = published(replica) - replicaBefore;

        // the broker freezes: whichever relay holds the lock waits for it in its batch's transaction
        long brokerFrozenAt = millisSince(t0);
        sut.kafka().freeze();
        boolean primaryHolds = Waits.until(() -> PRIMARY.equals(lockHeldOver(db, Duration.ofMillis(500))),
                Duration.ofSeconds(60), Duration.ofMillis(100));
        long faultAt = millisSince(t0);
        java.time.OffsetDateTime faultDbTime = dbNow(db);
        List<Long> frozen = List.of();
        if (freeze) {
            frozen = List.of(primary.pid());
            Signals.stop(frozen);
        } else {
            primary.kill();
        }
        sut.kafka().thaw();
        long brokerThawedAt = millisSince(t0);
        Waits.pause(Duration.ofMillis(Math.max(0, FAULT_FOR.toMillis() - (millisSince(t0) - faultAt))));
        long recoverAt = millisSince(t0);
        // the first row published after the fault: by the replica, since the primary is frozen or gone
        long takeoverMs = Duration.between(faultDbTime, firstPublishedAfter(db, faultDbTime)).toMillis();
        if (freeze) {
            Signals.resume(frozen);
        } else {
            sut.restart(SystemUnderTest.QUIZ);
        }
        Waits.require("quiz-service answering through the gateway again",
                () -> gateway.get("/api/v1/quizzes/" + quiz[0], null).status() == 200, Duration.ofSeconds(60));
        Waits.pause(Duration.ofSeconds(3));
        load.stop();

        Set<UUID> acked = load.acknowledged();
        long ackedDuring = load.submissions().stream()
                .filter(s -> s.acknowledged() && s.atMillis() > faultAt && s.atMillis() < recoverAt).count();
        long unpublished = Waits.poll(() -> unpublishedOutboxRows(db), n -> n == 0,
                Duration.ofSeconds(90));
        EventAccounting.Tally tally = EventAccounting.await(sut.kafka().bootstrapServers(), acked, Duration.ofSeconds(180));
        int mismatches = observationMismatches("relay " + how, learners, quiz[0], skill);

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("setup", "two quiz-service replicas, one database, one broker; " + learners.size()
                + " learners submitting to the replica (150 ms apart)");
        f.put("while both ran (5 s): events published by the primary / the replica", (long) primaryShared + " / "
                + (long) replicaShared);
        f.put("broker frozen until the primary held the relay's lock in a waiting batch", primaryHolds
                ? (faultAt - brokerFrozenAt) + " ms" : "NOT within 60 s");
        f.put("the primary " + how + " for", (recoverAt - faultAt) + " ms (the broker thawed "
                + (brokerThawedAt - faultAt) + " ms after the fault; hung-timeout "
                + SystemUnderTest.HUNG_RELAY_TIMEOUT.toSeconds() + " s)");
        f.put("the replica's first publication after the fault", takeoverMs + " ms");
        f.put("submissions acknowledged by the replica while the primary was down", ackedDuring);
        f.put("outbox rows left unpublished", unpublished);
        f.put("graded events (distinct) / copies / duplicates", tally.graded() + " / " + tally.gradedCopies() + " / "
                + tally.gradedDuplicates());
        f.put("mastery updates (distinct) / copies / duplicates", tally.masteryUpdates() + " / " + tally.masteryCopies()
                + " / " + tally.masteryDuplicates());
        f.put("losses (acknowledged, never applied by skills-service)", tally.lost() + " " + tally.lostDetail());
        f.put("applied graded events (distinct estimates) / applied twice / moving no skill far enough for a mastery update",
                tally.applied() + " / " + tally.appliedTwice() + " / " + tally.unannounced());
        f.put("learners whose observations ≠ graded attempts", mismatches);
        Figures.record("Fault: the publishing relay " + how + " mid-batch, a second replica takes over", f);

        assertTrue(primaryHolds, "the primary's relay held the lock in a batch waiting for the frozen broker");
        long bound = (freeze ? SystemUnderTest.HUNG_RELAY_TIMEOUT.toMillis() : 0) + 10_000;
        assertTrue(takeoverMs <= bound, "the replica took over within " + bound + " ms: " + takeoverMs);
        if (freeze) {
            assertTrue(takeoverMs >= SystemUnderTest.HUNG_RELAY_TIMEOUT.toMillis() - 5_000,
                    "the frozen relay kept its lock until PostgreSQL ended its session: " + takeoverMs + " ms");
        }
        assertTrue(ackedDuring > 0, "the replica acknowledged submissions while the primary was down");
        assertEquals(0L, unpublished, "outbox drained");
        // a copy is a row sent again: of the failed relay's batch, which it may still deliver when it wakes, and of a
        // batch the replica gave up on while the broker was frozen, whose records the broker may take when it thaws
        assertTrue(tally.gradedCopies() <= 2 * 200, "copies only of the two batches caught by the faults (200 rows "
                + "each at most): " + tally.gradedCopies());
        assertEquals(0, tally.lost(), "losses: " + tally.lostDetail());
        assertEquals(0, tally.gradedDuplicates(), "attempts graded twice");
        assertEquals(0, tally.masteryDuplicates(), "graded events applied twice");
        assertEquals(acked.size(), tally.applied(), "every acknowledged submission applied: " + tally.lostDetail());
        assertEquals(0, tally.appliedTwice(), "graded events applied twice (two estimates for one cause)");
        assertEquals(0, mismatches, "observations per learner");
    }

    /** The sum of a service's {@code skillpath_events_published_total} series, from its Prometheus endpoint. */
    static double published(ServiceProcess service) {
        Http.Answer metrics = new Http(service.url()).send("GET", "/q/metrics", null, null, null,
                Map.of("Accept", "text/plain"));
        assertEquals(200, metrics.status(), service.name() + " /q/metrics");
        String body = metrics.body();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith("skillpath_events_published_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The application name of the session holding the relay's advisory lock for longer than {@code over}, or null. */
    static String lockHeldOver(RestartablePostgres db, Duration over) {
        String first = lockHolder(db);
        if (first == null) {
            return null;
        }
        Waits.pause(over);
        return first.equals(lockHolder(db)) ? first.substring(first.indexOf(' ') + 1) : null;
    }

    /** "pid application_name" of the session holding an advisory lock, or null. */
    static String lockHolder(RestartablePostgres db) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select l.pid, a.application_name from pg_locks l join pg_stat_activity a"
                        + " on a.pid = l.pid where l.locktype = 'advisory' and l.granted")) {
            return rs.next() ? rs.getInt(1) + " " + rs.getString(2) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static java.time.OffsetDateTime dbNow(RestartablePostgres db) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select now()")) {
            rs.next();
            return rs.getObject(1, java.time.OffsetDateTime.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static java.time.OffsetDateTime firstPublishedAfter(RestartablePostgres db, java.time.OffsetDateTime after) {
        try (Connection c = db.connect(); java.sql.PreparedStatement ps = c.prepareStatement(
                "select min(published_at) from outbox where published_at > ?")) {
            ps.setObject(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.time.OffsetDateTime first = rs.getObject(1, java.time.OffsetDateTime.class);
                if (first == null) {
                    throw new AssertionError("nothing was published after the fault");
                }
                return first;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
