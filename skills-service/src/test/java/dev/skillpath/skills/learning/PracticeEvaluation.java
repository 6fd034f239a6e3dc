package dev.skillpath.skills.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

import dev.skillpath.platform.learning.PracticePicker;
import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.skills.domain.model.Frontier;
import dev.skillpath.skills.domain.model.ItemParameters;
import dev.skillpath.skills.domain.model.ModelGraph;

/**
 * The practice part of the learning evaluation (issue #15; docs/learning.md, "Practice sessions"): do simulated
 * learners who practise their frontier reach mastery of a target skill in fewer questions than learners who take
 * random questions from the same pool, and does the model predict their answers as well?
 *
 * <p><b>Protocol</b>, per generative model and seed. One population ({@link SimulatedPopulation}, the usual draw of
 * true states and item parameters). The model ({@link ModelEstimator}, the service's classes) is first fitted on the
 * quizzes of the first {@code fitLearners} learners (mixed behaviour, as phase 1 of the quiz evaluation), so that
 * item guess and slip are fitted values where the fit had answers (shape starting values otherwise), then held
 * fixed. Each of the next {@code learners} learners starts practice as a newcomer to the model (no evidence) with a
 * target skill ({@link #chooseTarget}), once under every policy: the same true start state, the same answer and
 * learning streams (the k-th answer of every policy draws the k-th number), a fresh model state each time.
 *
 * <p><b>Sessions</b>, as quiz-service runs them: up to {@value #SESSION_LENGTH} questions, one minute per answer; no
 * question twice in a session nor one seen in the last {@link #RECENT}, under every policy; a frontier session's
 * target skills are fixed when it starts ({@link #sessionTargets}), and it ends when the model calls them all
 * mastered (the next session starts at once) or nothing may be given (the next starts {@link #SESSION_GAP} later,
 * as after a full session). After every answer the learner may learn (the population's rule,
 * {@link SimulatedPopulation#learnFrom}, applied to the one question) and the model applies the practice event (one
 * observation then a learning opportunity, {@link ModelEstimator#practised}). A learner stops when the model says
 * the target is mastered (P ≥ 0.95), or at the cap ({@code cap} questions, or {@value #SESSIONS_PER_CAPPED_QUESTION}
 * × cap sessions); a learner who never reaches it counts the cap.
 */
final class PracticeEvaluation {

    static final int DEFAULT_LEARNERS = 300;
    static final int DEFAULT_FIT_LEARNERS = 300;
    /** The Bayes ceiling's particles in a practice run: runs are short, and every policy restarts the filter. */
    static final int DEFAULT_PARTICLES = 4000;
    static final long SECOND_SEED = 7L;
    static final int CAP = 150;
    /** quiz-service's default session length (Practice.DEFAULT_MAX_QUESTIONS) and recent window (skillpath.practice.recent). */
    static final int SESSION_LENGTH = 20;
    static final Duration SESSION_GAP = Duration.ofHours(12);
    static final Duration ANSWER_TIME = Duration.ofMinutes(1);
    static final Duration RECENT = Duration.ofDays(1);
    /** quiz-service's slip of a question the fit has not seen (Practice.STARTING_SLIP). */
    static final double STARTING_SLIP = 0.1;
    /** Sessions end early when the pool is used up; a run stops after this many sessions per capped question. */
    static final int SESSIONS_PER_CAPPED_QUESTION = 4;
    static final Instant START = SimulatedPopulation.START.plus(Duration.ofDays(90));

    /** How the next practice question is chosen. */
    sealed interface Policy permits OnFrontier, RandomPool {
        String name();
    }

    /**
     * A session's targets are the skills of the target's learning path on the learner's frontier when it starts
     * (ready to learn, else to confirm, as a quiz-service frontier session takes them; the target itself once it is
     * there); {@link PracticePicker} picks among their questions the one whose predicted chance is closest to
     * {@code targetChance}. {@code skillFirst}: a session for one skill, the most ready of those (the first in the
     * frontier's order with a question that may be given), as a quiz-service skill session.
     */
    record OnFrontier(double targetChance, boolean skillFirst) implements Policy {
        @Override
        public String name() {
            return (skillFirst ? "frontier, skill first" : "frontier") + ", target " + LearningReport.constant(targetChance);
        }
    }

    /** Each next question drawn uniformly from the pool, among those that may be given. */
    record RandomPool() implements Policy {
        @Override
        public String name() {
            return "random from the pool";
        }
    }

    static final Policy RANDOM = new RandomPool();
    /** PracticePicker's rule as quiz-service uses it. */
    static final Policy PICKER = new OnFrontier(PracticePicker.TARGET_CHANCE, false);
    /** Every policy the full run compares: the baseline, the picker's rule, and the alternatives. */
    static final List<Policy> POLICIES = List.of(RANDOM, PICKER,
            new OnFrontier(0.5, false), new OnFrontier(0.6, false), new OnFrontier(0.8, false),
            new OnFrontier(PracticePicker.TARGET_CHANCE, true));

    /**
     * A learner's practice target.
     *
     * @param truePath the target's prerequisites (transitive) the learner truly does not know
     * @param path     the learning path as the model has it at the start: the target and its transitive
     *                 prerequisites the model does not call mastered (a newcomer: all of them)
     * @param pool     every question tagged with a skill of {@code path}, in the bank's order: what either policy
     *                 may give
     */
    record Target(String skill, List<String> truePath, List<String> path, List<Question> pool) {
    }

    /**
     * One learner under one policy.
     *
     * @param questions      practice answers until the model called the target mastered; the cap when it did not
     * @param reached        whether the model called it mastered within the cap
     * @param trulyKnown     whether the target was truly known when the run stopped
     * @param untilKnown     answers until the target was truly known (the learner's learning); the cap when it was
     *                       not when the run stopped
     * @param sessions       sessions begun
     * @param probe          before each practice answer, a probe: a question drawn uniformly from the pool (the same
     *                       stream under every policy), its simulated answer told to nobody; the model's and the
     *                       Bayes ceiling's predictions of it (NaN without the ceiling) and that answer. So every
     *                       policy is also scored on questions chosen the same way, after as many answers.
     */
    record Outcome(int questions, boolean reached, boolean trulyKnown, int untilKnown, int sessions, double[] probeModel,
                   double[] probeBayes, boolean[] probeRight) {
    }

    /** One practice answer, for a test to check the bookkeeping. */
    record Step(int learner, Policy policy, Target target, int session, Instant at, Question question, boolean right,
                double predicted) {
    }

    /**
     * What a policy's run was scored on: the model's prediction of every practice answer, made before it; the
     * Bayes ceiling's ({@link BayesEstimator}: the posterior under the true generative model from the same answers,
     * the best any model can do on them; empty with 0 particles) and the truth's (the generative model's
     * probability for the learner's true state then).
     */
    record Scores(Metrics.Series answers, Metrics.Series answersBayes, Metrics.Series answersTruth) {
        Scores() {
            this(new Metrics.Series(), new Metrics.Series(), new Metrics.Series());
        }
    }

    record PolicyResult(Policy policy, Outcome[] outcomes, Scores scores) {
    }

    /**
     * @param skipped        learners with no eligible target (they know every skill whose path would be non-empty)
     * @param targets        the distinct target skills drawn
     */
    record Facts(int learners, int skipped, double meanTruePath, double meanPath, double meanPool, int targets) {
    }

    record Result(String model, long seed, String description, int fitLearners, String fitted, Facts facts,
                  List<PolicyResult> policies, long millis) {

        PolicyResult policy(Policy p) {
            return policies.stream().filter(r -> r.policy().equals(p)).findFirst().orElseThrow();
        }
    }

    private final SeedData data;
    final SimulatedPopulation population;
    private final long seed;
    private final int fitLearners;
    private final int cap;
    final ModelEstimator model;
    private final BayesEstimator bayes;
    private final ModelGraph<String> graph;
    private final boolean[] questioned;
    private final UUID[] skillIds;

    /** Use {@link #run}; tests build one to call its parts. */
    PracticeEvaluation(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap, int particles) {
        if (learners < 1 || fitLearners < 0 || cap < 1) {
            throw new IllegalArgumentException("practice needs a learner, no negative fit population and a cap of at least 1");
        }
        this.data = data;
        this.seed = seed;
        this.fitLearners = fitLearners;
        this.cap = cap;
        this.population = new SimulatedPopulation(data, modelName, SimulatedPopulation.Behaviour.MIXED, seed,
                Math.max(2, fitLearners + learners));
        this.model = new ModelEstimator(data);
        this.bayes = particles > 0 ? new BayesEstimator(population, particles) : null;
        this.graph = model.graph();
        questioned = new boolean[data.skillCount()];
        skillIds = new UUID[data.skillCount()];
        for (int s = 0; s < questioned.length; s++) {
            questioned[s] = data.hasQuestion(data.skills().get(s));
            skillIds[s] = UUID.nameUUIDFromBytes(("skill:" + data.skills().get(s)).getBytes());
        }
    }

    /**
     * @param fitLearners learners whose quizzes the model is fitted on first (0: the model's starting parameters)
     * @param learners    practice learners, each run under every policy
     * @param particles   the Bayes ceiling's particles (0: no ceiling)
     */
    static Result run(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap, int particles,
                      List<Policy> policies, Consumer<String> progress) {
        return run(data, modelName, seed, fitLearners, learners, cap, particles, policies, progress, step -> { });
    }

    /** The same, telling {@code trace} every practice answer. */
    static Result run(SeedData data, String modelName, long seed, int fitLearners, int learners, int cap, int particles,
                      List<Policy> policies, Consumer<String> progress, Consumer<Step> trace) {
        return new PracticeEvaluation(data, modelName, seed, fitLearners, learners, cap, particles)
                .run(learners, policies, progress, trace);
    }

    Result run(int learners, List<Policy> policies, Consumer<String> progress, Consumer<Step> trace) {
        long t0 = System.nanoTime();
        String label = population.model().name() + ", seed " + seed;
        fit(progress);
        List<Outcome[]> outcomes = new ArrayList<>();
        List<Scores> series = new ArrayList<>();
        for (int p = 0; p < policies.size(); p++) {
            outcomes.add(new Outcome[learners]);
            series.add(new Scores());
        }
        int skipped = 0;
        long truePath = 0;
        long path = 0;
        long pool = 0;
        Set<String> targets = new HashSet<>();
        for (int n = 0; n < learners; n++) {
            int i = fitLearners + n;
            SimulatedLearner start = population.learner(i);
            Target target = targetOf(start);
            if (target == null) {
                skipped++;
                continue;
            }
            targets.add(target.skill());
            truePath += target.truePath().size();
            path += target.path().size();
            pool += target.pool().size();
            for (int p = 0; p < policies.size(); p++) {
                String id = start.id() + "/" + p;
                outcomes.get(p)[n] = practise(start.copy(), id, i, target, policies.get(p), series.get(p), trace);
                model.forget(id);
            }
            if ((n + 1) % Math.max(1, learners / 4) == 0 && n + 1 < learners) {
                progress.accept(label + ": " + (n + 1) + " of " + learners + " learners practised");
            }
        }
        List<PolicyResult> results = new ArrayList<>();
        for (int p = 0; p < policies.size(); p++) {
            Outcome[] kept = Arrays.stream(outcomes.get(p)).filter(o -> o != null).toArray(Outcome[]::new);
            results.add(new PolicyResult(policies.get(p), kept, series.get(p)));
        }
        int ran = learners - skipped;
        Facts facts = new Facts(ran, skipped, Metrics.ratio(truePath, ran), Metrics.ratio(path, ran), Metrics.ratio(pool, ran),
                targets.size());
        return new Result(population.model().name(), seed, population.model().describe(), fitLearners, model.fitted(), facts,
                List.copyOf(results), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Fits the model on the quizzes of the first {@code fitLearners} learners (nothing when there are none), then
     * drops their states: the parameters are what is kept. The forgetting evaluation fits the same way.
     */
    void fit(Consumer<String> progress) {
        if (fitLearners == 0) {
            return;
        }
        progress.accept(population.model().name() + ", seed " + seed + ": " + fitLearners
                + " learners take quizzes, then the model is fitted");
        for (int i = 0; i < fitLearners; i++) {
            population.run(population.learner(i), (learner, quiz, attempt, answers, at) -> model.graded(learner.id(), answers, at));
        }
        model.refit();
        for (int i = 0; i < fitLearners; i++) {
            // their states are not needed any more; the parameters are
            model.forget(population.learner(i).id());
        }
    }

    /**
     * The learner's practice target ({@link #chooseTarget}) from their start state, a newcomer to the model, drawn
     * from the learner's own target stream; null when they have none.
     */
    Target targetOf(SimulatedLearner start) {
        String probe = start.id() + "/start";
        Target target = chooseTarget(start, model.knownNow(probe),
                Seeds.stream(seed, population.model().name() + "/practice/target", start.index()));
        model.forget(probe);
        return target;
    }

    /**
     * The target rule: a skill the learner truly does not know, with at least one prerequisite (direct or not) they
     * truly do not know either (so the way there is longer than the skill itself), and such that the target and
     * every such missing prerequisite have a question (a skill no question practises cannot be learned by
     * practice); drawn uniformly among those. Null when there is none.
     */
    Target chooseTarget(SimulatedLearner learner, double[] knownAtStart, SplittableRandom rng) {
        List<String> eligible = new ArrayList<>();
        for (String s : data.skills()) {
            int si = data.index(s);
            if (learner.knows(si) || !questioned[si]) {
                continue;
            }
            List<String> missing = closure(s).stream().filter(p -> !learner.knows(data.index(p))).toList();
            if (!missing.isEmpty() && missing.stream().allMatch(p -> questioned[data.index(p)])) {
                eligible.add(s);
            }
        }
        if (eligible.isEmpty()) {
            return null;
        }
        String skill = eligible.get(rng.nextInt(eligible.size()));
        List<String> truePath = closure(skill).stream().filter(p -> !learner.knows(data.index(p))).toList();
        List<String> path = new ArrayList<>();
        for (String p : closure(skill)) {
            if (!KnowledgeTracing.isMastered(knownAtStart[data.index(p)])) {
                path.add(p);
            }
        }
        path.add(skill);
        Set<String> onPath = new HashSet<>(path);
        List<Question> pool = data.questions().values().stream()
                .filter(q -> q.skills().stream().anyMatch(onPath::contains)).toList();
        return new Target(skill, truePath, List.copyOf(path), pool);
    }

    /** Every prerequisite of the skill, direct or not, in the catalogue's topological order. */
    List<String> closure(String skill) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(data.prerequisites(skill));
        while (!todo.isEmpty()) {
            String p = todo.poll();
            if (seen.add(p)) {
                todo.addAll(data.prerequisites(p));
            }
        }
        return data.topologicalOrder().stream().filter(seen::contains).toList();
    }

    /**
     * One learner's practice under one policy, from {@code truth} (changed as the learner learns) and the model's
     * state of {@code id} (changed by every answer; left for the caller, as the learner's true state is: the
     * forgetting evaluation goes on from both).
     */
    Outcome practise(SimulatedLearner truth, String id, int index, Target target, Policy policy, Scores scores,
                     Consumer<Step> trace) {
        String name = population.model().name();
        SplittableRandom answers = Seeds.stream(seed, name + "/practice/answers", index);
        SplittableRandom learning = Seeds.stream(seed, name + "/practice/learning", index);
        SplittableRandom choices = Seeds.stream(seed, name + "/practice/choices", index);
        SplittableRandom probes = Seeds.stream(seed, name + "/practice/probes", index);
        int t = data.index(target.skill());
        Map<String, Instant> lastSeen = new HashMap<>();
        int asked = 0;
        int untilKnown = -1;
        int sessions = 0;
        double[] probeModel = new double[cap];
        double[] probeBayes = new double[cap];
        boolean[] probeRight = new boolean[cap];
        Arrays.fill(probeBayes, Double.NaN);
        if (bayes != null) {
            bayes.restart();
        }
        Instant begins = START;
        while (asked < cap && sessions < SESSIONS_PER_CAPPED_QUESTION * cap) {
            sessions++;
            Set<Integer> targets = policy instanceof OnFrontier f
                    ? sessionTargets(f, target, model.knownNow(id), lastSeen, begins) : Set.of();
            Set<String> given = new HashSet<>();
            Instant now = begins;
            boolean targetsMastered = false;
            for (int j = 0; j < SESSION_LENGTH && asked < cap; j++) {
                now = begins.plus(ANSWER_TIME.multipliedBy(j));
                Question q;
                if (policy instanceof OnFrontier f) {
                    PracticePicker.Result r = pick(target.pool(), targets, true, model.knownNow(id), given, lastSeen, now,
                            f.targetChance());
                    targetsMastered = r.empty() == PracticePicker.Empty.TARGET_MASTERED;
                    q = r.pick().map(x -> question(target.pool(), x)).orElse(null);
                } else {
                    q = randomFromPool(target, given, lastSeen, now, choices);
                }
                if (q == null) {
                    break;
                }
                Question probe = target.pool().get(probes.nextInt(target.pool().size()));
                probeRight[asked] = probes.nextDouble() < population.model().probabilityCorrect(truth, probe, data);
                probeModel[asked] = model.predictCorrect(id, probe);
                double p = population.model().probabilityCorrect(truth, q, data);
                boolean right = answers.nextDouble() < p;
                scores.answers().add(model.predictCorrect(id, q), right);
                scores.answersTruth().add(p, right);
                if (bayes != null) {
                    probeBayes[asked] = bayes.predictCorrect(truth.id(), probe);
                    scores.answersBayes().add(bayes.predictCorrect(truth.id(), q), right);
                    bayes.graded(truth.id(), List.of(new Observation(q, right)), now);
                }
                population.learnFrom(truth, List.of(q), learning);
                model.practised(id, q, right);
                given.add(q.key());
                lastSeen.put(q.key(), now);
                trace.accept(new Step(index, policy, target, sessions, now, q, right, scores.answers().last()));
                asked++;
                if (untilKnown < 0 && truth.knows(t)) {
                    untilKnown = asked;
                }
                if (KnowledgeTracing.isMastered(model.knownNow(id)[t])) {
                    return new Outcome(asked, true, truth.knows(t), untilKnown, sessions, Arrays.copyOf(probeModel, asked),
                            Arrays.copyOf(probeBayes, asked), Arrays.copyOf(probeRight, asked));
                }
            }
            // a session that ended because its skills are mastered is followed at once by the next (the learner
            // goes on up the path); one that used up its questions or the pool, half a day later
            begins = targetsMastered ? now.plus(ANSWER_TIME) : begins.plus(SESSION_GAP);
        }
        return new Outcome(cap, false, truth.knows(t), untilKnown < 0 ? cap : untilKnown, sessions,
                Arrays.copyOf(probeModel, asked), Arrays.copyOf(probeBayes, asked), Arrays.copyOf(probeRight, asked));
    }

    /**
     * A frontier session's targets, fixed when it starts, as quiz-service fixes them: the path's skills ready to
     * learn, or, when none is, those to confirm ({@link #frontierOnPath}). Skill first: only the first of them
     * (the most ready) that has a question that may be given now.
     */
    Set<Integer> sessionTargets(OnFrontier policy, Target target, double[] known, Map<String, Instant> lastSeen,
                                Instant now) {
        Frontier.Fringe fringe = frontierOnPath(target, known);
        List<Frontier.Entry> chosen = !fringe.ready().isEmpty() ? fringe.ready() : fringe.toConfirm();
        if (!policy.skillFirst()) {
            Set<Integer> targets = new LinkedHashSet<>();
            chosen.forEach(e -> targets.add(e.skill()));
            return targets;
        }
        for (Frontier.Entry e : chosen) {
            String slug = data.skills().get(e.skill());
            if (target.pool().stream().anyMatch(q -> q.skills().contains(slug) && mayGive(q, Set.of(), lastSeen, now))) {
                return Set.of(e.skill());
            }
        }
        return chosen.isEmpty() ? Set.of() : Set.of(chosen.get(0).skill());
    }

    /** A question drawn uniformly from the pool among those that may be given; null when none may. */
    static Question randomFromPool(Target target, Set<String> given, Map<String, Instant> lastSeen, Instant now,
                                   SplittableRandom choices) {
        List<Question> open = target.pool().stream().filter(q -> mayGive(q, given, lastSeen, now)).toList();
        return open.isEmpty() ? null : open.get(choices.nextInt(open.size()));
    }

    static boolean mayGive(Question q, Set<String> given, Map<String, Instant> lastSeen, Instant now) {
        Instant seen = lastSeen.get(q.key());
        return !given.contains(q.key()) && (seen == null || !seen.plus(RECENT).isAfter(now));
    }

    /**
     * PracticePicker's pick among the pool's questions. {@code masteredLeftOut}: the targets the model calls mastered
     * are left out, as in a practice session; without it (a review of a mastered skill, {@link ForgettingEvaluation})
     * every target is practised.
     */
    PracticePicker.Result pick(List<Question> pool, Set<Integer> targets, boolean masteredLeftOut, double[] known,
                               Set<String> given, Map<String, Instant> lastSeen, Instant now, double targetChance) {
        List<PracticePicker.Candidate> candidates = new ArrayList<>();
        Set<UUID> givenIds = new HashSet<>();
        for (Question q : pool) {
            UUID qid = ModelEstimator.questionId(q);
            if (given.contains(q.key())) {
                givenIds.add(qid);
            }
            List<UUID> tags = q.skills().stream().map(s -> skillIds[data.index(s)]).toList();
            candidates.add(candidate(q, qid, tags, lastSeen.get(q.key())));
        }
        Map<UUID, Double> estimates = new HashMap<>();
        for (int s = 0; s < known.length; s++) {
            estimates.put(skillIds[s], known[s]);
        }
        Set<UUID> targetIds = new HashSet<>();
        Set<UUID> mastered = new HashSet<>();
        for (int s : targets) {
            targetIds.add(skillIds[s]);
            if (masteredLeftOut && KnowledgeTracing.isMastered(known[s])) {
                mastered.add(skillIds[s]);
            }
        }
        PracticePicker.Context context = new PracticePicker.Context(targetIds, estimates, 0, mastered, givenIds, now,
                RECENT, targetChance);
        return PracticePicker.pick(candidates, context);
    }

    /**
     * The question as quiz-service hands it to the picker: the fit's guess, slip and difficulty when the fit had
     * answers on it (its item.fitted projection), else its shape's starting guess and {@value #STARTING_SLIP}.
     */
    private PracticePicker.Candidate candidate(Question q, UUID id, List<UUID> tags, Instant lastSeen) {
        ItemParameters fitted = model.fittedItem(q);
        if (fitted != null) {
            return new PracticePicker.Candidate(id, id, tags, fitted.guess(), fitted.slip(), fitted.difficulty(), lastSeen);
        }
        double guess = new QuestionShape(q.type(), q.options(), q.correctOptions()).startingGuess(QuestionShape.FLOOR);
        return new PracticePicker.Candidate(id, id, tags, guess, STARTING_SLIP, Double.NaN, lastSeen);
    }

    /** The pool's question the picker picked. */
    static Question question(List<Question> pool, PracticePicker.Pick pick) {
        return pool.stream().filter(q -> ModelEstimator.questionId(q).equals(pick.question().questionId()))
                .findFirst().orElseThrow();
    }

    /**
     * The skills of the target's path (as it stood at the start) the model does not call mastered whose every
     * required prerequisite it does: the learner's frontier ({@link Frontier}: ready, most ready first, then those
     * to confirm, best known first) on the path. A skill no question practises is left out, and counts as mastered
     * when it is a prerequisite (practice cannot show it; the answers on the skills that require it will), so the
     * path never stalls on it; with a question on every skill this is exactly Frontier's ready and toConfirm lists,
     * restricted to the path.
     */
    Frontier.Fringe frontierOnPath(Target target, double[] known) {
        List<Frontier.Entry> ready = new ArrayList<>();
        List<Frontier.Entry> confirm = new ArrayList<>();
        for (String slug : target.path()) {
            int s = data.index(slug);
            if (KnowledgeTracing.isMastered(known[s]) || !questioned[s]) {
                continue;
            }
            boolean prerequisitesMastered = true;
            for (int p : graph.prerequisitesOf(s)) {
                prerequisitesMastered &= KnowledgeTracing.isMastered(known[p]) || !questioned[p];
            }
            if (!prerequisitesMastered) {
                continue;
            }
            double prerequisites = 1;
            for (int p : graph.parentsOf(s)) {
                prerequisites *= known[p];
            }
            Frontier.Entry e = new Frontier.Entry(s, (1 - known[s]) * prerequisites, known[s], graph.prerequisitesOf(s).length);
            (e.readiness() >= Frontier.READY ? ready : confirm).add(e);
        }
        ready.sort(Comparator.comparingDouble(Frontier.Entry::readiness).reversed().thenComparingInt(Frontier.Entry::skill));
        confirm.sort(Comparator.comparingDouble(Frontier.Entry::known).reversed().thenComparingInt(Frontier.Entry::skill));
        return new Frontier.Fringe(List.copyOf(ready), List.copyOf(confirm));
    }

    // ---- figures

    /** A policy's figures over the learners who practised (skipped ones are not counted). */
    record Figures(String policy, int learners, double medianQuestions, int p90Questions, double reached,
                   double trulyKnownAtMastery, double trulyKnownAtEnd, double medianUntilKnown, int answers,
                   double rightRate, double meanPredicted, double auc, double logLoss, double bayesAuc, double truthAuc,
                   double medianSessions) {
    }

    static Figures figures(PolicyResult r) {
        Outcome[] o = r.outcomes();
        Scores s = r.scores();
        int[] questions = Arrays.stream(o).mapToInt(Outcome::questions).toArray();
        int reached = (int) Arrays.stream(o).filter(Outcome::reached).count();
        int precise = (int) Arrays.stream(o).filter(x -> x.reached() && x.trulyKnown()).count();
        int known = (int) Arrays.stream(o).filter(Outcome::trulyKnown).count();
        return new Figures(r.policy().name(), o.length, median(questions), percentile(questions, 0.9),
                Metrics.ratio(reached, o.length), Metrics.ratio(precise, reached), Metrics.ratio(known, o.length),
                median(Arrays.stream(o).mapToInt(Outcome::untilKnown).toArray()), s.answers().size(),
                Metrics.ratio(s.answers().positives(), s.answers().size()), s.answers().mean(), s.answers().auc(),
                s.answers().logLoss(), s.answersBayes().auc(), s.answersTruth().auc(),
                median(Arrays.stream(o).mapToInt(Outcome::sessions).toArray()));
    }

    /** The share of learners who needed fewer questions under {@code policy} than under {@code baseline}, and more. */
    static double[] paired(PolicyResult policy, PolicyResult baseline) {
        int fewer = 0;
        int more = 0;
        for (int i = 0; i < policy.outcomes().length; i++) {
            int d = Integer.compare(policy.outcomes()[i].questions(), baseline.outcomes()[i].questions());
            fewer += d < 0 ? 1 : 0;
            more += d > 0 ? 1 : 0;
        }
        return new double[] {Metrics.ratio(fewer, policy.outcomes().length), Metrics.ratio(more, policy.outcomes().length)};
    }

    /**
     * The probes' AUC at equal length: for each learner, only the probes before the first m answers under either
     * policy, m the fewer of the two runs' answers; so both are scored after as many answers, on questions drawn
     * the same way. {model under policy, model under baseline, Bayes under policy, Bayes under baseline}.
     */
    static double[] probesAtEqualLength(PolicyResult policy, PolicyResult baseline) {
        Metrics.Series[] s = {new Metrics.Series(), new Metrics.Series(), new Metrics.Series(), new Metrics.Series()};
        for (int i = 0; i < policy.outcomes().length; i++) {
            Outcome a = policy.outcomes()[i];
            Outcome b = baseline.outcomes()[i];
            int m = Math.min(a.probeRight().length, b.probeRight().length);
            for (int k = 0; k < m; k++) {
                s[0].add(a.probeModel()[k], a.probeRight()[k]);
                s[1].add(b.probeModel()[k], b.probeRight()[k]);
                if (!Double.isNaN(a.probeBayes()[k]) && !Double.isNaN(b.probeBayes()[k])) {
                    s[2].add(a.probeBayes()[k], a.probeRight()[k]);
                    s[3].add(b.probeBayes()[k], b.probeRight()[k]);
                }
            }
        }
        return new double[] {s[0].auc(), s[1].auc(), s[2].size() == 0 ? Double.NaN : s[2].auc(),
                s[3].size() == 0 ? Double.NaN : s[3].auc()};
    }

    /** The median; for an even count the mean of the two middle values. NaN when empty. */
    static double median(int[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        int[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
    }

    /** The nearest-rank percentile: the smallest value at least a share q of the values are at or below. */
    static int percentile(int[] values, double q) {
        if (values.length == 0) {
            return -1;
        }
        int[] v = values.clone();
        Arrays.sort(v);
        return v[Math.max(0, (int) Math.ceil(q * v.length) - 1)];
    }

    /** The relative change of {@code value} from {@code baseline}: −0.3 is 30 % fewer. */
    static double change(double value, double baseline) {
        return baseline == 0 ? Double.NaN : value / baseline - 1;
    }
}
