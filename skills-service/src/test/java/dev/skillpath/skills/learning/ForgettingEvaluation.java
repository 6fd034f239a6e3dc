package dev.skillpath.skills.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.platform.learning.PracticePicker;
import dev.skillpath.platform.learning.SkillMemory;
import dev.skillpath.skills.domain.KnowledgeTracing;

/**
 * The forgetting part of the learning evaluation (issue #16; docs/learning.md, "Forgetting and reviews"): when
 * simulated learners forget what they mastered, do the reviews skills-service schedules keep more of it known after
 * {@link #HORIZON} than no reviews, and does the service's decayed estimate predict answers given after a gap better
 * than the estimate at the last evidence?
 *
 * <p><b>Mastery first.</b> Per generative model and seed, the model is fitted and the learners practise a target as
 * in {@link PracticeEvaluation} (its code: the same population, fit, target rule, sessions and PracticePicker, the
 * frontier policy only). While they practise, every practice answer is an event for {@link SkillMemory} exactly as
 * the service applies them ({@link #event}): a skill gets its memory when the model first calls it mastered, rated
 * by that answer when the question tags it (Good without an answer on it), and every later answer on it is one
 * review. Practice itself has no forgetting (it lasts hours to a few days); the learner's true state when it ends is
 * where the {@value #HORIZON_DAYS} days start.
 *
 * <p><b>True forgetting</b> ({@link Law}), deliberately not FSRS: each skill with a memory gets a hidden half-life
 * h per learner and skill, lognormal (median {@value #HALF_LIFE_MEDIAN_DAYS} days unless the run says otherwise, log-sd
 * {@value #HALF_LIFE_LOG_SD}),
 * and a skill known when the clock starts is kept for a forgetting time drawn from the law with that half-life (the
 * chance of still knowing it t days on is the law's survival: {@code 2^(−t/h)} exponential, or
 * {@code (1 + (2^(1/d) − 1)·t/h)^(−d)} power, d = {@value #POWER_EXPONENT}), then it is truly unknown. A review
 * answer is a retrieval: if the skill is still known and the last retrieval was at least {@link #SPACING} ago, h is
 * multiplied by {@value #GROWTH} and the forgetting time is drawn afresh from then; if it was forgotten and the
 * retrieval is spaced, h is multiplied by {@value #SHRINK}. After each review answer the learner sees the right
 * answer and may relearn by the population's own learning rule ({@link SimulatedPopulation#learnFrom}: each tagged
 * skill not known whose prerequisites are known is learned with its T_s), and a relearned skill's clock restarts
 * with its h. Skills without a memory are neither forgotten nor reviewed (their truth stays as practice left it).
 *
 * <p><b>Policies</b>, from the same post-practice truth, model state and memories, with the same random streams
 * (every skill's half-life and forgetting draws, the answers, the relearning): <em>with reviews</em>, the learner
 * answers a review of a skill as soon as {@link SkillMemory#isDue} for a skill the model calls mastered (estimate at
 * the last evidence ≥ 0.95): {@value #REVIEW_QUESTIONS} practice questions on it picked by PracticePicker (target
 * chance 0.7) among the bank's questions tagging it, each answered by the true state at that moment under the
 * generative model, each applied to the model (a practice event) and to the memories; <em>without reviews</em>,
 * nothing until day {@value #HORIZON_DAYS}. At day {@value #HORIZON_DAYS} every skill that had a memory when
 * practice ended (the same skills under both policies) is checked: truly known or not, and one probe question on it
 * (drawn uniformly from its questions, answered by the true state, told to nobody, the same draws under both
 * policies).
 *
 * <p><b>Predictions.</b> Before every review answer and every probe, the model's prediction of a right answer, from
 * its own emission ({@link ModelEstimator#predictCorrect(String, Question, double[])}: the noisy-AND of the tagged
 * skills' estimates with the question's guess and slip), once with the estimates at the last evidence
 * (<em>undecayed</em>) and once with every skill with a memory at {@link SkillMemory#decayed}
 * (estimate × retrievability now, <em>decayed</em>); and the true probability (the truth, a floor for log loss).
 * Answers are scored when they come at least {@link #SPACING} after the last review of every skill with a memory
 * they tag (the answers after a gap: where the two estimates differ).
 */
final class ForgettingEvaluation {

    static final int DEFAULT_LEARNERS = 100;
    static final int DEFAULT_FIT_LEARNERS = 150;
    static final int HORIZON_DAYS = 60;
    static final Duration HORIZON = Duration.ofDays(HORIZON_DAYS);
    /** A retrieval this long after the last is a spaced one; an answer this long after the last review is after a gap. */
    static final Duration SPACING = Duration.ofDays(1);
    static final int REVIEW_QUESTIONS = 2;
    /** The hidden half-lives' median unless a run says otherwise ({@code --half-life}). */
    static final double HALF_LIFE_MEDIAN_DAYS = 7;
    static final double HALF_LIFE_LOG_SD = 0.6;
    static final double MIN_HALF_LIFE_DAYS = 0.25;
    /**
     * A spaced recall multiplies the half-life by this (a choice, in the spirit of half-life regression, Settles &amp;
     * Meeder 2016, where each recall multiplies it by a fitted factor).
     */
    static final double GROWTH = 2;
    static final double SHRINK = 0.5;
    static final double POWER_EXPONENT = 0.5;
    /** Forgetting times are kept under this, so an Instant never overflows (a draw this long is "never"). */
    static final double LONGEST_DAYS = 36_500;

    /** The service's FSRS, as skills-service builds it by default (retention 0.9, default weights). */
    final Fsrs fsrs = new Fsrs();

    /**
     * The true forgetting law: the chance that a skill known at its last retrieval is still known t days on, with
     * the learner's hidden half-life h for the skill (survival(h, h) = 1/2 under both).
     */
    enum Law {
        /** 2^(−t/h): a constant hazard ln 2 / h, memoryless. */
        EXPONENTIAL("exponential") {
            @Override
            double survival(double days, double halfLife) {
                return Math.pow(2, -days / halfLife);
            }

            @Override
            String formula() {
                return "2^(−t/h)";
            }
        },
        /**
         * (1 + c·t/h)^(−d), c = 2^(1/d) − 1: a hazard d / (h/c + t) that falls with time (a heavy tail: far more is
         * kept for months than under the exponential law). Not FSRS's curve: d is {@value #POWER_EXPONENT}, not
         * FSRS-6's 0.1542, and h is the half-life, not the 90 % point.
         */
        POWER("power") {
            @Override
            double survival(double days, double halfLife) {
                return Math.pow(1 + powerScale() * days / halfLife, -POWER_EXPONENT);
            }

            @Override
            String formula() {
                return "(1 + c·t/h)^(−" + LearningReport.constant(POWER_EXPONENT) + "), c = 2^(1/"
                        + LearningReport.constant(POWER_EXPONENT) + ") − 1";
            }
        };

        private final String label;

        Law(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        abstract double survival(double days, double halfLife);

        abstract String formula();

        /** The forgetting time whose survival is u (inverse transform of a uniform u in (0, 1]), in days, capped. */
        double forgettingTime(double halfLife, double u) {
            double days = switch (this) {
                case EXPONENTIAL -> -halfLife * Math.log(u) / Math.log(2);
                case POWER -> halfLife / powerScale() * (Math.pow(u, -1 / POWER_EXPONENT) - 1);
            };
            return Math.min(LONGEST_DAYS, days);
        }

        private static double powerScale() {
            return Math.pow(2, 1 / POWER_EXPONENT) - 1;
        }
    }

    enum Policy {
        WITH_REVIEWS("with reviews"),
        WITHOUT_REVIEWS("without reviews");

        private final String label;

        Policy(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * One review answer, for a test to check the bookkeeping: the skill whose review it is, the memory before and
     * after the answer, whether it was the review's first answer, the model's estimate at the last evidence before
     * it, and the skill's true state when answered.
     */
    record ReviewAnswer(int learner, Law law, int skill, Instant at, boolean first, SkillMemory before,
                        SkillMemory after, double estimateBefore, boolean trulyKnown, Question question, boolean right) {
    }

    /** The undecayed, decayed and true predictions of the same answers. */
    record Scores(Metrics.Series undecayed, Metrics.Series decayed, Metrics.Series truth) {
        Scores() {
            this(new Metrics.Series(), new Metrics.Series(), new Metrics.Series());
        }
    }

    /**
     * One policy's figures, summed over learners.
     *
     * @param skills       (learner, skill) pairs with a memory when practice ended and a question (the checked ones)
     * @param knownAtStart of those, truly known when practice ended
     * @param retained     of those, truly known at day {@value #HORIZON_DAYS}
     * @param masteredAtStart of those, the model's estimate ≥ 0.95 when practice ended (a later answer may have
     *                     lowered it since the memory started)
     * @param stillMastered of those, the model's estimate at the last evidence still ≥ 0.95 at the end
     * @param reviews      reviews begun (each of up to {@value #REVIEW_QUESTIONS} answers)
     * @param reviewAnswers answers in reviews, of which {@code reviewRight} right
     * @param relearned    times a forgotten skill with a memory was learned again from a review answer
     * @param reviewScores the review answers after a gap; {@code probes} the day-{@value #HORIZON_DAYS} probes
     * @param firstForgetAt per learner, per checked skill in index order, the end of its first forgetting time
     *                      (null when it was not known at the start): equal under both policies
     */
    record PolicyResult(Policy policy, int skills, int knownAtStart, int retained, int masteredAtStart, int stillMastered, int reviews,
                        int reviewAnswers, int reviewRight, int relearned, Scores reviewScores, Scores probes,
                        List<List<Instant>> firstForgetAt) {

        double retainedShare() {
            return Metrics.ratio(retained, skills);
        }
    }

    /**
     * @param skipped          learners with no practice target
     * @param meanMemories     skills with a memory per learner when practice ended
     * @param withoutQuestion  (learner, skill) pairs with a memory but no question (not checked: nothing can review them)
     * @param meanPracticeDays practice's length, first answer to last
     * @param reached          share of learners whose target the model called mastered within the cap
     */
    record Facts(int learners, int skipped, double meanMemories, int withoutQuestion, double meanPracticeDays,
                 double reached) {
    }

    record Result(String model, long seed, Law law, String description, int fitLearners, String fitted, Facts facts,
                  PolicyResult withReviews, PolicyResult withoutReviews, long millis) {

        PolicyResult policy(Policy p) {
            return p == Policy.WITH_REVIEWS ? withReviews : withoutReviews;
        }
    }

    private final SeedData data;
    private final PracticeEvaluation practice;
    private final long seed;
    private final int fitLearners;
    private final String name;
    private final double medianHalfLife;

    /** Use {@link #run}; tests build one to call its parts. */
    ForgettingEvaluation(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap) {
        this(data, modelName, seed, fitLearners, learners, cap, HALF_LIFE_MEDIAN_DAYS);
    }

    /** @param medianHalfLife the median of the hidden half-lives, in days */
    ForgettingEvaluation(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap,
                         double medianHalfLife) {
        if (!(medianHalfLife > 0) || Double.isInfinite(medianHalfLife)) {
            throw new IllegalArgumentException("the median half-life is a positive number of days, was " + medianHalfLife);
        }
        this.medianHalfLife = medianHalfLife;
        this.data = data;
        this.seed = seed;
        this.fitLearners = fitLearners;
        this.practice = new PracticeEvaluation(data, modelName, seed, fitLearners, learners, cap, 0);
        this.name = practice.population.model().name();
    }

    /** One result per law, each from the same practice of the same learners. */
    static List<Result> run(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap,
                            List<Law> laws, Consumer<String> progress) {
        return run(data, modelName, seed, fitLearners, learners, cap, laws, progress, r -> { });
    }

    /** The same, telling {@code trace} every review answer. */
    static List<Result> run(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap,
                            List<Law> laws, Consumer<String> progress, Consumer<ReviewAnswer> trace) {
        return run(data, modelName, seed, fitLearners, learners, cap, HALF_LIFE_MEDIAN_DAYS, laws, progress, trace);
    }

    /** The same with another median of the hidden half-lives (days). */
    static List<Result> run(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap,
                            double medianHalfLife, List<Law> laws, Consumer<String> progress, Consumer<ReviewAnswer> trace) {
        return new ForgettingEvaluation(data, modelName, seed, fitLearners, learners, cap, medianHalfLife)
                .run(learners, laws, progress, trace);
    }

    /** Everything a policy's run adds up. */
    private static final class Tally {
        final Policy policy;
        int skills;
        int knownAtStart;
        int retained;
        int masteredAtStart;
        int stillMastered;
        int reviews;
        int reviewAnswers;
        int reviewRight;
        int relearned;
        final Scores reviewScores = new Scores();
        final Scores probes = new Scores();
        final List<List<Instant>> firstForgetAt = new ArrayList<>();

        Tally(Policy policy) {
            this.policy = policy;
        }

        PolicyResult result() {
            return new PolicyResult(policy, skills, knownAtStart, retained, masteredAtStart, stillMastered, reviews, reviewAnswers,
                    reviewRight, relearned, reviewScores, probes, List.copyOf(firstForgetAt));
        }
    }

    /** Where practice left a learner: the model state of {@code id}, the truth, the memories, the recency of questions. */
    private record AfterPractice(int index, String id, SimulatedLearner truth, SortedMap<Integer, SkillMemory> memories,
                                 Map<String, Instant> lastSeen, Instant end) {
    }

    List<Result> run(int learners, List<Law> laws, Consumer<String> progress, Consumer<ReviewAnswer> trace) {
        long t0 = System.nanoTime();
        practice.fit(progress);
        Map<Law, Map<Policy, Tally>> tallies = new HashMap<>();
        for (Law law : laws) {
            Map<Policy, Tally> byPolicy = new HashMap<>();
            for (Policy p : Policy.values()) {
                byPolicy.put(p, new Tally(p));
            }
            tallies.put(law, byPolicy);
        }
        int skipped = 0;
        long memories = 0;
        int withoutQuestion = 0;
        double practiceDays = 0;
        int reached = 0;
        for (int n = 0; n < learners; n++) {
            int i = fitLearners + n;
            SimulatedLearner start = practice.population.learner(i);
            PracticeEvaluation.Target target = practice.targetOf(start);
            if (target == null) {
                skipped++;
                continue;
            }
            String id = start.id() + "/practice";
            SimulatedLearner truth = start.copy();
            Map<Integer, SkillMemory> memory = new TreeMap<>();
            Map<String, Instant> lastSeen = new HashMap<>();
            List<Instant> times = new ArrayList<>();
            PracticeEvaluation.Outcome o = practice.practise(truth, id, i, target, PracticeEvaluation.PICKER,
                    new PracticeEvaluation.Scores(), step -> {
                        event(memory, step.question(), step.right(), step.at(), practice.model.knownNow(id));
                        lastSeen.put(step.question().key(), step.at());
                        times.add(step.at());
                    });
            reached += o.reached() ? 1 : 0;
            Instant end = times.isEmpty() ? PracticeEvaluation.START
                    : times.get(times.size() - 1).plus(PracticeEvaluation.ANSWER_TIME);
            if (!times.isEmpty()) {
                practiceDays += Duration.between(times.get(0), times.get(times.size() - 1)).toMinutes() / 1440.0;
            }
            memories += memory.size();
            withoutQuestion += (int) memory.keySet().stream().filter(k -> !data.hasQuestion(data.skills().get(k))).count();
            // sorted by skill: the day-60 check draws its probes in this order (Map.copyOf's order changes between JVMs)
            AfterPractice after = new AfterPractice(i, id, truth, Collections.unmodifiableSortedMap(new TreeMap<>(memory)),
                    Map.copyOf(lastSeen), end);
            for (Law law : laws) {
                for (Policy p : Policy.values()) {
                    live(after, law, p, tallies.get(law).get(p), trace);
                }
            }
            practice.model.forget(id);
            if ((n + 1) % Math.max(1, learners / 4) == 0 && n + 1 < learners) {
                progress.accept(name + ", seed " + seed + ": " + (n + 1) + " of " + learners + " learners practised and lived "
                        + HORIZON_DAYS + " days");
            }
        }
        int ran = learners - skipped;
        Facts facts = new Facts(ran, skipped, Metrics.ratio(memories, ran), withoutQuestion, ran == 0 ? Double.NaN : practiceDays / ran,
                Metrics.ratio(reached, ran));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        List<Result> results = new ArrayList<>();
        for (Law law : laws) {
            results.add(new Result(name, seed, law, practice.population.model().describe(), fitLearners, practice.model.fitted(),
                    facts, tallies.get(law).get(Policy.WITH_REVIEWS).result(),
                    tallies.get(law).get(Policy.WITHOUT_REVIEWS).result(), millis));
        }
        return results;
    }

    /**
     * One event with one graded answer, applied to the memories by the service's rules: a review of every skill the
     * question tags that has a memory, rated by the answer ({@link SkillMemory#rating}); then a first memory for
     * every skill the model now calls mastered that had none, rated by the answer when the question tags it, Good
     * when the graph mastered it without an answer on it. Returns the skills whose memory started.
     */
    List<Integer> event(Map<Integer, SkillMemory> memory, Question question, boolean right, Instant at, double[] knownAfter) {
        Set<Integer> tags = tags(question);
        int rating = SkillMemory.rating(right ? 1 : 0, 1);
        for (int k : tags) {
            SkillMemory m = memory.get(k);
            if (m != null) {
                memory.put(k, m.review(fsrs, rating, at));
            }
        }
        List<Integer> started = new ArrayList<>();
        for (int k = 0; k < knownAfter.length; k++) {
            if (!memory.containsKey(k) && KnowledgeTracing.isMastered(knownAfter[k])) {
                memory.put(k, SkillMemory.first(fsrs, tags.contains(k) ? rating : Fsrs.GOOD, at));
                started.add(k);
            }
        }
        return started;
    }

    private Set<Integer> tags(Question q) {
        Set<Integer> tags = new LinkedHashSet<>();
        q.skills().forEach(s -> tags.add(data.index(s)));
        return tags;
    }

    /**
     * A skill's true memory under the law: its hidden half-life, when it was last retrieved (or its clock started),
     * and when it will be forgotten (null while it is not known).
     */
    static final class TrueMemory {
        private final Law law;
        private final SplittableRandom draws;
        double halfLife;
        Instant lastRetrieval;
        Instant forgetAt;
        final Instant firstForgetAt;

        TrueMemory(Law law, boolean known, Instant start, SplittableRandom draws) {
            this(law, HALF_LIFE_MEDIAN_DAYS, known, start, draws);
        }

        TrueMemory(Law law, double medianHalfLife, boolean known, Instant start, SplittableRandom draws) {
            this.law = law;
            this.draws = draws;
            halfLife = Math.max(MIN_HALF_LIFE_DAYS, medianHalfLife * Math.exp(HALF_LIFE_LOG_SD * draws.nextGaussian()));
            lastRetrieval = start;
            Instant first = start.plus(days(law.forgettingTime(halfLife, uniform())));   // drawn either way: the stream stays aligned
            forgetAt = known ? first : null;
            firstForgetAt = forgetAt;
        }

        /** Forgets the skill once its forgetting time has come. */
        void settle(SimulatedLearner truth, int skill, Instant now) {
            if (forgetAt != null && !now.isBefore(forgetAt)) {
                truth.unlearn(skill);
                forgetAt = null;
            }
        }

        /** A retrieval at {@code now} (a review answer on the skill), the skill known or not then. */
        void retrieve(boolean known, Instant now) {
            if (Duration.between(lastRetrieval, now).compareTo(SPACING) < 0) {
                return;
            }
            lastRetrieval = now;
            if (known) {
                halfLife *= GROWTH;
                forgetAt = now.plus(days(law.forgettingTime(halfLife, uniform())));
            } else {
                halfLife = Math.max(MIN_HALF_LIFE_DAYS, halfLife * SHRINK);
            }
        }

        /** The skill was learned again at {@code now}: its clock restarts with its half-life. */
        void relearned(Instant now) {
            lastRetrieval = now;
            forgetAt = now.plus(days(law.forgettingTime(halfLife, uniform())));
        }

        private double uniform() {
            return 1 - draws.nextDouble();   // (0, 1]
        }

        private static Duration days(double days) {
            return Duration.ofMillis(Math.round(days * 86_400_000));
        }
    }

    /** One learner's {@value #HORIZON_DAYS} days under one law and policy, from where practice left them. */
    private void live(AfterPractice start, Law law, Policy policy, Tally tally, Consumer<ReviewAnswer> trace) {
        String id = start.id() + "/" + law.label() + "/" + policy.label();
        ModelEstimator model = practice.model;
        double[] knownAtStart = model.knownNow(start.id());
        model.copy(start.id(), id);
        SimulatedLearner truth = start.truth().copy();
        Map<Integer, SkillMemory> memory = new TreeMap<>(start.memories());
        Map<String, Instant> lastSeen = new HashMap<>(start.lastSeen());
        int i = start.index();
        SplittableRandom answers = Seeds.stream(seed, name + "/forgetting/answers", i);
        SplittableRandom relearning = Seeds.stream(seed, name + "/forgetting/relearning", i);
        SplittableRandom probes = Seeds.stream(seed, name + "/forgetting/probes", i);
        Map<Integer, TrueMemory> kept = new TreeMap<>();
        for (int k : memory.keySet()) {
            kept.put(k, trueMemory(law, truth, k, start.end(), i));
        }
        Instant stop = start.end().plus(HORIZON);
        if (policy == Policy.WITH_REVIEWS) {
            Map<Integer, Instant> blockedUntil = new HashMap<>();
            Instant now = start.end();
            while (true) {
                double[] known = model.knownNow(id);
                int next = -1;
                Instant nextAt = null;
                for (Map.Entry<Integer, SkillMemory> e : memory.entrySet()) {
                    int k = e.getKey();
                    if (!KnowledgeTracing.isMastered(known[k]) || !data.hasQuestion(data.skills().get(k))) {
                        continue;
                    }
                    Instant at = latest(latest(e.getValue().due(fsrs), blockedUntil.getOrDefault(k, now)), now);
                    if (nextAt == null || at.isBefore(nextAt)) {
                        next = k;
                        nextAt = at;
                    }
                }
                if (next < 0 || !nextAt.isBefore(stop)) {
                    break;
                }
                Instant after = review(next, nextAt, id, truth, memory, kept, lastSeen, answers, relearning, law, tally, trace);
                if (after == null) {
                    blockedUntil.put(next, nextAt.plus(PracticeEvaluation.RECENT));
                } else {
                    now = after;
                }
            }
        }
        for (Map.Entry<Integer, TrueMemory> e : kept.entrySet()) {
            e.getValue().settle(truth, e.getKey(), stop);
        }
        // day 60: the skills that had a memory when practice ended, the same under both policies
        double[] known = model.knownNow(id);
        List<Instant> firstForget = new ArrayList<>();
        for (int k : start.memories().keySet()) {
            String slug = data.skills().get(k);
            if (!data.hasQuestion(slug)) {
                continue;
            }
            tally.skills++;
            tally.knownAtStart += start.truth().knows(k) ? 1 : 0;
            tally.retained += truth.knows(k) ? 1 : 0;
            tally.masteredAtStart += KnowledgeTracing.isMastered(knownAtStart[k]) ? 1 : 0;
            tally.stillMastered += KnowledgeTracing.isMastered(known[k]) ? 1 : 0;
            firstForget.add(kept.get(k).firstForgetAt);
            List<Question> pool = data.questionsTagged(slug);
            Question q = pool.get(probes.nextInt(pool.size()));
            double p = practice.population.model().probabilityCorrect(truth, q, data);
            boolean right = probes.nextDouble() < p;
            score(tally.probes, id, q, known, memory, stop, p, right);
        }
        tally.firstForgetAt.add(firstForget);
        model.forget(id);
    }

    private TrueMemory trueMemory(Law law, SimulatedLearner truth, int skill, Instant start, int index) {
        return new TrueMemory(law, medianHalfLife, truth.knows(skill), start,
                Seeds.stream(seed, name + "/forgetting/skill/" + data.skills().get(skill), index));
    }

    /**
     * One review of {@code skill}, due at {@code at}: up to {@value #REVIEW_QUESTIONS} answers, a minute apart, each
     * picked by PracticePicker among the skill's questions (none given twice in the review nor one seen in the last
     * 24 h). Returns when it ended, or null when no question could be given.
     */
    private Instant review(int skill, Instant at, String id, SimulatedLearner truth, Map<Integer, SkillMemory> memory,
                           Map<Integer, TrueMemory> kept, Map<String, Instant> lastSeen, SplittableRandom answers,
                           SplittableRandom relearning, Law law, Tally tally, Consumer<ReviewAnswer> trace) {
        ModelEstimator model = practice.model;
        List<Question> pool = data.questionsTagged(data.skills().get(skill));
        Set<String> given = new HashSet<>();
        Instant t = at;
        for (int j = 0; j < REVIEW_QUESTIONS; j++) {
            t = at.plus(PracticeEvaluation.ANSWER_TIME.multipliedBy(j));
            for (Map.Entry<Integer, TrueMemory> e : kept.entrySet()) {
                e.getValue().settle(truth, e.getKey(), t);
            }
            double[] known = model.knownNow(id);
            PracticePicker.Result r = practice.pick(pool, Set.of(skill), false, known, given, lastSeen, t,
                    PracticePicker.TARGET_CHANCE);
            if (r.pick().isEmpty()) {
                break;
            }
            Question q = PracticeEvaluation.question(pool, r.pick().get());
            if (j == 0) {
                tally.reviews++;
            }
            double p = practice.population.model().probabilityCorrect(truth, q, data);
            boolean right = answers.nextDouble() < p;
            score(tally.reviewScores, id, q, known, memory, t, p, right);
            boolean trulyKnown = truth.knows(skill);
            Set<Integer> tags = tags(q);
            for (int k : tags) {
                TrueMemory m = kept.get(k);
                if (m != null) {
                    m.retrieve(truth.knows(k), t);
                }
            }
            boolean[] before = truth.state();
            practice.population.learnFrom(truth, List.of(q), relearning);
            for (Map.Entry<Integer, TrueMemory> e : kept.entrySet()) {
                if (!before[e.getKey()] && truth.knows(e.getKey())) {
                    e.getValue().relearned(t);
                    tally.relearned++;
                }
            }
            model.practised(id, q, right);
            SkillMemory memoryBefore = memory.get(skill);
            for (int k : event(memory, q, right, t, model.knownNow(id))) {
                kept.put(k, trueMemory(law, truth, k, t, truth.index()));
            }
            tally.reviewAnswers++;
            tally.reviewRight += right ? 1 : 0;
            given.add(q.key());
            lastSeen.put(q.key(), t);
            trace.accept(new ReviewAnswer(truth.index(), law, skill, t, j == 0, memoryBefore, memory.get(skill),
                    known[skill], trulyKnown, q, right));
        }
        return given.isEmpty() ? null : t.plus(PracticeEvaluation.ANSWER_TIME);
    }

    /**
     * Scores one answer when it comes after a gap: at least {@link #SPACING} since the last review of every skill
     * with a memory the question tags (and it tags one). The undecayed prediction uses the estimates as they are,
     * the decayed one every skill with a memory at estimate × retrievability now.
     */
    private void score(Scores scores, String id, Question q, double[] known, Map<Integer, SkillMemory> memory, Instant now,
                       double truth, boolean right) {
        boolean any = false;
        for (int k : tags(q)) {
            SkillMemory m = memory.get(k);
            if (m != null) {
                any = true;
                if (Duration.between(m.lastReviewAt(), now).compareTo(SPACING) < 0) {
                    return;
                }
            }
        }
        if (!any) {
            return;
        }
        double[] decayed = known.clone();
        for (Map.Entry<Integer, SkillMemory> e : memory.entrySet()) {
            int k = e.getKey();
            decayed[k] = SkillMemory.decayed(known[k], e.getValue().retrievability(fsrs, now));
        }
        scores.undecayed().add(practice.model.predictCorrect(id, q, known), right);
        scores.decayed().add(practice.model.predictCorrect(id, q, decayed), right);
        scores.truth().add(truth, right);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** How the run's true forgetting is set up, for the report (Markdown). */
    static String describeForgetting(double medianHalfLife) {
        return String.format(Locale.ROOT, "hidden half-life h per learner and skill ~ lognormal, median %s days, log-sd %s "
                        + "(at least %s days); a spaced retrieval (≥ %d day after the last) of a known skill: h × %s and a "
                        + "fresh forgetting time from then; of a forgotten one: h × %s; relearning after a review answer by "
                        + "the population's T_s",
                LearningReport.constant(medianHalfLife), LearningReport.constant(HALF_LIFE_LOG_SD),
                LearningReport.constant(MIN_HALF_LIFE_DAYS), SPACING.toDays(), LearningReport.constant(GROWTH),
                LearningReport.constant(SHRINK));
    }
}
