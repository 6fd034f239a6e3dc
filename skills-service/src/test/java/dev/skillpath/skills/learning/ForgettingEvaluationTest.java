package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.platform.learning.SkillMemory;

/** The forgetting evaluation in small: its two claims on a seeded population, and its bookkeeping. */
class ForgettingEvaluationTest {

    private static final SeedData DATA = SeedData.load();
    private static final long SEED = 424242L;
    private static final List<ForgettingEvaluation.Law> LAWS = List.of(ForgettingEvaluation.Law.values());

    /** One small run per generative model, traced; both laws come from the same practice. */
    private static final Map<String, List<ForgettingEvaluation.Result>> RUNS = new HashMap<>();
    private static final Map<String, List<ForgettingEvaluation.ReviewAnswer>> TRACES = new HashMap<>();

    private static synchronized List<ForgettingEvaluation.Result> run(String model) {
        return RUNS.computeIfAbsent(model, m -> {
            List<ForgettingEvaluation.ReviewAnswer> trace = new ArrayList<>();
            List<ForgettingEvaluation.Result> r = ForgettingEvaluation.run(DATA, m, SEED, 60, 30, PracticeEvaluation.CAP, LAWS,
                    line -> { }, trace::add);
            TRACES.put(m, trace);
            return r;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"conjunctive", "compensatory"})
    void reviewsKeepMoreOfWhatWasMasteredAndTheDecayedEstimatePredictsAnswersAfterAGapBetter(String model) {
        for (ForgettingEvaluation.Result r : run(model)) {
            ForgettingEvaluation.PolicyResult with = r.withReviews();
            ForgettingEvaluation.PolicyResult without = r.withoutReviews();
            String figures = r.law().label() + ": retained " + with.retainedShare() + " with reviews, " + without.retainedShare()
                    + " without, of " + with.skills();
            assertTrue(with.skills() > 30, "enough mastered skills to compare: " + figures);
            assertEquals(with.skills(), without.skills(), "the same skills are checked under both policies");
            assertEquals(with.knownAtStart(), without.knownAtStart());
            assertTrue(with.retainedShare() > without.retainedShare(), figures);
            double[] pooled = ForgettingReport.pooled(r);
            assertTrue(pooled[3] > 100, "enough answers after a gap: " + pooled[3]);
            assertTrue(pooled[1] < pooled[0], r.law().label() + ": decayed log loss " + pooled[1] + " vs undecayed " + pooled[0]);
            assertTrue(pooled[2] < pooled[1], "the truth is the floor: " + pooled[2] + " vs " + pooled[1]);
            // the probes without reviews, the longest gaps, are where the decay matters most
            ForgettingEvaluation.Scores probes = without.probes();
            assertEquals(without.skills(), probes.undecayed().size(), "no evidence for 60 days: every probe is after a gap");
            assertTrue(probes.decayed().logLoss() < probes.undecayed().logLoss());
            assertTrue(probes.decayed().mean() < probes.undecayed().mean(), "decay lowers the predictions");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"conjunctive", "compensatory"})
    void withoutReviewsTheTrueStateForgetsAndBothPoliciesDrawTheSameForgetting(String model) {
        for (ForgettingEvaluation.Result r : run(model)) {
            ForgettingEvaluation.PolicyResult with = r.withReviews();
            ForgettingEvaluation.PolicyResult without = r.withoutReviews();
            assertTrue(without.knownAtStart() > 0.8 * without.skills(), "what the model called mastered was mostly known");
            assertTrue(without.retainedShare() < 0.5, r.law().label() + " forgets without reviews: " + without.retainedShare());
            assertTrue(without.retained() > 0 || r.law() == ForgettingEvaluation.Law.EXPONENTIAL,
                    "the power law's heavy tail keeps some for 60 days");
            assertEquals(0, without.reviews());
            assertEquals(0, without.reviewAnswers());
            assertEquals(0, without.relearned());
            assertEquals(without.masteredAtStart(), without.stillMastered(), "without evidence the model's estimates stay where they were");
            assertEquals(with.masteredAtStart(), without.masteredAtStart());
            assertTrue(without.masteredAtStart() > 0.8 * without.skills(), "a memory starts at mastery, and mostly stays mastered");
            // the same hidden half-lives and first forgetting times under both policies
            assertEquals(with.firstForgetAt(), without.firstForgetAt());
            long known = without.firstForgetAt().stream().flatMap(List::stream).filter(t -> t != null).count();
            assertEquals(without.knownAtStart(), known, "a skill not known when practice ended has no forgetting time");
            assertTrue(with.reviews() > 0 && with.reviewAnswers() >= with.reviews());
            assertTrue(with.reviewAnswers() <= ForgettingEvaluation.REVIEW_QUESTIONS * with.reviews());
        }
    }

    @Test
    void reviewsComeOnlyWhenDueOnlyForSkillsWithAMemoryAndTheirIntervalsGrowAfterRightAnswers() {
        run("conjunctive");
        List<ForgettingEvaluation.ReviewAnswer> trace = TRACES.get("conjunctive");
        assertTrue(trace.size() > 100, "reviews were traced: " + trace.size());
        Fsrs fsrs = new Fsrs();
        int firsts = 0;
        int grown = 0;
        int rightSpaced = 0;
        Map<String, Instant> last = new HashMap<>();
        for (ForgettingEvaluation.ReviewAnswer a : trace) {
            assertNotNull(a.before(), "a review of a skill without a memory");
            assertNotNull(a.after());
            assertTrue(a.question().skills().contains(DATA.skills().get(a.skill())), "a review question tags its skill");
            assertEquals(a.before().reviews() + 1, a.after().reviews(), "one answer, one review");
            assertEquals(a.at(), a.after().lastReviewAt());
            assertEquals(a.before().lapses() + (a.right() ? 0 : 1), a.after().lapses());
            if (a.first()) {
                firsts++;
                assertTrue(a.before().isDue(fsrs, a.at()), "a review before it was due: " + a);
                assertTrue(a.estimateBefore() >= 0.95, "a review of a skill the model does not call mastered: " + a);
            } else {
                assertTrue(Duration.between(a.before().lastReviewAt(), a.at()).compareTo(Duration.ofDays(1)) < 0,
                        "a review's later answers are same-day reviews");
            }
            String key = a.law() + "/" + a.learner() + "/" + a.skill();
            Instant previous = last.put(key, a.at());
            assertTrue(previous == null || a.at().isAfter(previous), "answers in order");
            Duration intervalBefore = Duration.between(a.before().lastReviewAt(), a.before().due(fsrs));
            Duration intervalAfter = Duration.between(a.after().lastReviewAt(), a.after().due(fsrs));
            if (a.right()) {
                assertTrue(intervalAfter.compareTo(intervalBefore) >= 0, "a right review shortened the interval: " + a);
                if (a.first()) {
                    rightSpaced++;
                    assertTrue(a.after().state().stability() > a.before().state().stability(),
                            "a right review when due raises stability: " + a);
                    grown += intervalAfter.compareTo(intervalBefore) > 0 ? 1 : 0;
                }
            }
        }
        assertTrue(firsts > 50);
        // the others stay at the shortest interval, a day: after a lapse FSRS's difficulty is near 10 and stability
        // grows by too little for the whole-day interval to move
        assertTrue(rightSpaced > 20 && grown > 0.5 * rightSpaced, grown + " of " + rightSpaced + " right reviews grew the interval");
    }

    @Test
    void theLawsAreTheirSurvivalCurvesAndTheTrueMemoryFollowsTheRetrievalRules() {
        for (ForgettingEvaluation.Law law : LAWS) {
            assertEquals(0.5, law.survival(7, 7), 1e-12, law + " at its half-life");
            assertEquals(1, law.survival(0, 7), 1e-12);
            for (double u : new double[] {0.9, 0.5, 0.1, 0.01}) {
                assertEquals(u, law.survival(law.forgettingTime(7, u), 7), 1e-9, law + " inverts its survival at " + u);
            }
            // the share of draws still kept after t days is the survival at t
            SplittableRandom rng = new SplittableRandom(1);
            int kept = 0;
            int n = 20_000;
            for (int i = 0; i < n; i++) {
                kept += law.forgettingTime(7, 1 - rng.nextDouble()) > 20 ? 1 : 0;
            }
            assertEquals(law.survival(20, 7), kept / (double) n, 0.01, law.toString());
        }
        assertTrue(ForgettingEvaluation.Law.POWER.survival(60, 7) > 10 * ForgettingEvaluation.Law.EXPONENTIAL.survival(60, 7),
                "the power law's heavy tail");
        Instant t0 = Instant.parse("2025-06-01T08:00:00Z");
        ForgettingEvaluation.TrueMemory m = new ForgettingEvaluation.TrueMemory(ForgettingEvaluation.Law.EXPONENTIAL, true, t0,
                new SplittableRandom(3));
        double h = m.halfLife;
        assertNotNull(m.forgetAt);
        assertEquals(m.forgetAt, m.firstForgetAt);
        m.retrieve(true, t0.plus(Duration.ofHours(5)));
        assertEquals(h, m.halfLife, 0, "a same-day retrieval is not a spaced one");
        m.retrieve(true, t0.plus(Duration.ofDays(2)));
        assertEquals(2 * h, m.halfLife, 1e-12, "a spaced retrieval of a known skill doubles the half-life");
        assertTrue(m.forgetAt.isAfter(t0.plus(Duration.ofDays(2))));
        m.retrieve(false, t0.plus(Duration.ofDays(5)));
        assertEquals(h, m.halfLife, 1e-12, "a spaced retrieval of a forgotten skill halves it");
        ForgettingEvaluation.TrueMemory unknown = new ForgettingEvaluation.TrueMemory(ForgettingEvaluation.Law.POWER, false, t0,
                new SplittableRandom(3));
        assertNull(unknown.forgetAt, "nothing to forget");
        assertEquals(h, unknown.halfLife, 0, "the same stream, the same hidden half-life, whatever the law");
        SimulatedLearner learner = new SimulatedPopulation(DATA, "conjunctive", SEED, 2).learner(0).copy();
        int skill = 0;
        learner.learn(skill);
        ForgettingEvaluation.TrueMemory forgets = new ForgettingEvaluation.TrueMemory(ForgettingEvaluation.Law.EXPONENTIAL,
                true, t0, new SplittableRandom(5));
        forgets.settle(learner, skill, forgets.forgetAt.minusSeconds(1));
        assertTrue(learner.knows(skill));
        forgets.settle(learner, skill, forgets.forgetAt);
        assertTrue(!learner.knows(skill), "forgotten at its forgetting time");
    }

    @Test
    void theForgettingModeHasItsOwnDefaults() {
        LearningEvaluation.Options o = LearningEvaluation.Options.parse("--forgetting");
        assertTrue(o.forgetting());
        assertEquals(ForgettingEvaluation.DEFAULT_LEARNERS, o.learners());
        assertEquals(ForgettingEvaluation.DEFAULT_FIT_LEARNERS, o.fitLearners());
        assertEquals(List.of(LearningEvaluation.DEFAULT_SEED, PracticeEvaluation.SECOND_SEED), o.seeds());
        assertEquals(LAWS, o.laws());
        assertEquals(ForgettingEvaluation.HALF_LIFE_MEDIAN_DAYS, o.halfLife());
        assertEquals(20, LearningEvaluation.Options.parse("--forgetting", "--half-life", "20").halfLife());
        assertEquals(List.of(ForgettingEvaluation.Law.POWER), LearningEvaluation.Options.parse("--forgetting", "--laws", "power").laws());
        assertEquals(PracticeEvaluation.DEFAULT_FIT_LEARNERS, LearningEvaluation.Options.parse("--practice").fitLearners());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LearningEvaluation.Options.parse("--forgetting", "--practice"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LearningEvaluation.Options.parse("--forgetting", "--laws", "fsrs"));
    }

    @Test
    void eventsFollowTheServicesMemoryRulesAndTheModelPredictsWithTheEstimatesGiven() {
        ForgettingEvaluation e = new ForgettingEvaluation(DATA, "conjunctive", SEED, 0, 2, PracticeEvaluation.CAP);
        Fsrs fsrs = new Fsrs();
        Question q = DATA.questionsTagged("http").get(0);
        int http = DATA.index("http");
        int other = DATA.skills().stream().mapToInt(DATA::index).filter(k -> !q.skills().contains(DATA.skills().get(k)))
                .findFirst().orElseThrow();
        Instant t0 = Instant.parse("2025-06-01T08:00:00Z");
        double[] known = new double[DATA.skillCount()];
        Arrays.fill(known, 0.5);
        known[http] = 0.97;
        known[other] = 0.96;
        Map<Integer, SkillMemory> memory = new TreeMap<>();
        List<Integer> started = e.event(memory, q, false, t0, known);
        assertEquals(List.of(Math.min(http, other), Math.max(http, other)), started);
        assertEquals(SkillMemory.first(fsrs, Fsrs.AGAIN, t0), memory.get(http), "rated by the answer that mastered it");
        assertEquals(SkillMemory.first(fsrs, Fsrs.GOOD, t0), memory.get(other), "mastered through the graph: Good");
        Instant t1 = t0.plus(Duration.ofDays(3));
        assertEquals(List.of(), e.event(memory, q, true, t1, known));
        assertEquals(SkillMemory.first(fsrs, Fsrs.AGAIN, t0).review(fsrs, Fsrs.GOOD, t1), memory.get(http), "a review");
        assertEquals(SkillMemory.first(fsrs, Fsrs.GOOD, t0), memory.get(other), "not tagged: no review");

        ModelEstimator model = new ModelEstimator(DATA);
        model.practised("a", q, true);
        assertEquals(model.predictCorrect("a", q), model.predictCorrect("a", q, model.knownNow("a")), 1e-15);
        double[] lower = model.knownNow("a").clone();
        lower[http] *= 0.5;
        assertTrue(model.predictCorrect("a", q, lower) < model.predictCorrect("a", q));
        model.copy("a", "b");
        assertEquals(Arrays.toString(model.knownNow("a")), Arrays.toString(model.knownNow("b")));
        model.practised("b", q, false);
        assertTrue(model.knownNow("b")[http] < model.knownNow("a")[http], "the copy goes its own way");
    }
}
