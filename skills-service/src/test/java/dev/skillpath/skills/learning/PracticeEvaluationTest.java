package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.skillpath.skills.domain.model.Frontier;

/** The practice evaluation in small: its direction on a seeded population, and its bookkeeping. */
class PracticeEvaluationTest {

    private static final SeedData DATA = SeedData.load();
    private static final long SEED = 424242L;
    private static final List<PracticeEvaluation.Policy> TWO = List.of(PracticeEvaluation.RANDOM, PracticeEvaluation.PICKER);

    @ParameterizedTest
    @ValueSource(strings = {"conjunctive", "compensatory"})
    void frontierPracticeReachesMasteryInFewerQuestionsThanRandomQuestionsFromTheSamePool(String model) {
        // 100 learners: the medians' order does not depend on a handful of them at this seed (it holds from 20 up)
        PracticeEvaluation.Result r = PracticeEvaluation.run(DATA, model, SEED, 60, 100, PracticeEvaluation.CAP, 0, TWO, line -> { });
        PracticeEvaluation.Figures random = PracticeEvaluation.figures(r.policy(PracticeEvaluation.RANDOM));
        PracticeEvaluation.Figures picker = PracticeEvaluation.figures(r.policy(PracticeEvaluation.PICKER));
        String figures = "frontier " + picker + " vs random " + random;
        assertEquals(random.learners(), picker.learners(), "the same learners under both policies");
        assertTrue(picker.medianQuestions() <= random.medianQuestions(), figures);
        assertTrue(picker.medianQuestions() <= (1 - PracticeReport.AIM_FEWER) * random.medianQuestions(),
                "issue #15 aims at 30 % fewer: " + figures);
        assertTrue(picker.reached() >= random.reached(), figures);
        assertTrue(picker.trulyKnownAtMastery() > 0.8, "what the model calls mastered is mostly known: " + figures);
        assertTrue(picker.auc() > 0.65 && random.auc() > 0.65, "the model predicts practice answers: " + figures);
        double[] paired = PracticeEvaluation.paired(r.policy(PracticeEvaluation.PICKER), r.policy(PracticeEvaluation.RANDOM));
        assertTrue(paired[0] > paired[1], "more learners need fewer questions than more: " + paired[0] + " vs " + paired[1]);
    }

    @Test
    void everyPolicyKeepsTheSessionAndRecencyRulesStaysInThePoolAndCountsTheCap() {
        int cap = 40;
        List<PracticeEvaluation.Policy> policies = List.of(PracticeEvaluation.RANDOM, PracticeEvaluation.PICKER,
                new PracticeEvaluation.OnFrontier(0.7, true));
        List<PracticeEvaluation.Step> steps = new ArrayList<>();
        PracticeEvaluation.Result r = PracticeEvaluation.run(DATA, "conjunctive", SEED, 0, 30, cap, 300, policies,
                line -> { }, steps::add);
        Map<String, List<PracticeEvaluation.Step>> runs = new HashMap<>();
        for (PracticeEvaluation.Step s : steps) {
            runs.computeIfAbsent(s.learner() + "/" + s.policy().name(), k -> new ArrayList<>()).add(s);
        }
        int practised = r.facts().learners();
        assertEquals(practised * policies.size(), runs.size(), "every learner who practised, under every policy");
        for (List<PracticeEvaluation.Step> run : runs.values()) {
            PracticeEvaluation.Target target = run.get(0).target();
            Set<String> pool = new HashSet<>();
            target.pool().forEach(q -> pool.add(q.key()));
            Map<String, Instant> lastSeen = new HashMap<>();
            Map<Integer, Set<String>> bySession = new HashMap<>();
            Instant previous = Instant.MIN;
            for (PracticeEvaluation.Step s : run) {
                assertTrue(pool.contains(s.question().key()), s.question().key() + " is not in the pool of " + target.skill());
                assertTrue(bySession.computeIfAbsent(s.session(), k -> new HashSet<>()).add(s.question().key()),
                        "twice in one session: " + s.question().key());
                Instant seen = lastSeen.put(s.question().key(), s.at());
                assertTrue(seen == null || !Duration.between(seen, s.at()).minus(PracticeEvaluation.RECENT).isNegative(),
                        s.question().key() + " again after " + (seen == null ? null : Duration.between(seen, s.at())));
                assertTrue(s.at().isAfter(previous));
                previous = s.at();
                assertTrue(s.predicted() >= 0 && s.predicted() <= 1);
            }
            bySession.values().forEach(q -> assertTrue(q.size() <= PracticeEvaluation.SESSION_LENGTH));
            assertTrue(run.size() <= cap);
        }
        for (PracticeEvaluation.PolicyResult p : r.policies()) {
            assertEquals(practised, p.outcomes().length);
            int answers = 0;
            for (int i = 0; i < p.outcomes().length; i++) {
                PracticeEvaluation.Outcome o = p.outcomes()[i];
                answers += o.probeRight().length;
                if (o.reached()) {
                    assertEquals(o.probeRight().length, o.questions(), "a learner who reached mastery counts their answers");
                } else {
                    assertEquals(cap, o.questions(), "a learner who never reached it counts the cap");
                    assertTrue(o.probeRight().length <= cap);
                }
            }
            assertEquals(answers, p.scores().answers().size(), "one prediction per practice answer");
            assertEquals(answers, p.scores().answersBayes().size());
        }
        // with this small a cap, some random runs do not reach it, and they count the cap in the median
        PracticeEvaluation.PolicyResult random = r.policy(PracticeEvaluation.RANDOM);
        long capped = java.util.Arrays.stream(random.outcomes()).filter(o -> !o.reached()).count();
        assertTrue(capped > 0, "no random run was capped at " + cap);
        int[] counted = java.util.Arrays.stream(random.outcomes()).mapToInt(PracticeEvaluation.Outcome::questions).toArray();
        assertEquals(PracticeEvaluation.median(counted), PracticeEvaluation.figures(random).medianQuestions(), 0);
    }

    @Test
    void theTargetRuleAndThePool() {
        PracticeEvaluation e = new PracticeEvaluation(DATA, "conjunctive", SEED, 0, 200, PracticeEvaluation.CAP, 0);
        double[] newcomer = e.model.knownNow("newcomer");
        int chosen = 0;
        for (int i = 0; i < 200; i++) {
            SimulatedLearner learner = e.population.learner(i);
            PracticeEvaluation.Target t = e.chooseTarget(learner, newcomer, new SplittableRandom(i));
            if (t == null) {
                continue;
            }
            chosen++;
            assertFalse(learner.knows(DATA.index(t.skill())), "the target is not known");
            assertTrue(DATA.hasQuestion(t.skill()));
            assertFalse(t.truePath().isEmpty(), "the way there is longer than the target");
            for (String p : t.truePath()) {
                assertFalse(learner.knows(DATA.index(p)));
                assertTrue(DATA.hasQuestion(p), p + " cannot be practised");
                assertTrue(t.path().contains(p), "the model's path of a newcomer holds every prerequisite");
            }
            assertEquals(e.closure(t.skill()).size() + 1, t.path().size(), "a newcomer has mastered nothing");
            assertEquals(t.skill(), t.path().get(t.path().size() - 1));
            for (Question q : DATA.questions().values()) {
                assertEquals(q.skills().stream().anyMatch(t.path()::contains), t.pool().contains(q), q.key());
            }
        }
        assertTrue(chosen > 150, "most learners have a target: " + chosen);
        assertEquals(List.of("relational-databases", "sql"), e.closure("database-transactions"));
        assertEquals(List.of("http", "api-basics"), e.closure("rest-apis"));
    }

    @Test
    void theFrontierOnThePathIsTheModelsFrontierWhereEverySkillHasAQuestion() {
        PracticeEvaluation e = new PracticeEvaluation(DATA, "conjunctive", SEED, 0, 2, PracticeEvaluation.CAP, 0);
        // rest-apis: http and api-basics before it, each with questions
        PracticeEvaluation.Target target = new PracticeEvaluation.Target("rest-apis", List.of(),
                List.of("http", "api-basics", "rest-apis"), List.of());
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 500; trial++) {
            double[] known = new double[DATA.skillCount()];
            for (int s = 0; s < known.length; s++) {
                known[s] = rng.nextInt(3) == 0 ? 0.95 + 0.05 * rng.nextDouble() : rng.nextDouble();
            }
            List<Integer> onPath = target.path().stream().map(DATA::index).toList();
            Frontier.Fringe fringe = Frontier.of(e.model.graph(), known, Integer::compare);
            Frontier.Fringe practised = e.frontierOnPath(target, known);
            assertEquals(fringe.ready().stream().filter(x -> onPath.contains(x.skill())).toList(), practised.ready());
            assertEquals(fringe.toConfirm().stream().filter(x -> onPath.contains(x.skill())).toList(), practised.toConfirm());
        }
        // a prerequisite no question practises is stepped over: java requires programming-fundamentals, which
        // quizzes.json's questions do not tag (the grown bank does: then it comes first)
        double[] unsure = new double[DATA.skillCount()];
        java.util.Arrays.fill(unsure, 0.5);
        PracticeEvaluation.Target java = new PracticeEvaluation.Target("java", List.of(),
                List.of("programming-fundamentals", "java"), List.of());
        String first = DATA.hasQuestion("programming-fundamentals") ? "programming-fundamentals" : "java";
        Frontier.Fringe fringe = e.frontierOnPath(java, unsure);
        assertEquals(List.of(), fringe.ready(), "known 0.5: to confirm, not ready");
        assertEquals(List.of(DATA.index(first)), fringe.toConfirm().stream().map(Frontier.Entry::skill).toList());
        // a frontier session takes the ready skills, else those to confirm; skill first, one of them
        PracticeEvaluation.OnFrontier all = new PracticeEvaluation.OnFrontier(0.7, false);
        assertEquals(Set.of(DATA.index(first)), e.sessionTargets(all, java, unsure, Map.of(), Instant.now()));
        double[] ready = unsure.clone();
        ready[DATA.index("http")] = 0.99;
        ready[DATA.index("api-basics")] = 0.1;   // readiness 0.9·0.99: ready
        ready[DATA.index("rest-apis")] = 0.5;    // api-basics not mastered: not on the frontier
        PracticeEvaluation.Target rest = new PracticeEvaluation.Target("rest-apis", List.of(),
                List.of("http", "api-basics", "rest-apis"), DATA.questions().values().stream()
                        .filter(q -> q.skills().contains("api-basics") || q.skills().contains("rest-apis")).toList());
        assertEquals(Set.of(DATA.index("api-basics")), e.sessionTargets(all, rest, ready, Map.of(), Instant.now()));
        assertEquals(Set.of(DATA.index("api-basics")), e.sessionTargets(new PracticeEvaluation.OnFrontier(0.7, true), rest,
                ready, Map.of(), Instant.now()));
    }

    @Test
    void mayGiveNeitherTwiceInASessionNorWithinTheRecentWindow() {
        Question q = DATA.questions().values().iterator().next();
        Instant now = Instant.parse("2025-05-01T12:00:00Z");
        assertTrue(PracticeEvaluation.mayGive(q, Set.of(), Map.of(), now));
        assertFalse(PracticeEvaluation.mayGive(q, Set.of(q.key()), Map.of(), now));
        assertFalse(PracticeEvaluation.mayGive(q, Set.of(), Map.of(q.key(), now.minus(Duration.ofHours(12))), now));
        assertTrue(PracticeEvaluation.mayGive(q, Set.of(), Map.of(q.key(), now.minus(PracticeEvaluation.RECENT)), now));
    }

    @Test
    void mediansAndPercentilesByWorkedNumbers() {
        assertEquals(3, PracticeEvaluation.median(new int[] {5, 1, 3}), 0);
        assertEquals(2.5, PracticeEvaluation.median(new int[] {4, 1, 3, 2}), 0);
        assertTrue(Double.isNaN(PracticeEvaluation.median(new int[0])));
        assertEquals(9, PracticeEvaluation.percentile(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9));
        assertEquals(10, PracticeEvaluation.percentile(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9));
        assertEquals(-0.3, PracticeEvaluation.change(35, 50), 1e-12);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        PracticeEvaluation.Result a = PracticeEvaluation.run(DATA, "compensatory", 5, 0, 12, 60, 0, TWO, line -> { });
        PracticeEvaluation.Result b = PracticeEvaluation.run(DATA, "compensatory", 5, 0, 12, 60, 0, TWO, line -> { });
        for (PracticeEvaluation.Policy p : TWO) {
            assertEquals(PracticeEvaluation.figures(a.policy(p)), PracticeEvaluation.figures(b.policy(p)));
        }
        assertNotNull(a.facts());
    }
}
