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
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.skillpath.system.support.EventAccounting;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Learners;
import dev.skillpath.system.support.RestartablePostgres;
import dev.skillpath.system.support.RouteProbe;
import dev.skillpath.system.support.ServiceProcess;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.Waits;

/**
 * quiz-service's own PostgreSQL stops while learners submit. Its readiness must go down, its routes answer 503
 * problems (never a 500), the other services keep answering, nothing is half-written (no attempt without its
 * questions, no graded attempt without its score or its event), and it recovers by itself when the database
 * returns, without a restart.
 */
@Order(6)
class DatabaseOutageSystemTest extends SystemTestBase {

    static final Duration DOWN_FOR = Duration.ofSeconds(15);

    /** Strict since bug B6 was fixed: not even a request in flight at the shutdown instant gets a 500. */
    @Test
    void quizDatabaseStopsAndComesBack() throws SQLException {
        String skill = "sql";
        String[] quiz = oneQuestionQuiz(skill);
        Map<String, String> learners = learners("db-outage", 3);
        ServiceProcess quizService = sut.service(SystemUnderTest.QUIZ);
        RestartablePostgres db = sut.database(SystemUnderTest.QUIZ);
        long t0 = System.nanoTime();
        Learners load = new Learners(gateway, quiz[0], quiz[1], learners, 200, Duration.ofMillis(150));
        List<RouteProbe> quizRoutes = quizRouteProbes(quiz[0]);
        List<RouteProbe> otherRoutes = otherRouteProbes();

        load.start();
        quizRoutes.forEach(p -> p.start(t0));
        otherRoutes.forEach(p -> p.start(t0));
        Waits.pause(Duration.ofSeconds(4));

        long stopAt = millisSince(t0);
        db.stop();
        long stoppedAt = millisSince(t0);
        boolean readinessDown = Waits.until(() -> quizService.readyStatus() == 503, Duration.ofSeconds(30), Duration.ofMillis(200));
        long readinessDownAt = millisSince(t0);
        Waits.pause(DOWN_FOR);
        long startAt = millisSince(t0);
        db.start();
        long startedAt = millisSince(t0);
        boolean readinessUp = Waits.until(() -> quizService.readyStatus() == 200, Duration.ofSeconds(90), Duration.ofMillis(200));
        long readyAt = millisSince(t0);
        Waits.require("quiz-service answering through the gateway again",
                () -> gateway.get("/api/v1/quizzes/" + quiz[0], null).status() == 200, Duration.ofSeconds(60));
        long routedAt = millisSince(t0);
        Waits.pause(Duration.ofSeconds(3));
        load.stop();
        quizRoutes.forEach(RouteProbe::stop);
        otherRoutes.forEach(RouteProbe::stop);
        boolean stillAlive = quizService.isAlive();

        // quiz routes sent after the database had stopped and answered before it was started again: 503 problems only
        // (a request answered while db.stop() was still shutting PostgreSQL down may rightly succeed)
        List<RouteProbe.Hit> down = new ArrayList<>();
        quizRoutes.forEach(p -> down.addAll(p.within(stoppedAt, startAt)));
        Map<Integer, Integer> downStatuses = statuses(down);
        long notProblem503 = down.stream().filter(h -> h.status() != 503 || !h.problem()).count();
        List<Long> downLatencies = down.stream().map(RouteProbe.Hit::millis).toList();
        // requests in flight while PostgreSQL was shutting down may still succeed, but never answer a 500
        List<RouteProbe.Hit> around = new ArrayList<>();
        quizRoutes.forEach(p -> around.addAll(p.all().stream().filter(h -> h.atMillis() > stopAt && h.atMillis() < startAt)
                .filter(h -> !down.contains(h)).toList()));
        long aroundBroken = around.stream().filter(h -> h.status() >= 500 && !(h.status() == 503 && h.problem())).count();
        List<RouteProbe.Hit> others = new ArrayList<>();
        otherRoutes.forEach(p -> others.addAll(p.all()));
        long othersOk = others.stream().filter(h -> h.status() >= 200 && h.status() < 300).count();
        Map<String, Integer> submitStatuses = new TreeMap<>();
        load.submissions().forEach(s -> submitStatuses.merge(String.valueOf(s.status()), 1, Integer::sum));

        // nothing half-written, read straight from quiz-service's database
        Set<UUID> acked = load.acknowledged();
        Set<UUID> gradedInDb = gradedInDatabase(db, quiz[0]);
        long attemptsWithoutQuestions;
        long gradedWithoutResult;
        long unpublished;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            attemptsWithoutQuestions = count(st, "select count(*) from attempt a where not exists "
                    + "(select 1 from attempt_question q where q.attempt_id = a.id)");
            gradedWithoutResult = count(st, "select count(*) from attempt where status = 'graded' and "
                    + "(score is null or graded_at is null or passed is null)");
            unpublished = Waits.poll(() -> unpublishedOutboxRows(db), n -> n == 0, Duration.ofSeconds(60));
        }
        Set<UUID> ackedNotGraded = new HashSet<>(acked);
        ackedNotGraded.removeAll(gradedInDb);
        // every attempt graded in the database (acknowledged or not) has exactly one graded event and one mastery update
        EventAccounting.Tally tally = EventAccounting.await(sut.kafka().bootstrapServers(), gradedInDb, Duration.ofSeconds(180));

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("database down (stop returned → start called)", (startAt - stoppedAt) + " ms (stop took " + (stoppedAt - stopAt)
                + " ms, start took " + (startedAt - startAt) + " ms)");
        f.put("readiness DOWN after the stop", readinessDown ? (readinessDownAt - stoppedAt) + " ms" : "NOT within 30 s");
        f.put("readiness UP again after the start (no restart of the service)", readinessUp ? (readyAt - startedAt) + " ms" : "NOT within 90 s");
        f.put("quiz routes answering through the gateway again after the start", (routedAt - startedAt) + " ms");
        f.put("quiz routes while down: answers by status", downStatuses);
        f.put("quiz routes while down: not a 503 problem", notProblem503);
        f.put("quiz routes in flight at the stop: answers by status", statuses(around));
        f.put("quiz routes while down: latency p50 / max", RouteProbe.percentile(downLatencies, 50) + " / "
                + RouteProbe.percentile(downLatencies, 100) + " ms");
        f.put("other routes: 2xx share (whole run)", String.format("%d / %d = %.2f %%", othersOk, others.size(),
                100.0 * othersOk / Math.max(1, others.size())) + " " + statuses(others));
        f.put("submits by status", submitStatuses);
        f.put("submissions acknowledged / graded in the database", acked.size() + " / " + gradedInDb.size());
        f.put("acknowledged but not graded in the database", ackedNotGraded.size());
        f.put("attempts without their questions / graded without a result", attemptsWithoutQuestions + " / " + gradedWithoutResult);
        f.put("outbox rows left unpublished", unpublished);
        f.put("graded attempts not applied exactly once (no graded event, never applied, graded or applied twice)",
                tally.lost() + tally.gradedDuplicates() + tally.appliedTwice() + tally.masteryDuplicates());
        Figures.record("Fault: quiz-service's database stopped", f);

        assertTrue(stillAlive, "quiz-service kept running");
        assertTrue(readinessDown, "readiness goes down");
        assertTrue(readinessUp, "readiness comes back by itself");
        assertTrue(down.size() > 10, "the quiz routes were probed while the database was down: " + down.size());
        assertEquals(0, notProblem503, "quiz routes answer 503 problems while the database is down: " + downStatuses);
        assertEquals(0, aroundBroken, "requests in flight at the stop: a success or a 503 problem, never a 500: "
                + statuses(around));
        assertEquals(others.size(), othersOk, "other routes keep answering 2xx");
        assertEquals(Set.of(), ackedNotGraded, "an acknowledged submission is graded");
        assertEquals(0, attemptsWithoutQuestions, "attempts without their questions");
        assertEquals(0, gradedWithoutResult, "graded attempts without a result");
        assertEquals(0L, unpublished, "outbox drained");
        assertEquals(0, tally.lost(), "graded attempts never applied: " + tally.lostDetail());
        assertEquals(0, tally.appliedTwice(), "graded events applied twice (two estimates for one cause)");
        assertEquals(0, tally.gradedDuplicates(), "attempts graded twice");
        assertEquals(0, tally.masteryDuplicates(), "graded events applied twice");
    }
}
