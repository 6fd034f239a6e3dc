package dev.skillpath.skills.domain;

/**
 * Bayesian Knowledge Tracing for one (learner, skill): the probability L that the learner knows the skill,
 * updated by evidence.
 *
 * <pre>
 * P(correct) = L(1−S) + (1−L)G
 * after a correct answer  L ← L(1−S) / (L(1−S) + (1−L)G)
 * after a wrong answer    L ← LS / (LS + (1−L)(1−G))
 * then                    L ← L + (1−L)T          (the chance of learning from the practice itself)
 * </pre>
 *
 * A lesson completion is a learning step without an observation: only {@code L ← L + (1−L)T}.
 *
 * @param prior   P(L0), the probability of knowing the skill before any evidence
 * @param learn   T, the probability of learning the skill at an opportunity
 * @param guess   G, the probability of a correct answer without knowing the skill
 * @param slip    S, the probability of a wrong answer while knowing the skill
 */
public record KnowledgeTracing(double prior, double learn, double guess, double slip) {

    /** Skillpath's defaults: prior 0.2, T 0.1, G 0.2, S 0.1. */
    public static final KnowledgeTracing DEFAULTS = new KnowledgeTracing(0.2, 0.1, 0.2, 0.1);

    /** A learner has mastered a skill when L reaches this. */
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

    /** The probability of answering correctly given L. */
    public double probabilityCorrect(double knowing) {
        return knowing * (1 - slip) + (1 - knowing) * guess;
    }

    /** L after one graded answer (the posterior, then the learning transition). */
    public double observe(double knowing, boolean correct) {
        requireProbability("L", knowing, true);
        double posterior;
        if (correct) {
            double evidence = knowing * (1 - slip);
            posterior = evidence / (evidence + (1 - knowing) * guess);
        } else {
            double evidence = knowing * slip;
            posterior = evidence / (evidence + (1 - knowing) * (1 - guess));
        }
        return learningStep(posterior);
    }

    /** L after a learning opportunity that gave no observation, such as finishing a lesson. */
    public double learningStep(double knowing) {
        requireProbability("L", knowing, true);
        return clamp(knowing + (1 - knowing) * learn);
    }

    public static boolean isMastered(double knowing) {
        return knowing >= MASTERY_THRESHOLD;
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    private static void requireProbability(String name, double p, boolean closed) {
        boolean ok = closed ? p >= 0 && p <= 1 : p > 0 && p < 1;
        if (Double.isNaN(p) || !ok) {
            throw new IllegalArgumentException(name + " must be a probability " + (closed ? "in [0, 1]" : "in (0, 1)")
                    + ", was " + p);
        }
    }
}
