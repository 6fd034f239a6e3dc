package dev.skillpath.skills.domain.model;

import java.util.Map;

import dev.skillpath.skills.domain.KnowledgeTracing;

/**
 * One complete set of the learner model's parameters: per skill (prior, learn, guess, slip), the leak, the spread of
 * learners' general ability, the emission's compensation and ability effect, and the
 * fitted parameters of the questions that have data. A question without fitted values gets starting values from its
 * shape and its skills ({@link ItemParameters#starting}). Immutable; a refit makes a new one.
 */
public final class ModelParameters<S> {

    /** P(known | a required prerequisite not known), before any fit. */
    public static final double DEFAULT_LEAK = 0.02;
    public static final double MIN_LEAK = 0.002;
    public static final double MAX_LEAK = 0.2;
    /** The spread of learners' general ability (logit scale) before any fit, and its bounds. */
    public static final double DEFAULT_ABILITY_SPREAD = 1.0;
    public static final double MIN_ABILITY_SPREAD = 0.1;
    public static final double MAX_ABILITY_SPREAD = 2.5;

    private final LearnerModel<S> model;
    private final double leak;
    private final Map<ItemKey, ItemParameters> items;

    public ModelParameters(ModelGraph<S> graph, KnowledgeTracing[] skills, double leak, Map<ItemKey, ItemParameters> items) {
        this(graph, skills, leak, DEFAULT_ABILITY_SPREAD, items);
    }

    public ModelParameters(ModelGraph<S> graph, KnowledgeTracing[] skills, double leak, double abilitySpread,
            Map<ItemKey, ItemParameters> items) {
        this(graph, skills, leak, abilitySpread, 0, 0, items);
    }

    /** With the emission's fitted compensation and ability effect ({@link LearnerModel}); both 0 before any fit. */
    public ModelParameters(ModelGraph<S> graph, KnowledgeTracing[] skills, double leak, double abilitySpread,
            double compensation, double abilityEffect, Map<ItemKey, ItemParameters> items) {
        this.model = new LearnerModel<>(graph, skills, leak, abilitySpread, compensation, abilityEffect);
        this.leak = leak;
        this.items = Map.copyOf(items);
    }

    public LearnerModel<S> model() {
        return model;
    }

    public ModelGraph<S> graph() {
        return model.graph();
    }

    public KnowledgeTracing skill(int i) {
        return model.parameters(i);
    }

    public double leak() {
        return leak;
    }

    public double abilitySpread() {
        return model.abilitySpread();
    }

    public double compensation() {
        return model.compensation();
    }

    public double abilityEffect() {
        return model.abilityEffect();
    }

    public Map<ItemKey, ItemParameters> fittedItems() {
        return items;
    }

    /** The question's fitted parameters, or its starting ones. */
    public ItemParameters item(AnsweredQuestion a) {
        ItemParameters fitted = a.item() == null ? null : items.get(a.item());
        return fitted != null ? fitted : starting(a);
    }

    /** Starting values: the shape's guess (the skills' guess when the shape is unknown), the skills' slip. */
    public ItemParameters starting(AnsweredQuestion a) {
        double guess = 0;
        double slip = 0;
        int n = 0;
        for (int t : LearnerModel.distinct(a.tags())) {
            guess += skill(t).guess();
            slip += skill(t).slip();
            n++;
        }
        KnowledgeTracing d = KnowledgeTracing.DEFAULTS;
        return ItemParameters.starting(a.shape(), n == 0 ? d.guess() : guess / n, n == 0 ? d.slip() : slip / n);
    }

    /** The question's parameters as they are for the learner of these estimates (their ability). */
    public ItemParameters forThem(LearnerModel.Estimates before, AnsweredQuestion a) {
        return model.forLearner(before, item(a));
    }

    /** Applies one event to a learner's state. {@code firstAnswer} numbers the event's answers for {@code steps}. */
    public void apply(LearnerState state, EvidenceEvent event, int firstAnswer, LearnerModel.Steps steps) {
        apply(state, model.estimate(state), event, firstAnswer, steps, (i, known) -> { });
    }

    /** Told, after each answer of an event, every skill's P(known) as the event has it so far. */
    public interface AfterAnswer {
        void answered(int position, double[] known);
    }

    /**
     * Applies one event, given the estimates before it. Within the event the graph is held as it was: each answer
     * updates the skills it is about (the beliefs about a question's other tags, and the prerequisites that gate
     * learning, are the event's running view); the next full estimate carries the event to the rest of the graph.
     * Answers within one attempt are graded together, so this is also the better model of the attempt, and it keeps
     * one graph inference per event.
     */
    public void apply(LearnerState state, LearnerModel.Estimates before, EvidenceEvent event, int firstAnswer,
            LearnerModel.Steps steps, AfterAnswer afterAnswer) {
        double[] known = before.known().clone();
        if (event.isLesson()) {
            model.learn(state, event.lessonSkills(), true, steps, known);
            return;
        }
        int number = firstAnswer;
        java.util.LinkedHashSet<Integer> practised = new java.util.LinkedHashSet<>();
        for (AnsweredQuestion a : event.answers()) {
            model.answer(state, a.tags(), forThem(before, a), a.correct(), number++, steps, known);
            for (int t : a.tags()) {
                if (t >= 0) {
                    practised.add(t);
                    known[t] = model.knownLocally(before, t, state.evidence(t));
                }
            }
            afterAnswer.answered(number - firstAnswer - 1, known);
        }
        model.learn(state, practised.stream().mapToInt(Integer::intValue).toArray(), false, steps, known);
    }
}
