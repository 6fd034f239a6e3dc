package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import dev.skillpath.system.support.Waits;

/**
 * quiz-service's PostgreSQL freezes ({@code SIGSTOP} to the postmaster and every backend) while learners submit:
 * the connections stay open and nothing answers, the way a hung host does. quiz-service's routes must answer 503
 * problems within the gateway's timeout (not the gateway's 504 after waiting it out), its readiness goes DOWN while
 * it stays live (no worker thread or pooled connection held for good), other services keep answering, and after
 * {@code SIGCONT} it answers again by itself with every acknowledged submission graded and published exactly once.
 */
@Order(7)
class FrozenDatabaseSystemTest extends SystemTestBase {

    static final Duration FROZEN_FOR = Duration.ofSeconds(25);

    @Test
    void frozenQuizDatabase() throws SQLException {
        String skill = "database-transactions";
        String[] quiz = oneQuestionQuiz(skill);
        Map<String, String> learners = learners("db-frozen", 3);
        ServiceProcess quizService = sut.service(SystemUnderTest.QUIZ);
        RestartablePostgres db = sut.database(SystemUnderTest.QUIZ);
        Http direct = new Http(quizService.url());
        long t0 = System.nanoTime();
        Learners load = new Learners(gateway, quiz[0], quiz[1], learners, 300, Duration.ofMillis(150));
        List<RouteProbe> quizRoutes = quizRouteProbes(quiz[0]);
        List<RouteProbe> otherRoutes = otherRouteProbes();
        // quiz-service itself, not through the gateway: it stays live while its database hangs
        RouteProbe liveness = new RouteProbe("quiz-service /q/health/live", direct, "/q/health/live", null,
                Duration.ofMillis(250));

        load.start();
        quizRoutes.forEach(p -> p.start(t0));
        otherRoutes.forEach(p -> p.start(t0));
        liveness.start(t0);
        Waits.pause(Duration.ofSeconds(4));

        long freezeAt = millisSince(t0);
        List<Long> frozen = db.freeze();
        long frozenAt = millisSince(t0); // freeze() returns once every process has been sent SIGSTOP
        boolean readinessDown = Waits.until(() -> quizService.readyStatus() == 503, Duration.ofSeconds(30),
                Duration.ofMillis(200));
        long readinessDownAt = millisSince(t0);
        Waits.pause(Duration.ofMillis(Math.max(0, FROZEN_FOR.toMillis() - (readinessDownAt - freezeAt))));
        long thawAt = millisSince(t0);
        db.thaw(frozen);
        boolean readinessUp = Waits.until(() -> quizService.readyStatus() == 200, Duration.ofSeconds(90),
                Duration.ofMillis(200));
        long readyAt = millisSince(t0);
        Waits.require("quiz-service answering through the gateway again",
                () -> gateway.get("/api/v1/quizzes/" + quiz[0], null).status() == 200, Duration.ofSeconds(60));
        long routedAt = millisSince(t0);
        Waits.pause(Duration.ofSeconds(3));
        load.stop();
        quizRoutes.forEach(RouteProbe::stop);
        otherRoutes.forEach(RouteProbe::stop);
        liveness.stop();
        boolean stillAlive = quizService.isAlive();

        // every quiz-route answer that came back while the database was frozen, including requests already in
        // flight at the freeze: a 503 problem, within the gateway's timeout
        List<RouteProbe.Hit> frozenHits = new ArrayList<>();
        quizRoutes.forEach(p -> frozenHits.addAll(p.all().stream()
                .filter(h -> h.atMillis() > freezeAt && h.atMillis() < thawAt).toList()));
        // those sent after the freeze had taken hold (one sent while freeze() was still signalling may succeed)
        List<RouteProbe.Hit> sentFrozen = frozenHits.stream().filter(h -> h.sentAtMillis() > frozenAt).toList();
        long notProblem503 = sentFrozen.stream().filter(h -> h.status() != 503 || !h.problem()).count();
        long broken = frozenHits.stream().filter(h -> h.status() >= 500 && !(h.status() == 503 && h.problem())).count();
        long overTimeout = frozenHits.stream().filter(h -> h.millis() >= SystemUnderTest.GATEWAY_TIMEOUT.toMillis()).count();
        List<Long> frozenLatencies = frozenHits.stream().map(RouteProbe.Hit::millis).toList();
        List<RouteProbe.Hit> others = new ArrayList<>();
        otherRoutes.forEach(p -> others.addAll(p.all()));
        long othersOk = others.stream().filter(h -> h.status() >= 200 && h.status() < 300).count();
        List<RouteProbe.Hit> live = liveness.all();
        long liveFailed = live.stream().filter(h -> h.status() != 200).count();
        List<Long> liveLatencies = live.stream().filter(h -> h.atMillis() > freezeAt && h.atMillis() < thawAt)
                .map(RouteProbe.Hit::millis).toList();
        Map<String, Integer> submitStatuses = new TreeMap<>();
        load.submissions().forEach(s -> submitStatuses.merge(String.valueOf(s.status()), 1, Integer::sum));
        List<Long> submitLatencies = load.submissions().stream()
                .filter(s -> s.atMillis() > freezeAt && s.atMillis() < thawAt).map(Learners.Submission::millis).toList();
        long submitsOverTimeout = submitLatencies.stream().filter(m -> m >= SystemUnderTest.GATEWAY_TIMEOUT.toMillis()).count();

        // after the thaw: every acknowledged submission graded in the database, each published exactly once
        Set<UUID> acked = load.acknowledged();
        Set<UUID> gradedInDb = gradedInDatabase(db, quiz[0]);
        long unpublished = Waits.poll(() -> unpublishedOutboxRows(db), n -> n == 0, Duration.ofSeconds(60));
        Set<UUID> ackedNotGraded = new HashSet<>(acked);
        ackedNotGraded.removeAll(gradedInDb);
        // skills-service applied each graded attempt once: its observations per learner, waited for first, so that
        // the topic read after them holds every mastery update there is
        int mismatches = observationMismatches("db frozen", learners, quiz[0], skill);
        EventAccounting.Tally tally = EventAccounting.awaitGraded(sut.kafka().bootstrapServers(), gradedInDb,
                Duration.ofSeconds(180));

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("load", learners.size() + " learners submitting (150 ms apart), 2 probes on quiz routes, 2 on other routes "
                + "(100 ms apart), quiz-service's liveness probed directly (250 ms apart)");
        f.put("database frozen (SIGSTOP → SIGCONT)", (thawAt - freezeAt) + " ms, " + frozen.size() + " processes");
        f.put("readiness DOWN after the freeze", readinessDown ? (readinessDownAt - freezeAt) + " ms" : "NOT within 30 s");
        f.put("readiness UP again after the thaw (no restart)", readinessUp ? (readyAt - thawAt) + " ms" : "NOT within 90 s");
        f.put("quiz routes answering through the gateway again after the thaw", (routedAt - thawAt) + " ms");
        f.put("quiz routes while frozen: answers by status", statuses(frozenHits));
        f.put("quiz routes sent while frozen: not a 503 problem", notProblem503);
        f.put("quiz routes while frozen: latency p50 / p99 / max", RouteProbe.percentile(frozenLatencies, 50) + " / "
                + RouteProbe.percentile(frozenLatencies, 99) + " / " + RouteProbe.percentile(frozenLatencies, 100)
                + " ms (gateway timeout " + SystemUnderTest.GATEWAY_TIMEOUT.toSeconds() + " s)");
        f.put("submits while frozen: latency p50 / max", RouteProbe.percentile(submitLatencies, 50) + " / "
                + RouteProbe.percentile(submitLatencies, 100) + " ms");
        f.put("quiz-service liveness while frozen: not 200 / latency max", liveFailed + " / "
                + RouteProbe.percentile(liveLatencies, 100) + " ms");
        f.put("other routes: 2xx share (whole run)", String.format("%d / %d = %.2f %%", othersOk, others.size(),
                100.0 * othersOk / Math.max(1, others.size())) + " " + statuses(others));
        f.put("submits by status", submitStatuses);
        f.put("submissions acknowledged / graded in the database", acked.size() + " / " + gradedInDb.size());
        f.put("acknowledged but not graded in the database", ackedNotGraded.size());
        f.put("outbox rows left unpublished", unpublished);
        // (a failed save makes the next answers wrong in a row, whose small moves skills-service need not announce:
        // the mastery updates are not one per attempt here; the observations per learner are the check of the apply)
        f.put("graded attempts without their graded event / graded twice / updates applied twice",
                (gradedInDb.size() - tally.graded()) + " / " + tally.gradedDuplicates() + " / " + tally.masteryDuplicates());
        f.put("learners whose observations ≠ graded attempts", mismatches);
        Figures.record("Fault: quiz-service's database frozen (SIGSTOP)", f);

        assertTrue(stillAlive, "quiz-service kept running");
        assertTrue(readinessDown, "readiness goes down");
        assertTrue(readinessUp, "readiness comes back by itself");
        assertTrue(sentFrozen.size() > 10, "the quiz routes were probed while the database was frozen: " + sentFrozen.size());
        assertEquals(0, notProblem503, "quiz routes answer 503 problems while the database is frozen: " + statuses(sentFrozen));
        assertEquals(0, broken, "never a 5xx other than a 503 problem: " + statuses(frozenHits));
        assertEquals(0, overTimeout, "quiz routes answer within the gateway timeout");
        assertEquals(0, submitsOverTimeout, "submits answer within the gateway timeout: " + submitLatencies);
        assertEquals(0, liveFailed, "quiz-service stays live: " + statuses(live));
        assertEquals(others.size(), othersOk, "other routes keep answering 2xx");
        assertEquals(Set.of(), ackedNotGraded, "an acknowledged submission is graded");
        assertEquals(0L, unpublished, "outbox drained");
        assertEquals(gradedInDb.size(), tally.graded(), "every graded attempt has its graded event");
        assertEquals(0, tally.gradedDuplicates(), "attempts graded twice");
        assertEquals(0, tally.masteryDuplicates(), "graded events applied twice");
        assertEquals(0, tally.appliedTwice(), "graded events applied twice (two estimates for one cause)");
        assertEquals(0, mismatches, "observations per learner");
    }
}
