package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.skillpath.platform.learning.QuestionShape;

class SimulatedPopulationTest {

    private static final SeedData DATA = SeedData.load();

    /** Everything observable about a run, as text. */
    private static List<String> transcript(String model, long seed, int learners) {
        SimulatedPopulation population = new SimulatedPopulation(DATA, model, seed, learners);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < learners; i++) {
            SimulatedLearner l = population.learner(i);
            lines.add(l.id() + " " + java.util.Arrays.toString(l.state()));
            population.run(l, new SimulatedPopulation.Listener() {
                @Override
                public void after(SimulatedLearner learner, Quiz quiz, int attempt, List<Observation> answers, Instant at) {
                    StringBuilder s = new StringBuilder(quiz.key() + "#" + attempt + "@" + at);
                    answers.forEach(o -> s.append(' ').append(o.question().key()).append(o.correct() ? '+' : '-'));
                    lines.add(s.toString());
                }
            });
            lines.add(java.util.Arrays.toString(l.state()));
        }
        return lines;
    }

    @ParameterizedTest
    @ValueSource(strings = {"conjunctive", "compensatory"})
    void theSameSeedGivesTheSameLearnersAndAnswers(String model) {
        assertEquals(transcript(model, 11, 40), transcript(model, 11, 40));
        assertNotEquals(transcript(model, 11, 40), transcript(model, 12, 40));
    }

    @ParameterizedTest
    @ValueSource(strings = {"conjunctive", "compensatory"})
    void statesStayDownwardClosedAndOnlyGrow(String model) {
        SimulatedPopulation population = new SimulatedPopulation(DATA, model, 5, 300);
        for (int i = 0; i < population.size(); i++) {
            SimulatedLearner l = population.learner(i);
            assertTrue(SimulatedPopulation.downwardClosed(DATA, l.state()), "initial state of learner " + i);
            boolean[][] last = {l.state()};
            population.run(l, new SimulatedPopulation.Listener() {
                @Override
                public void before(SimulatedLearner learner, Quiz quiz, int attempt, List<Question> questions, Instant at) {
                    boolean[] now = learner.state();
                    assertTrue(SimulatedPopulation.downwardClosed(DATA, now));
                    for (int s = 0; s < now.length; s++) {
                        assertTrue(now[s] || !last[0][s], "a skill was forgotten");
                    }
                    last[0] = now;
                }

                @Override
                public void after(SimulatedLearner learner, Quiz quiz, int attempt, List<Observation> answers, Instant at) {
                }
            });
            assertTrue(SimulatedPopulation.downwardClosed(DATA, l.state()), "final state of learner " + i);
        }
    }

    @Test
    void learnersFollowTheQuizRules() {
        SimulatedPopulation population = new SimulatedPopulation(DATA, "conjunctive", 9, 300);
        int retakers = 0;
        int thin = 0;
        for (int i = 0; i < population.size(); i++) {
            SimulatedLearner l = population.learner(i);
            Map<String, Integer> attempts = new HashMap<>();
            Instant[] previous = {Instant.MIN};
            population.run(l, new SimulatedPopulation.Listener() {
                @Override
                public void before(SimulatedLearner learner, Quiz quiz, int attempt, List<Question> questions, Instant at) {
                    assertEquals(attempts.getOrDefault(quiz.key(), 0) + 1, attempt);
                    attempts.put(quiz.key(), attempt);
                    assertTrue(attempt <= SimulatedPopulation.MAX_ATTEMPTS_PER_QUIZ);
                    assertTrue(quiz.maxAttempts() == 0 || attempt <= quiz.maxAttempts(), quiz.key() + " beyond maxAttempts");
                    assertTrue(at.isAfter(previous[0]), "time must advance");
                    previous[0] = at;
                    if (quiz.drawn()) {
                        assertEquals(quiz.drawCount(), questions.size());
                        assertEquals(questions.size(), new HashSet<>(questions).size());
                        questions.forEach(q -> assertTrue(q.skills().contains(quiz.drawSkill())));
                    } else {
                        assertEquals(quiz.questionKeys(), questions.stream().map(Question::key).toList());
                    }
                }

                @Override
                public void after(SimulatedLearner learner, Quiz quiz, int attempt, List<Observation> answers, Instant at) {
                }
            });
            assertTrue(attempts.size() >= SimulatedPopulation.MIN_QUIZZES);
            int total = attempts.values().stream().mapToInt(Integer::intValue).sum();
            retakers += total > attempts.size() ? 1 : 0;
            thin += total == attempts.size() && attempts.size() <= 4 ? 1 : 0;
        }
        assertTrue(retakers > 30 && retakers < 290, "some learners retake, not all: " + retakers);
        assertTrue(thin > 5, "some learners have thin evidence: " + thin);
    }

    @Test
    void diligentLearnersTakeEveryQuizAndRetakeOnlyWhatTheyFailed() {
        SimulatedPopulation population = new SimulatedPopulation(DATA, "conjunctive", SimulatedPopulation.Behaviour.DILIGENT, 9, 100);
        int retakes = 0;
        for (int i = 0; i < population.size(); i++) {
            SimulatedLearner l = population.learner(i);
            Map<String, Integer> attempts = new HashMap<>();
            Map<String, Boolean> failedLast = new HashMap<>();
            population.run(l, new SimulatedPopulation.Listener() {
                @Override
                public void before(SimulatedLearner learner, Quiz quiz, int attempt, List<Question> questions, Instant at) {
                    if (attempt > 1) {
                        assertTrue(failedLast.get(quiz.key()), quiz.key() + " retaken after it was passed");
                    }
                    attempts.put(quiz.key(), attempt);
                }

                @Override
                public void after(SimulatedLearner learner, Quiz quiz, int attempt, List<Observation> answers, Instant at) {
                    long right = answers.stream().filter(Observation::correct).count();
                    failedLast.put(quiz.key(), 100.0 * right / answers.size() < quiz.passMark());
                }
            });
            assertEquals(DATA.quizzes().size(), attempts.size(), "every quiz");
            for (Quiz q : DATA.quizzes()) {
                int n = attempts.get(q.key());
                boolean mayRetake = n < SimulatedPopulation.MAX_ATTEMPTS_PER_QUIZ && q.allowsAnotherAfter(n);
                assertTrue(!failedLast.get(q.key()) || !mayRetake, q.key() + " failed and left while a retake was allowed");
                retakes += n - 1;
            }
        }
        assertTrue(retakes > 50, "failed quizzes are retaken: " + retakes);
    }

    @Test
    void conjunctiveAnswersFollowSlipAndGuess() {
        SimulatedPopulation population = new SimulatedPopulation(DATA, "conjunctive", 3, 2);
        GenerativeModel model = population.model();
        boolean[] none = new boolean[DATA.skillCount()];
        SimulatedLearner nobody = new SimulatedLearner("x", 0, 1, 0, 0, 0, none);
        boolean[] all = new boolean[DATA.skillCount()];
        java.util.Arrays.fill(all, true);
        SimulatedLearner everybody = new SimulatedLearner("y", 0, 1, 0, 0, 0, all);
        for (Question q : DATA.questions().values()) {
            assertEquals(model.guess(q), model.probabilityCorrect(nobody, q, DATA), 1e-12);
            double slip = 1 - model.probabilityCorrect(everybody, q, DATA);
            assertTrue(slip >= ConjunctiveModel.SLIP_MIN && slip <= ConjunctiveModel.SLIP_MAX, q.key() + " slip " + slip);
        }
    }

    @Test
    void compensatoryAnswersDependMostlyOnTheTags() {
        SimulatedPopulation population = new SimulatedPopulation(DATA, "compensatory", 3, 2);
        GenerativeModel model = population.model();
        SimulatedLearner nobody = new SimulatedLearner("x", 0, 1, 0, 0, 0, new boolean[DATA.skillCount()]);
        boolean[] all = new boolean[DATA.skillCount()];
        java.util.Arrays.fill(all, true);
        SimulatedLearner everybody = new SimulatedLearner("y", 0, 1, 0, 0, 0, all);
        double sumAll = 0;
        for (Question q : DATA.questions().values()) {
            double known = model.probabilityCorrect(everybody, q, DATA);
            double unknown = model.probabilityCorrect(nobody, q, DATA);
            assertTrue(unknown >= model.guess(q) && unknown < model.guess(q) + 0.3, q.key() + ": " + unknown);
            assertTrue(known > unknown + 0.3, q.key());
            sumAll += known;
        }
        double mean = sumAll / DATA.questions().size();
        assertTrue(mean > 0.85 && mean < 0.97, "knowing every tag answers right " + mean);
    }

    @Test
    void guessRatesFollowTheQuestionShape() {
        SplittableRandom rng = new SplittableRandom(1);
        assertEquals(0.5, GenerativeModel.shapeGuess(new Question("a", "true_false", 2, 1, List.of("sql")), rng));
        assertEquals(0.25, GenerativeModel.shapeGuess(new Question("b", "single_choice", 4, 1, List.of("sql")), rng));
        assertEquals(1.0 / 15, GenerativeModel.shapeGuess(new Question("c", "multiple_choice", 4, 2, List.of("sql")), rng), 1e-12);
        assertEquals(0.032258064516129, GenerativeModel.shapeGuess(new Question("d", "multiple_choice", 5, 3, List.of("sql")), rng), 1e-12);
        assertEquals(0.03, GenerativeModel.shapeGuess(new Question("e", "multiple_choice", 6, 3, List.of("sql")), rng), 1e-12);
        assertEquals(1.0 / 6, GenerativeModel.shapeGuess(new Question("f", "ordering", 3, 0, List.of("sql")), rng), 1e-12);
        assertEquals(0.02, GenerativeModel.shapeGuess(new Question("g", "ordering", 5, 0, List.of("sql")), rng), 1e-12);
        double text = GenerativeModel.shapeGuess(new Question("h", "short_text", 0, 0, List.of("sql")), rng);
        assertTrue(text >= 0.01 && text <= 0.02);
    }

    @Test
    void theTrueFrontierIsUnknownSkillsWithKnownPrerequisites() {
        boolean[] state = new boolean[DATA.skillCount()];
        state[DATA.index("programming-fundamentals")] = true;
        state[DATA.index("arrays")] = true;
        SimulatedLearner l = new SimulatedLearner("z", 0, 1, 0, 0, 0, state);
        SimulatedPopulation population = new SimulatedPopulation(DATA, "conjunctive", 1, 2);
        Set<String> frontier = new HashSet<>(population.trueFrontier(l));
        assertTrue(frontier.containsAll(List.of("java", "stacks", "queues", "hash-tables", "bubble-sort", "http", "html")));
        assertFalse(frontier.contains("arrays"));
        assertFalse(frontier.contains("binary-search"));   // needs big-o-notation too
        assertFalse(frontier.contains("graphs"));          // needs hash-tables
    }
}
