package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.skills.domain.KnowledgeTracing;
import dev.skillpath.skills.domain.model.AnsweredQuestion;
import dev.skillpath.skills.domain.model.EvidenceEvent;
import dev.skillpath.skills.domain.model.Frontier;
import dev.skillpath.skills.domain.model.ItemKey;
import dev.skillpath.skills.domain.model.ItemParameters;
import dev.skillpath.skills.domain.model.LearnerModel;
import dev.skillpath.skills.domain.model.LearnerState;
import dev.skillpath.skills.domain.model.ModelFitter;
import dev.skillpath.skills.domain.model.ModelGraph;
import dev.skillpath.skills.domain.model.ModelParameters;

/**
 * Skillpath's learner model, run by the harness through the same domain classes the service's consumer, replay and
 * fit use: each graded attempt becomes the event the consumer would build from {@code quiz.attempt.graded.v2}
 * (question id and version, type and shape, tags), applied to the learner's state; {@link #refit()} is the service's
 * refit (EM over every stored history, then a replay of every learner).
 */
final class ModelEstimator implements Estimator {

    private final SeedData data;
    private final ModelGraph<String> graph;
    private final String name;
    private final boolean fits;
    private ModelParameters<String> parameters;
    private ModelFitter.Fit<String> lastFit;
    private final Map<String, List<EvidenceEvent>> histories = new LinkedHashMap<>();
    private final Map<String, LearnerState> states = new HashMap<>();
    private final Map<String, LearnerModel.Estimates> estimates = new HashMap<>();

    ModelEstimator(SeedData data) {
        this(data, true);
    }

    ModelEstimator(SeedData data, boolean fits) {
        this.data = data;
        this.fits = fits;
        this.name = fits ? "learner model" : "learner model, unfitted";
        List<Map.Entry<String, String>> edges = new ArrayList<>();
        for (String s : data.skills()) {
            for (String p : data.prerequisites(s)) {
                edges.add(Map.entry(s, p));
            }
        }
        graph = new ModelGraph<>(data.skills(), edges);
        KnowledgeTracing[] defaults = new KnowledgeTracing[graph.size()];
        java.util.Arrays.fill(defaults, KnowledgeTracing.DEFAULTS);
        parameters = new ModelParameters<>(graph, defaults, ModelParameters.DEFAULT_LEAK, Map.of());
    }

    static ModelEstimator unfitted(SeedData data) {
        return new ModelEstimator(data, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void graded(String learner, List<Observation> answers, Instant at) {
        List<AnsweredQuestion> event = new ArrayList<>();
        for (Observation o : answers) {
            event.add(answered(o.question(), o.correct()));
        }
        EvidenceEvent e = EvidenceEvent.attempt(event);
        histories.computeIfAbsent(learner, k -> new ArrayList<>()).add(e);
        parameters.apply(state(learner), e, 0, LearnerModel.Steps.NONE);
        estimates.remove(learner);
    }

    /**
     * One practice answer (issue #15): graded at once, so the event the consumer builds from
     * {@code quiz.practice.answered.v1}, an attempt of one answer, one observation then a learning opportunity for
     * the question's skills. Applied from the estimates already computed for the pick; not kept for a refit.
     */
    void practised(String learner, Question question, boolean correct) {
        EvidenceEvent e = EvidenceEvent.attempt(List.of(answered(question, correct)));
        parameters.apply(state(learner), estimates(learner), e, 0, LearnerModel.Steps.NONE, (i, known) -> { });
        estimates.remove(learner);
    }

    ModelGraph<String> graph() {
        return graph;
    }

    /** Every skill's P(known) now, by the graph's skill order (the catalogue's). */
    double[] knownNow(String learner) {
        return estimates(learner).known();
    }

    /** The question's parameters in force: fitted when the last fit had its answers, else its shape's starting ones. */
    ItemParameters item(Question question) {
        return parameters.item(answered(question, false));
    }

    /** The question's fitted parameters, as the fit's item.fitted events carry them; null when the fit had no answer on it. */
    ItemParameters fittedItem(Question question) {
        return parameters.fittedItems().get(answered(question, false).item());
    }

    /**
     * Gives {@code to} a copy of {@code from}'s state (its evidence per skill and the counts), so that two runs can
     * go on from the same point (the forgetting evaluation's two policies); {@code to}'s own state is replaced. The
     * history kept for a refit is not copied.
     */
    void copy(String from, String to) {
        LearnerState source = state(from);
        LearnerState copy = parameters.model().fresh();
        for (int i = 0; i < source.size(); i++) {
            copy.restore(i, source.evidence(i), source.observations(i), source.correctAnswers(i), source.learningSteps(i));
        }
        states.put(to, copy);
        estimates.remove(to);
    }

    /**
     * P(a right answer to the question) with {@code known} in place of the learner's estimates of the skills (by the
     * graph's order), everything else as {@link #predictCorrect(String, Question)} has it: the same emission, the
     * question's parameters in force and the learner's ability. The forgetting evaluation passes the decayed
     * estimates.
     */
    double predictCorrect(String learner, Question question, double[] known) {
        LearnerModel.Estimates now = estimates(learner);
        if (known.length != now.known().length) {
            throw new IllegalArgumentException("one estimate per skill, " + now.known().length + ", not " + known.length);
        }
        AnsweredQuestion a = answered(question, false);
        return parameters.model().probabilityCorrect(new LearnerModel.Estimates(known, now.weights(), now.byAbility()),
                a.tags(), parameters.item(a));
    }

    /** Drops everything about the learner (a practice run is done with them). */
    void forget(String learner) {
        histories.remove(learner);
        states.remove(learner);
        estimates.remove(learner);
    }

    /** The question version's id as the model keys it. */
    static UUID questionId(Question q) {
        return UUID.nameUUIDFromBytes(q.key().getBytes());
    }

    private AnsweredQuestion answered(Question q, boolean correct) {
        int[] tags = q.skills().stream().mapToInt(graph::indexOf).toArray();
        return new AnsweredQuestion(new ItemKey(questionId(q), 1),
                new QuestionShape(q.type(), q.options(), q.correctOptions()), tags, correct);
    }

    private LearnerState state(String learner) {
        return states.computeIfAbsent(learner, k -> parameters.model().fresh());
    }

    private LearnerModel.Estimates estimates(String learner) {
        return estimates.computeIfAbsent(learner, k -> parameters.model().estimate(state(learner)));
    }

    @Override
    public double known(String learner, String skill) {
        return estimates(learner).known(graph.indexOf(skill));
    }

    @Override
    public double predictCorrect(String learner, Question question) {
        AnsweredQuestion a = answered(question, false);
        return parameters.model().probabilityCorrect(estimates(learner), a.tags(), parameters.item(a));
    }

    @Override
    public boolean mastered(String learner, String skill) {
        return KnowledgeTracing.isMastered(known(learner, skill));
    }

    @Override
    public List<String> frontier(String learner) {
        return Frontier.of(graph, estimates(learner).known(), Integer::compare).ready().stream()
                .map(e -> graph.skill(e.skill())).toList();
    }

    @Override
    public String fitted() {
        if (!fits || lastFit == null) {
            return "";
        }
        ModelParameters<String> p = lastFit.parameters();
        return String.format(java.util.Locale.ROOT, "leak %.3f, ability spread %.3f, compensation %.3f, ability effect %.3f"
                + " (%d iterations)", p.leak(), p.abilitySpread(), p.compensation(), p.abilityEffect(), lastFit.iterations());
    }

    @Override
    public void refit() {
        if (!fits) {
            return;
        }
        KnowledgeTracing[] defaults = new KnowledgeTracing[graph.size()];
        java.util.Arrays.fill(defaults, KnowledgeTracing.DEFAULTS);
        ModelParameters<String> start = new ModelParameters<>(graph, defaults, ModelParameters.DEFAULT_LEAK, Map.of());
        ModelFitter.Fit<String> fit = new ModelFitter<String>().fit(start, new ArrayList<>(histories.values()));
        parameters = fit.parameters();
        lastFit = fit;
        if (Boolean.getBoolean("learning.debug")) {
            System.err.printf("fit: %d iterations, leak %.3f, spread %.3f, compensation %.3f, ability effect %.3f, ll %.1f%n", fit.iterations(), parameters.leak(), parameters.abilitySpread(), parameters.compensation(), parameters.abilityEffect(), fit.logLikelihood());
            for (int i = 0; i < graph.size(); i++) {
                System.err.printf("  %-34s %s obs %d%n", graph.skill(i), parameters.skill(i), fit.observationsPerSkill()[i]);
            }
        }
        states.clear();
        estimates.clear();
        for (Map.Entry<String, List<EvidenceEvent>> h : histories.entrySet()) {
            LearnerState s = state(h.getKey());
            for (EvidenceEvent e : h.getValue()) {
                parameters.apply(s, e, 0, LearnerModel.Steps.NONE);
            }
        }
    }
}
