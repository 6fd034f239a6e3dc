package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.skillpath.system.support.EventAccounting;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Learners;
import dev.skillpath.system.support.RouteProbe;
import dev.skillpath.system.support.Waits;

/**
 * The broker stops for at least 20 seconds while learners keep submitting. Every submission that was acknowledged
 * must still produce exactly one graded event and exactly one mastery update once the broker is back (counted on
 * the topic), and skills-service must report exactly as many observations as each learner has graded attempts.
 */
@Order(4)
class KafkaOutageSystemTest extends SystemTestBase {

    static final Duration OUTAGE = Duration.ofSeconds(22);

    @Test
    void everyAcknowledgedSubmissionReachesMasteryOnceAfterTheBrokerReturns() {
        String skill = "http";
        String[] quiz = oneQuestionQuiz(skill);
        Map<String, String> learners = learners("kafka-outage", 4);
        Learners load = new Learners(gateway, quiz[0], quiz[1], learners, 200, Duration.ofMillis(150));

        load.start();
        Waits.pause(Duration.ofSeconds(4)); // submissions with the broker up
        long stopAt = load.elapsedMillis();
        sut.kafka().stop();
        long stoppedAt = load.elapsedMillis();
        Waits.pause(OUTAGE); // learners keep submitting: the outbox holds their events
        long restartAt = load.elapsedMillis();
        sut.kafka().start();
        long restartedAt = load.elapsedMillis();
        long restartNanos = System.nanoTime();
        Waits.pause(Duration.ofSeconds(4)); // and after it is back
        load.stop();

        Set<UUID> acked = load.acknowledged();
        long duringOutage = load.submissions().stream()
                .filter(s -> s.acknowledged() && s.atMillis() > stoppedAt && s.atMillis() < restartAt).count();
        var outageLatencies = load.submissions().stream()
                .filter(s -> s.acknowledged() && s.atMillis() > stoppedAt && s.atMillis() < restartAt)
                .map(Learners.Submission::millis).toList();
        EventAccounting.Tally tally = EventAccounting.await(sut.kafka().bootstrapServers(), acked, Duration.ofSeconds(180));
        long drainFromRestart = Duration.ofNanos(System.nanoTime() - restartNanos).toMillis();

        // skills-service applied each graded attempt once: observations = graded attempts, per learner
        int mismatches = observationMismatches("kafka outage", learners, quiz[0], skill);

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("learners × submissions (bounded)", learners.size() + " × up to 200, 150 ms apart");
        f.put("broker outage (stop returned → start called)", (restartAt - stoppedAt) + " ms (stop took " + (stoppedAt - stopAt)
                + " ms, start took " + (restartedAt - restartAt) + " ms)");
        f.put("submissions sent / acknowledged", load.submissions().size() + " / " + acked.size());
        f.put("acknowledged while the broker was down", duringOutage);
        f.put("submit latency while down p50 / max", RouteProbe.percentile(outageLatencies, 50) + " / "
                + RouteProbe.percentile(outageLatencies, 100) + " ms");
        f.put("failed steps (step status → count)", load.failedSteps());
        f.put("graded events (distinct) / redelivered copies / duplicates", tally.graded() + " / " + tally.gradedCopies() + " / "
                + tally.gradedDuplicates());
        f.put("mastery updates (distinct) / redelivered copies / duplicates", tally.masteryUpdates() + " / "
                + tally.masteryCopies() + " / " + tally.masteryDuplicates());
        f.put("losses (acknowledged, never applied by skills-service)", tally.lost() + " " + tally.lostDetail());
        f.put("applied graded events (distinct estimates) / applied twice / moving no skill far enough for a mastery update",
                tally.applied() + " / " + tally.appliedTwice() + " / " + tally.unannounced());
        f.put("time from broker restart until every update was on the topic", drainFromRestart + " ms");
        f.put("learners whose observations ≠ graded attempts", mismatches);
        Figures.record("Fault: Kafka stopped while learners submit", f);

        assertTrue(restartAt - stoppedAt >= 20_000, "the broker was down at least 20 s");
        assertTrue(duringOutage > 0, "submissions were acknowledged while the broker was down");
        assertEquals(0, tally.lost(), "losses: " + tally.lostDetail());
        assertEquals(0, tally.gradedDuplicates(), "attempts graded twice");
        assertEquals(0, tally.masteryDuplicates(), "graded events applied twice");
        assertEquals(acked.size(), tally.applied(), "every acknowledged submission applied: " + tally.lostDetail());
        assertEquals(0, tally.appliedTwice(), "graded events applied twice (two estimates for one cause)");
        assertEquals(0, mismatches, "observations per learner");
    }
}
