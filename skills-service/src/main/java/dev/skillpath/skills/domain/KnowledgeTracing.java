package dev.skillpath.skills.domain;

/**
 * A skill's Bayesian Knowledge Tracing parameters (Corbett &amp; Anderson 1994), as the learner model uses them
 * (docs/learning.md):
 *
 * @param prior P(the learner knew the skill before any evidence | they knew its required prerequisites)
 * @param learn T, the probability of learning the skill at an opportunity (a graded attempt on it, a lesson)
 * @param guess G, the skill's guess rate: the starting guess of a question whose type is not known
 * @param slip  S, the skill's slip rate: the starting slip of its questions
 */
public record KnowledgeTracing(double prior, double learn, double guess, double slip) {

    /** Skillpath's defaults before any fit: prior 0.5 (given the prerequisites), T 0.1, G 0.2, S 0.1. */
    public static final KnowledgeTracing DEFAULTS = new KnowledgeTracing(0.5, 0.1, 0.2, 0.1);

    /** A learner has mastered a skill when P(known) reaches this. */
    public static final double MASTERY_THRESHOLD = 0.95;

    public KnowledgeTracing {
        requireProbability("prior", prior, true);
        requireProbability("learn", learn, true);
        // G and S at 0 or 1 make an observation divide by zero or say nothing; and G + S < 1 keeps a correct
        // answer evidence for knowing the skill rather than against it
        requireProbability("guess", guess, false);
        requireProbability("slip", slip, false);
        if (guess + slip >= 1) {
            throw new IllegalArgumentException("guess + slip must be below 1, or a correct answer would count against knowing");
        }
    }

    public static boolean isMastered(double knowing) {
        return knowing >= MASTERY_THRESHOLD;
    }

    private static void requireProbability(String name, double p, boolean closed) {
        boolean ok = closed ? p >= 0 && p <= 1 : p > 0 && p < 1;
        if (Double.isNaN(p) || !ok) {
            throw new IllegalArgumentException(name + " must be a probability " + (closed ? "in [0, 1]" : "in (0, 1)")
                    + ", was " + p);
        }
    }
}
