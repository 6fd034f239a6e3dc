package dev.skillpath.skills.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulated learners with known true states, answering the real quizzes under one {@link GenerativeModel}.
 * Deterministic given the seed: every learner has its own random streams (state, behaviour, answers, learning).
 *
 * <p><b>Initial state.</b> Walk the {@code requires} graph prerequisites first: a skill whose prerequisites are all
 * known is known with probability σ(logit(p_s) + ability), p_s drawn per skill per run, ability per learner; a skill
 * with an unknown prerequisite is unknown. So every state is downward closed.
 *
 * <p><b>Learning.</b> After each graded attempt, each skill tagged in it that is unknown and whose prerequisites
 * were all known before the attempt becomes known with probability T_s, drawn per skill per run. Lessons are not
 * modelled and nothing is forgotten. States stay downward closed.
 *
 * <p><b>Behaviour</b> ({@link Behaviour#MIXED}; {@link Behaviour#DILIGENT} takes every quiz and retakes each one it
 * fails until it passes). A learner picks between {@value #MIN_QUIZZES} and all of the quizzes, in a random order, and
 * answers every question of each attempt. After an attempt it may come back to the quiz later (interleaved with the
 * others; a drawn quiz draws anew): with its persistence (drawn per learner) after failing the quiz's pass mark,
 * with {@value #RETAKE_AFTER_PASS} × persistence after passing, up to {@value #MAX_ATTEMPTS_PER_QUIZ} attempts
 * and the quiz's own maxAttempts. Time advances between attempts.
 */
public final class SimulatedPopulation {

    static final double KNOW_RATE_MIN = 0.25;
    static final double KNOW_RATE_MAX = 0.75;
    static final double LEARN_RATE_MIN = 0.05;
    static final double LEARN_RATE_MAX = 0.30;
    static final double ABILITY_SD = 1.0;
    static final double THETA_SD = 0.6;
    static final double THETA_ABILITY_CORRELATION = 0.5;
    static final int MIN_QUIZZES = 3;
    static final int MAX_ATTEMPTS_PER_QUIZ = 4;
    static final double PERSISTENCE_MIN = 0.1;
    static final double PERSISTENCE_MAX = 0.8;
    static final double RETAKE_AFTER_PASS = 0.25;
    static final Instant START = Instant.parse("2025-01-06T08:00:00Z");
    static final Duration START_SPREAD = Duration.ofDays(60);
    static final Duration GAP_MIN = Duration.ofMinutes(10);
    static final Duration GAP_MAX = Duration.ofDays(3);

    /** How learners go through the quizzes. */
    public enum Behaviour {
        /** Some of the quizzes, retaken now and then ({@link SimulatedPopulation#describeBehaviour(Behaviour)}). */
        MIXED("mixed"),
        /** Every quiz, each retaken until passed. */
        DILIGENT("diligent");

        private final String label;

        Behaviour(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Behaviour of(String label) {
            for (Behaviour b : values()) {
                if (b.label.equals(label)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown behaviour " + label + " (mixed or diligent)");
        }
    }

    /** What the evaluation is told around every attempt. */
    public interface Listener {
        /** Before the attempt: the questions it consists of (the learner answers all of them). Nothing by default. */
        default void before(SimulatedLearner learner, Quiz quiz, int attempt, List<Question> questions, Instant at) {
        }

        /** The graded answers, in the order of {@code questions}; the learner has not yet learned from them. */
        void after(SimulatedLearner learner, Quiz quiz, int attempt, List<Observation> answers, Instant at);
    }

    private final SeedData data;
    private final GenerativeModel model;
    private final Behaviour behaviour;
    private final long seed;
    private final int size;
    private final double[] knowRate;
    private final double[] learnRate;
    private final Map<String, SimulatedLearner> byId = new HashMap<>();

    public SimulatedPopulation(SeedData data, String modelName, long seed, int size) {
        this(data, modelName, Behaviour.MIXED, seed, size);
    }

    public SimulatedPopulation(SeedData data, String modelName, Behaviour behaviour, long seed, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a population needs at least 2 learners (one per phase), not " + size);
        }
        this.data = data;
        this.behaviour = behaviour;
        this.seed = seed;
        this.size = size;
        this.model = GenerativeModel.create(modelName, data, Seeds.stream(seed, modelName + "/items"));
        SplittableRandom rng = Seeds.stream(seed, modelName + "/skills");
        knowRate = new double[data.skillCount()];
        learnRate = new double[data.skillCount()];
        for (int s = 0; s < data.skillCount(); s++) {
            knowRate[s] = rng.nextDouble(KNOW_RATE_MIN, KNOW_RATE_MAX);
            learnRate[s] = rng.nextDouble(LEARN_RATE_MIN, LEARN_RATE_MAX);
        }
    }

    public SeedData data() { return data; }

    public GenerativeModel model() { return model; }

    public Behaviour behaviour() { return behaviour; }

    public int size() { return size; }

    /** Learners 0 … size/2 − 1 run in phase 1, the others in phase 2. */
    public int phaseOf(int index) {
        return index < size / 2 ? 1 : 2;
    }

    public static String describeStates() {
        return "initial state prerequisites first: known with σ(logit(p_s) + ability) when all prerequisites are known, "
                + "else unknown; p_s ~ " + GenerativeModel.range(KNOW_RATE_MIN, KNOW_RATE_MAX) + " per skill, ability ~ N(0, "
                + ABILITY_SD + ") per learner; after each attempt every tagged, unknown skill whose prerequisites are known "
                + "is learned with T_s ~ " + GenerativeModel.range(LEARN_RATE_MIN, LEARN_RATE_MAX) + " per skill; "
                + "no lessons, no forgetting";
    }

    public static String describeBehaviour(Behaviour behaviour) {
        String common = "answers every question; drawn quizzes draw anew; " + GAP_MIN.toMinutes() + " min to "
                + GAP_MAX.toDays() + " days between attempts";
        return switch (behaviour) {
            case MIXED -> "each learner takes " + MIN_QUIZZES + " to all quizzes in a random order and comes back to a quiz "
                    + "later with its persistence ~ " + GenerativeModel.range(PERSISTENCE_MIN, PERSISTENCE_MAX)
                    + " after failing its pass mark (× " + RETAKE_AFTER_PASS + " after passing), at most "
                    + MAX_ATTEMPTS_PER_QUIZ + " attempts and the quiz's maxAttempts; " + common;
            case DILIGENT -> "each learner takes every quiz in a random order and retakes each one it fails until it "
                    + "passes, at most " + MAX_ATTEMPTS_PER_QUIZ + " attempts and the quiz's maxAttempts; " + common;
        };
    }

    /** Creates learner {@code index} in its initial state (the same learner for the same seed, model and index). */
    public SimulatedLearner learner(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        SplittableRandom rng = Seeds.stream(seed, model.name() + "/learner", index);
        String id;
        do {
            id = String.format("learner-%016x", rng.nextLong());
        } while (byId.containsKey(id));
        double ability = ABILITY_SD * rng.nextGaussian();
        double theta = theta(ability, rng.nextGaussian());
        double persistence = rng.nextDouble(PERSISTENCE_MIN, PERSISTENCE_MAX);
        boolean[] known = initialState(ability, rng);
        SimulatedLearner learner = new SimulatedLearner(id, index, phaseOf(index), ability, theta, persistence, known);
        byId.put(id, learner);
        return learner;
    }

    /** A learner's initial state given their ability: one draw of {@code rng} per skill, prerequisites first. */
    boolean[] initialState(double ability, SplittableRandom rng) {
        boolean[] known = new boolean[data.skillCount()];
        for (String slug : data.topologicalOrder()) {
            int s = data.index(slug);
            double u = rng.nextDouble();   // drawn for every skill, so one skill's outcome does not shift the others' draws
            if (prerequisitesKnown(data, known, s)) {
                double logit = Math.log(knowRate[s] / (1 - knowRate[s])) + ability;
                known[s] = u < 1 / (1 + Math.exp(-logit));
            }
        }
        return known;
    }

    /** The true chance of learning the skill from one attempt that practises it (prerequisites known). */
    double learnRate(int skill) {
        return learnRate[skill];
    }

    /** θ of a learner of this ability, z a standard normal draw (the compensatory model's person parameter). */
    static double theta(double ability, double z) {
        return THETA_SD * (THETA_ABILITY_CORRELATION * ability / ABILITY_SD
                + Math.sqrt(1 - THETA_ABILITY_CORRELATION * THETA_ABILITY_CORRELATION) * z);
    }

    /** A learner created by {@link #learner(int)}, by id; null when there is none. */
    public SimulatedLearner byId(String id) {
        return byId.get(id);
    }

    /** Runs every attempt of the learner, telling the listener before and after each. */
    public void run(SimulatedLearner learner, Listener listener) {
        int i = learner.index();
        SplittableRandom choices = Seeds.stream(seed, model.name() + "/behaviour", i);
        SplittableRandom answers = Seeds.stream(seed, model.name() + "/answers", i);
        SplittableRandom learning = Seeds.stream(seed, model.name() + "/learning", i);

        List<Quiz> order = new ArrayList<>(data.quizzes());
        shuffle(order, choices);
        int count = choices.nextInt(Math.min(MIN_QUIZZES, order.size()), order.size() + 1);
        if (behaviour == Behaviour.DILIGENT) {
            count = order.size();
        }
        Deque<Quiz> fresh = new ArrayDeque<>(order.subList(0, count));
        List<Quiz> retakes = new ArrayList<>();
        Map<String, Integer> attempts = new HashMap<>();
        Instant at = START.plusSeconds(choices.nextLong(START_SPREAD.toSeconds()));

        while (!fresh.isEmpty() || !retakes.isEmpty()) {
            Quiz quiz = !retakes.isEmpty() && (fresh.isEmpty() || choices.nextBoolean())
                    ? retakes.remove(choices.nextInt(retakes.size()))
                    : fresh.poll();
            int attempt = attempts.merge(quiz.key(), 1, Integer::sum);
            List<Question> questions = questions(quiz, choices);

            listener.before(learner, quiz, attempt, questions, at);
            List<Observation> graded = new ArrayList<>(questions.size());
            int correct = 0;
            for (Question q : questions) {
                boolean right = answers.nextDouble() < model.probabilityCorrect(learner, q, data);
                graded.add(new Observation(q, right));
                correct += right ? 1 : 0;
            }
            listener.after(learner, quiz, attempt, List.copyOf(graded), at);
            learnFrom(learner, questions, learning);

            boolean passed = 100.0 * correct / questions.size() >= quiz.passMark();
            double retake = behaviour == Behaviour.DILIGENT ? (passed ? 0 : 1)
                    : passed ? RETAKE_AFTER_PASS * learner.persistence() : learner.persistence();
            if (choices.nextDouble() < retake && attempt < MAX_ATTEMPTS_PER_QUIZ && quiz.allowsAnotherAfter(attempt)) {
                retakes.add(quiz);
            }
            at = at.plusSeconds(choices.nextLong(GAP_MIN.toSeconds(), GAP_MAX.toSeconds()));
        }
    }

    private List<Question> questions(Quiz quiz, SplittableRandom rng) {
        if (!quiz.drawn()) {
            return quiz.questionKeys().stream().map(data::question).toList();
        }
        List<Question> pool = new ArrayList<>(data.questionsTagged(quiz.drawSkill()));
        shuffle(pool, rng);
        return List.copyOf(pool.subList(0, quiz.drawCount()));
    }

    /**
     * The learning after graded answers (an attempt, or one practice answer): every tagged skill, unknown with its
     * prerequisites known before, is learned with its T_s; one draw of {@code rng} per distinct tagged skill.
     */
    void learnFrom(SimulatedLearner learner, List<Question> questions, SplittableRandom rng) {
        Set<Integer> tagged = new LinkedHashSet<>();
        for (Question q : questions) {
            for (String s : q.skills()) {
                tagged.add(data.index(s));
            }
        }
        boolean[] before = learner.state();
        List<Integer> learned = new ArrayList<>();
        for (int s : tagged) {
            double u = rng.nextDouble();
            if (!before[s] && prerequisitesKnown(data, before, s) && u < learnRate[s]) {
                learned.add(s);
            }
        }
        learned.forEach(learner::learn);
    }

    /** The true frontier: skills the learner does not know whose prerequisites they all know. */
    public List<String> trueFrontier(SimulatedLearner learner) {
        boolean[] state = learner.state();
        List<String> frontier = new ArrayList<>();
        for (int s = 0; s < state.length; s++) {
            if (!state[s] && prerequisitesKnown(data, state, s)) {
                frontier.add(data.skills().get(s));
            }
        }
        return frontier;
    }

    static boolean prerequisitesKnown(SeedData data, boolean[] state, int skill) {
        for (String p : data.prerequisites(skill)) {
            if (!state[data.index(p)]) {
                return false;
            }
        }
        return true;
    }

    /** Whether every known skill's prerequisites are known too. */
    public static boolean downwardClosed(SeedData data, boolean[] state) {
        for (int s = 0; s < state.length; s++) {
            if (state[s] && !prerequisitesKnown(data, state, s)) {
                return false;
            }
        }
        return true;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
