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

import dev.skillpath.system.support.EventAccounting;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Learners;
import dev.skillpath.system.support.RouteProbe;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.Waits;

/**
 * skills-service is killed ({@code kill -9}) while learners submit and other clients read. Its routes must answer
 * 503 problems within the gateway's timeout, every other service's routes keep answering 2xx, and after a restart
 * with the same command it catches up on every graded attempt it missed, applying each exactly once.
 */
@Order(5)
class SkillsServiceKillSystemTest extends SystemTestBase {

    static final Duration DOWN_FOR = Duration.ofSeconds(15);

    @Test
    void killedSkillsServiceAnswers503AndCatchesUpOnce() {
        String skill = "rest-apis";
        String[] quiz = oneQuestionQuiz(skill);
        Map<String, String> learners = learners("skills-kill", 3);
        String reader = tokens.learner("skills-kill-reader-" + UUID.randomUUID());
        long t0 = System.nanoTime();
        Learners load = new Learners(gateway, quiz[0], quiz[1], learners, 200, Duration.ofMillis(150));
        List<RouteProbe> skillsRoutes = List.of(
                new RouteProbe("GET /skills/{slug}", gateway, "/api/v1/skills/http", null, Duration.ofMillis(100)),
                new RouteProbe("GET /learners/me/mastery", gateway, "/api/v1/learners/me/mastery", reader, Duration.ofMillis(100)));
        List<RouteProbe> otherRoutes = List.of(
                new RouteProbe("GET /lessons", gateway, "/api/v1/lessons?size=5", null, Duration.ofMillis(100)),
                new RouteProbe("GET /search", gateway, "/api/v1/search?q=sql", null, Duration.ofMillis(100)),
                new RouteProbe("GET /quizzes", gateway, "/api/v1/quizzes?size=5", null, Duration.ofMillis(100)),
                new RouteProbe("GET /learners/me/attempts", gateway, "/api/v1/learners/me/attempts", reader, Duration.ofMillis(100)));

        load.start();
        skillsRoutes.forEach(p -> p.start(t0));
        otherRoutes.forEach(p -> p.start(t0));
        Waits.pause(Duration.ofSeconds(4));

        long killAt = millisSince(t0);
        sut.service(SystemUnderTest.SKILLS).kill();
        long killedAt = millisSince(t0); // kill() returns once the process is gone
        Waits.pause(DOWN_FOR);
        long restartAt = millisSince(t0);
        sut.restart(SystemUnderTest.SKILLS);
        long readyAt = millisSince(t0);
        // the gateway routes to it again (its breaker may hold requests back for a while after the failures)
        Waits.require("skills-service answering through the gateway again",
                () -> gateway.get("/api/v1/skills/http", null).status() == 200, Duration.ofSeconds(60));
        long routedAt = millisSince(t0);
        Waits.pause(Duration.ofSeconds(3));
        load.stop();
        skillsRoutes.forEach(RouteProbe::stop);
        otherRoutes.forEach(RouteProbe::stop);

        // while it was down (sent after the process was gone, answered before its restart): 503 problems, well within
        // the gateway timeout
        List<RouteProbe.Hit> down = new ArrayList<>();
        skillsRoutes.forEach(p -> down.addAll(p.within(killedAt, restartAt)));
        Map<Integer, Integer> downStatuses = statuses(down);
        List<Long> downLatencies = down.stream().map(RouteProbe.Hit::millis).toList();
        long notProblem503 = down.stream().filter(h -> h.status() != 503 || !h.problem()).count();
        long overTimeout = down.stream().filter(h -> h.millis() >= SystemUnderTest.GATEWAY_TIMEOUT.toMillis()).count();
        // every other route, over the whole run
        List<RouteProbe.Hit> others = new ArrayList<>();
        otherRoutes.forEach(p -> others.addAll(p.all()));
        long othersOk = others.stream().filter(h -> h.status() >= 200 && h.status() < 300).count();
        long othersDuringKill = others.stream().filter(h -> h.atMillis() > killAt && h.atMillis() < readyAt).count();
        Map<Integer, Integer> otherStatuses = statuses(others);

        Set<UUID> acked = load.acknowledged();
        long ackedWhileDown = load.submissions().stream()
                .filter(s -> s.acknowledged() && s.atMillis() > killAt && s.atMillis() < readyAt).count();
        EventAccounting.Tally tally = EventAccounting.await(sut.kafka().bootstrapServers(), acked, Duration.ofSeconds(180));
        int mismatches = observationMismatches("skills kill", learners, quiz[0], skill);

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("load", learners.size() + " learners submitting (150 ms apart), 2 probes on skills routes, 4 on other routes (100 ms apart)");
        f.put("skills-service down (kill -9 → restarted process ready)", (readyAt - killAt) + " ms (restart to ready "
                + (readyAt - restartAt) + " ms, routed again by the gateway after " + (routedAt - killAt) + " ms)");
        f.put("skills routes while down: answers by status", downStatuses);
        f.put("skills routes while down: not a 503 problem", notProblem503);
        f.put("skills routes while down: latency p50 / p99 / max", RouteProbe.percentile(downLatencies, 50) + " / "
                + RouteProbe.percentile(downLatencies, 99) + " / " + RouteProbe.percentile(downLatencies, 100)
                + " ms (gateway timeout " + SystemUnderTest.GATEWAY_TIMEOUT.toSeconds() + " s)");
        f.put("other routes: 2xx share (whole run)", String.format("%d / %d = %.2f %%", othersOk, others.size(),
                100.0 * othersOk / Math.max(1, others.size())) + " " + otherStatuses);
        f.put("other routes: answers while skills-service was down", othersDuringKill);
        f.put("submissions sent / acknowledged / acknowledged while down", load.submissions().size() + " / " + acked.size()
                + " / " + ackedWhileDown);
        f.put("failed steps (step status → count)", load.failedSteps());
        f.put("graded events (distinct) / redelivered copies / duplicates", tally.graded() + " / " + tally.gradedCopies()
                + " / " + tally.gradedDuplicates());
        f.put("mastery updates (distinct) / redelivered copies / duplicates", tally.masteryUpdates() + " / "
                + tally.masteryCopies() + " / " + tally.masteryDuplicates());
        f.put("losses (acknowledged, never applied by skills-service)", tally.lost() + " " + tally.lostDetail());
        f.put("applied graded events (distinct estimates) / applied twice / moving no skill far enough for a mastery update",
                tally.applied() + " / " + tally.appliedTwice() + " / " + tally.unannounced());
        f.put("learners whose observations ≠ graded attempts", mismatches);
        Figures.record("Fault: skills-service killed under load", f);

        assertTrue(down.size() > 10, "the skills routes were probed while it was down: " + down.size());
        assertEquals(0, notProblem503, "skills routes while down answer 503 problems: " + downStatuses);
        assertEquals(0, overTimeout, "within the gateway timeout");
        assertEquals(others.size(), othersOk, "other routes keep answering 2xx: " + otherStatuses);
        assertTrue(ackedWhileDown > 0, "submissions were acknowledged while skills-service was down");
        assertEquals(0, tally.lost(), "losses: " + tally.lostDetail());
        assertEquals(0, tally.masteryDuplicates(), "graded events applied twice");
        assertEquals(acked.size(), tally.applied(), "every acknowledged submission applied: " + tally.lostDetail());
        assertEquals(0, tally.appliedTwice(), "graded events applied twice (two estimates for one cause)");
        assertEquals(0, mismatches, "observations per learner");
    }
}
