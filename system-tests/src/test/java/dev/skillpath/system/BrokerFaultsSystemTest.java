package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.skillpath.system.support.BrokerProcess;
import dev.skillpath.system.support.EventAccounting;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.Learners;
import dev.skillpath.system.support.RouteProbe;
import dev.skillpath.system.support.ServiceProcess;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.Waits;

/**
 * The broker fails the ways a host does, while learners submit: frozen ({@code SIGSTOP}: connections stay open,
 * nothing answers) and, separately, killed ({@code kill -9}: no shutdown, then started again on the same data). No
 * route waits on the broker (writes go through each service's outbox), so every route keeps answering within the
 * gateway's timeout and submissions keep being acknowledged; the services stay live, their readiness goes DOWN
 * while the broker is away and UP by itself after; and every acknowledged submission then has exactly one graded
 * event and one mastery update, observations equal to graded attempts per learner.
 */
@Order(8)
class BrokerFaultsSystemTest extends SystemTestBase {

    static final Duration FAULT_FOR = Duration.ofSeconds(25);

    @Test
    void frozenBroker() {
        run("frozen (SIGSTOP)", "version-control-concepts", BrokerProcess::freeze, BrokerProcess::thaw);
    }

    @Test
    void killedBroker() {
        run("killed (kill -9)", "git", BrokerProcess::kill, BrokerProcess::start);
    }

    private void run(String how, String skill, java.util.function.Consumer<BrokerProcess> fault,
            java.util.function.Consumer<BrokerProcess> recovery) {
        String[] quiz = oneQuestionQuiz(skill);
        Map<String, String> learners = learners("broker-" + how.split(" ")[0], 3);
        String reader = tokens.learner("broker-reader-" + UUID.randomUUID());
        ServiceProcess quizService = sut.service(SystemUnderTest.QUIZ);
        ServiceProcess skillsService = sut.service(SystemUnderTest.SKILLS);
        long t0 = System.nanoTime();
        Learners load = new Learners(gateway, quiz[0], quiz[1], learners, 300, Duration.ofMillis(150));
        List<RouteProbe> routes = List.of(
                new RouteProbe("GET /quizzes/{id}", gateway, "/api/v1/quizzes/" + quiz[0], null, Duration.ofMillis(100)),
                new RouteProbe("GET /learners/me/mastery", gateway, "/api/v1/learners/me/mastery", reader, Duration.ofMillis(100)),
                new RouteProbe("GET /lessons", gateway, "/api/v1/lessons?size=5", null, Duration.ofMillis(100)));
        List<RouteProbe> liveness = List.of(
                new RouteProbe("quiz-service live", new Http(quizService.url()), "/q/health/live", null, Duration.ofMillis(250)),
                new RouteProbe("skills-service live", new Http(skillsService.url()), "/q/health/live", null, Duration.ofMillis(250)));

        load.start();
        routes.forEach(p -> p.start(t0));
        liveness.forEach(p -> p.start(t0));
        Waits.pause(Duration.ofSeconds(4));

        long faultAt = millisSince(t0);
        fault.accept(sut.kafka());
        long faultedAt = millisSince(t0);
        boolean readinessDown = Waits.until(() -> quizService.readyStatus() == 503, Duration.ofSeconds(30),
                Duration.ofMillis(200));
        long readinessDownAt = millisSince(t0);
        Waits.pause(Duration.ofMillis(Math.max(0, FAULT_FOR.toMillis() - (millisSince(t0) - faultAt))));
        long recoverAt = millisSince(t0);
        recovery.accept(sut.kafka());
        long recoveredAt = millisSince(t0);
        boolean readinessUp = Waits.until(() -> quizService.readyStatus() == 200 && skillsService.readyStatus() == 200,
                Duration.ofSeconds(90), Duration.ofMillis(200));
        long readyAt = millisSince(t0);
        Waits.pause(Duration.ofSeconds(3));
        load.stop();
        routes.forEach(RouteProbe::stop);
        liveness.forEach(RouteProbe::stop);

        List<RouteProbe.Hit> hits = new ArrayList<>();
        routes.forEach(p -> hits.addAll(p.all()));
        long notOk = hits.stream().filter(h -> h.status() < 200 || h.status() >= 300).count();
        List<Long> faultLatencies = hits.stream().filter(h -> h.atMillis() > faultAt && h.atMillis() < recoveredAt)
                .map(RouteProbe.Hit::millis).toList();
        long overTimeout = hits.stream().filter(h -> h.millis() >= SystemUnderTest.GATEWAY_TIMEOUT.toMillis()).count();
        List<RouteProbe.Hit> live = new ArrayList<>();
        liveness.forEach(p -> live.addAll(p.all()));
        long liveFailed = live.stream().filter(h -> h.status() != 200).count();
        List<Learners.Submission> during = load.submissions().stream()
                .filter(s -> s.atMillis() > faultedAt && s.atMillis() < recoverAt).toList();
        long ackedDuring = during.stream().filter(Learners.Submission::acknowledged).count();
        List<Long> submitLatencies = during.stream().map(Learners.Submission::millis).toList();
        long submitsOverTimeout = load.submissions().stream()
                .filter(s -> s.millis() >= SystemUnderTest.GATEWAY_TIMEOUT.toMillis()).count();

        Set<UUID> acked = load.acknowledged();
        EventAccounting.Tally tally = EventAccounting.await(sut.kafka().bootstrapServers(), acked, Duration.ofSeconds(180));
        long drainedAfter = millisSince(t0) - recoveredAt;
        int mismatches = observationMismatches("broker " + how, learners, quiz[0], skill);

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("load", learners.size() + " learners submitting (150 ms apart), 3 route probes (100 ms apart), "
                + "liveness of quiz- and skills-service probed directly (250 ms apart)");
        f.put("broker " + how + " for", (recoverAt - faultAt) + " ms (the fault took " + (faultedAt - faultAt)
                + " ms, the recovery " + (recoveredAt - recoverAt) + " ms)");
        f.put("quiz-service readiness DOWN after the fault", readinessDown ? (readinessDownAt - faultAt) + " ms" : "NOT within 30 s");
        f.put("quiz- and skills-service readiness UP after the recovery", readinessUp ? (readyAt - recoveredAt) + " ms" : "NOT within 90 s");
        f.put("routes: answers by status (whole run)", statuses(hits));
        f.put("routes during the fault: latency p50 / p99 / max", RouteProbe.percentile(faultLatencies, 50) + " / "
                + RouteProbe.percentile(faultLatencies, 99) + " / " + RouteProbe.percentile(faultLatencies, 100) + " ms");
        f.put("liveness: not 200", liveFailed + " of " + live.size());
        f.put("submissions during the fault: sent / acknowledged", during.size() + " / " + ackedDuring);
        f.put("submit latency during the fault p50 / max", RouteProbe.percentile(submitLatencies, 50) + " / "
                + RouteProbe.percentile(submitLatencies, 100) + " ms");
        f.put("submissions sent / acknowledged (whole run)", load.submissions().size() + " / " + acked.size());
        f.put("failed steps (step status → count)", load.failedSteps());
        f.put("graded events (distinct) / redelivered copies / duplicates", tally.graded() + " / " + tally.gradedCopies()
                + " / " + tally.gradedDuplicates());
        f.put("mastery updates (distinct) / redelivered copies / duplicates", tally.masteryUpdates() + " / "
                + tally.masteryCopies() + " / " + tally.masteryDuplicates());
        f.put("losses (acknowledged, never applied by skills-service)", tally.lost() + " " + tally.lostDetail());
        f.put("applied graded events (distinct estimates) / applied twice / moving no skill far enough for a mastery update",
                tally.applied() + " / " + tally.appliedTwice() + " / " + tally.unannounced());
        f.put("every update on the topic (counted), after the recovery", drainedAfter + " ms");
        f.put("learners whose observations ≠ graded attempts", mismatches);
        Figures.record("Fault: the broker " + how + " while learners submit", f);

        assertTrue(readinessDown, "readiness goes down while the broker is away");
        assertTrue(readinessUp, "readiness comes back by itself");
        assertEquals(0, notOk, "every route keeps answering 2xx: " + statuses(hits));
        assertEquals(0, overTimeout, "within the gateway timeout");
        assertEquals(0, liveFailed, "the services stay live: " + statuses(live));
        assertEquals(0, submitsOverTimeout, "submits answer within the gateway timeout");
        assertTrue(ackedDuring > 0, "submissions are acknowledged while the broker is away");
        assertEquals(0, tally.lost(), "losses: " + tally.lostDetail());
        assertEquals(0, tally.gradedDuplicates(), "attempts graded twice");
        assertEquals(0, tally.masteryDuplicates(), "graded events applied twice");
        assertEquals(acked.size(), tally.applied(), "every acknowledged submission applied: " + tally.lostDetail());
        assertEquals(0, tally.appliedTwice(), "graded events applied twice (two estimates for one cause)");
        assertEquals(0, mismatches, "observations per learner");
    }
}
