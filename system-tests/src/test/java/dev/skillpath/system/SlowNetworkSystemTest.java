package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import dev.skillpath.system.support.RouteProbe;
import dev.skillpath.system.support.ServiceProcess;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.TcpProxy;
import dev.skillpath.system.support.Waits;

/**
 * The network between quiz-service and its PostgreSQL goes bad while learners submit (a TCP proxy stands between
 * them): first slow (100 ms added to every chunk, each way), then cutting every connection once a second, then
 * swallowing all traffic without closing anything. In each phase quiz-service's routes answer a success or a 503
 * problem, never another 5xx, within the gateway's timeout; it stays live; the other services are untouched; its
 * readiness goes DOWN while the traffic is swallowed and UP by itself after; and afterwards nothing is
 * half-written and every graded attempt has exactly one graded event and one mastery update.
 */
@Order(10)
class SlowNetworkSystemTest extends SystemTestBase {

    static final Duration LATENCY = Duration.ofMillis(100);
    static final Duration PHASE = Duration.ofSeconds(15);

    record Window(String name, long from, long to) {
    }

    @Test
    void aBadNetworkToTheDatabase() throws SQLException {
        String skill = "hash-tables";
        String[] quiz = oneQuestionQuiz(skill);
        Map<String, String> learners = learners("slow-network", 3);
        ServiceProcess quizService = sut.service(SystemUnderTest.QUIZ);
        RestartablePostgres db = sut.database(SystemUnderTest.QUIZ);
        TcpProxy link = sut.quizDatabaseLink();
        long t0 = System.nanoTime();
        Learners load = new Learners(gateway, quiz[0], quiz[1], learners, 500, Duration.ofMillis(150));
        List<RouteProbe> quizRoutes = quizRouteProbes(quiz[0]);
        List<RouteProbe> otherRoutes = otherRouteProbes();
        RouteProbe liveness = new RouteProbe("quiz-service live", new Http(quizService.url()), "/q/health/live", null,
                Duration.ofMillis(250));

        load.start();
        quizRoutes.forEach(p -> p.start(t0));
        otherRoutes.forEach(p -> p.start(t0));
        liveness.start(t0);
        Waits.pause(Duration.ofSeconds(4));
        List<Window> windows = new ArrayList<>();

        long from = millisSince(t0);
        link.latency(LATENCY);
        Waits.pause(PHASE);
        link.latency(Duration.ZERO);
        windows.add(new Window("slow (+" + LATENCY.toMillis() + " ms per chunk each way)", from, millisSince(t0)));

        from = millisSince(t0);
        int cut = 0;
        while (millisSince(t0) - from < PHASE.toMillis()) {
            cut += link.dropConnections();
            Waits.pause(Duration.ofSeconds(1));
        }
        windows.add(new Window("connections cut every second", from, millisSince(t0)));

        from = millisSince(t0);
        link.blackhole(true);
        boolean readinessDown = Waits.until(() -> quizService.readyStatus() == 503, Duration.ofSeconds(30),
                Duration.ofMillis(200));
        long readinessDownAfter = millisSince(t0) - from;
        Waits.pause(Duration.ofMillis(Math.max(0, PHASE.toMillis() - readinessDownAfter)));
        long liftAt = millisSince(t0);
        link.blackhole(false);
        windows.add(new Window("traffic swallowed", from, liftAt));
        boolean readinessUp = Waits.until(() -> quizService.readyStatus() == 200, Duration.ofSeconds(90),
                Duration.ofMillis(200));
        long readinessUpAfter = millisSince(t0) - liftAt;
        Waits.require("quiz-service answering through the gateway again",
                () -> gateway.get("/api/v1/quizzes/" + quiz[0], null).status() == 200, Duration.ofSeconds(60));
        long routedAfter = millisSince(t0) - liftAt;
        Waits.pause(Duration.ofSeconds(3));
        load.stop();
        quizRoutes.forEach(RouteProbe::stop);
        otherRoutes.forEach(RouteProbe::stop);
        liveness.stop();

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("load", learners.size() + " learners submitting (150 ms apart), 2 probes on quiz routes, 2 on other routes "
                + "(100 ms apart), quiz-service's liveness probed directly (250 ms apart)");
        List<RouteProbe.Hit> quizHits = new ArrayList<>();
        quizRoutes.forEach(p -> quizHits.addAll(p.all()));
        long broken = 0;
        long overTimeout = 0;
        for (Window w : windows) {
            List<RouteProbe.Hit> in = quizHits.stream().filter(h -> h.atMillis() > w.from() && h.atMillis() < w.to()).toList();
            List<Long> latencies = in.stream().map(RouteProbe.Hit::millis).toList();
            long wBroken = in.stream().filter(h -> h.status() >= 500 && !(h.status() == 503 && h.problem())
                    || h.status() < 200).count();
            long wOver = in.stream().filter(h -> h.millis() >= SystemUnderTest.GATEWAY_TIMEOUT.toMillis()).count();
            List<Learners.Submission> submits = load.submissions().stream()
                    .filter(s -> s.atMillis() > w.from() && s.atMillis() < w.to()).toList();
            long submitsBroken = submits.stream().filter(s -> s.status() >= 500 && s.status() != 503 || s.status() < 200).count();
            wOver += submits.stream().filter(s -> s.millis() >= SystemUnderTest.GATEWAY_TIMEOUT.toMillis()).count();
            broken += wBroken + submitsBroken;
            overTimeout += wOver;
            f.put(w.name() + ": quiz routes by status", statuses(in) + ", latency p50 / p99 / max "
                    + RouteProbe.percentile(latencies, 50) + " / " + RouteProbe.percentile(latencies, 99) + " / "
                    + RouteProbe.percentile(latencies, 100) + " ms");
            f.put(w.name() + ": submits acknowledged / sent", submits.stream().filter(Learners.Submission::acknowledged).count()
                    + " / " + submits.size() + ", latency max " + RouteProbe.percentile(
                            submits.stream().map(Learners.Submission::millis).toList(), 100) + " ms");
        }
        // starts and saves too (the load counts each step that did not answer as expected, by status)
        long brokenSteps = load.failedSteps().entrySet().stream().filter(e -> {
            int status = Integer.parseInt(e.getKey().substring(e.getKey().indexOf(' ') + 1));
            return status < 200 || status >= 500 && status != 503;
        }).mapToLong(Map.Entry::getValue).sum();
        broken += brokenSteps;
        f.put("failed steps (step status → count)", load.failedSteps());
        f.put("connections cut", cut);
        f.put("readiness DOWN after the traffic was swallowed", readinessDown ? readinessDownAfter + " ms" : "NOT within 30 s");
        f.put("readiness UP again after it flowed again", readinessUp ? readinessUpAfter + " ms" : "NOT within 90 s");
        f.put("quiz routes answering through the gateway again after it flowed again", routedAfter + " ms");
        List<RouteProbe.Hit> live = liveness.all();
        long liveFailed = live.stream().filter(h -> h.status() != 200).count();
        f.put("quiz-service liveness: not 200", liveFailed + " of " + live.size());
        List<RouteProbe.Hit> others = new ArrayList<>();
        otherRoutes.forEach(p -> others.addAll(p.all()));
        long othersOk = others.stream().filter(h -> h.status() >= 200 && h.status() < 300).count();
        f.put("other routes: 2xx share (whole run)", String.format("%d / %d = %.2f %%", othersOk, others.size(),
                100.0 * othersOk / Math.max(1, others.size())));

        Set<UUID> acked = load.acknowledged();
        Set<UUID> gradedInDb = gradedInDatabase(db, quiz[0]);
        long attemptsWithoutQuestions;
        long gradedWithoutResult;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            attemptsWithoutQuestions = count(st, "select count(*) from attempt a where quiz_id = '"
                    + quiz[0] + "' and not exists (select 1 from attempt_question q where q.attempt_id = a.id)");
            gradedWithoutResult = count(st, "select count(*) from attempt where quiz_id = '"
                    + quiz[0] + "' and status = 'graded' and (score is null or graded_at is null or passed is null)");
        }
        long unpublished = Waits.poll(() -> unpublishedOutboxRows(db), n -> n == 0,
                Duration.ofSeconds(60));
        Set<UUID> ackedNotGraded = new HashSet<>(acked);
        ackedNotGraded.removeAll(gradedInDb);
        // skills-service applied each graded attempt once: its observations per learner, waited for first, so that
        // the topic read after them holds every mastery update there is
        int mismatches = observationMismatches("slow network", learners, quiz[0], skill);
        EventAccounting.Tally tally = EventAccounting.awaitGraded(sut.kafka().bootstrapServers(), gradedInDb,
                Duration.ofSeconds(180));
        f.put("submissions acknowledged / graded in the database", acked.size() + " / " + gradedInDb.size());
        f.put("acknowledged but not graded / attempts without questions / graded without a result",
                ackedNotGraded.size() + " / " + attemptsWithoutQuestions + " / " + gradedWithoutResult);
        f.put("outbox rows left unpublished", unpublished);
        // (a failed save makes the next answers wrong in a row, whose small moves skills-service need not announce:
        // the mastery updates are not one per attempt here; the observations per learner are the check of the apply)
        f.put("graded attempts without their graded event / graded twice / updates applied twice",
                (gradedInDb.size() - tally.graded()) + " / " + tally.gradedDuplicates() + " / " + tally.masteryDuplicates());
        f.put("learners whose observations ≠ graded attempts", mismatches);
        Figures.record("Fault: a bad network between quiz-service and its database", f);

        assertTrue(cut > 0, "connections were cut");
        assertTrue(readinessDown, "readiness goes down while the traffic is swallowed");
        assertTrue(readinessUp, "readiness comes back by itself");
        assertEquals(0, broken, "a success or a 503 problem, never another 5xx or no answer");
        assertEquals(0, overTimeout, "within the gateway's timeout");
        assertEquals(0, liveFailed, "quiz-service stays live");
        assertEquals(others.size(), othersOk, "other routes keep answering 2xx");
        assertEquals(Set.of(), ackedNotGraded, "an acknowledged submission is graded");
        assertEquals(0, attemptsWithoutQuestions, "attempts without their questions");
        assertEquals(0, gradedWithoutResult, "graded attempts without a result");
        assertEquals(0L, unpublished, "outbox drained");
        assertEquals(gradedInDb.size(), tally.graded(), "every graded attempt has its graded event");
        assertEquals(0, tally.gradedDuplicates(), "attempts graded twice");
        assertEquals(0, tally.masteryDuplicates(), "graded events applied twice");
        assertEquals(0, tally.appliedTwice(), "graded events applied twice (two estimates for one cause)");
        assertEquals(0, mismatches, "observations per learner");
    }
}
