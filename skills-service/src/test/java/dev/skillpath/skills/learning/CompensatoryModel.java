package dev.skillpath.skills.learning;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * IRT-like and compensatory: P(correct) = g_i + (1 − g_i)·σ(a_i·(θ + β·f − b_i)), f the fraction of the tagged
 * skills the learner knows. Knowing some of the tags helps; the person parameter θ matters too, but less than β.
 */
final class CompensatoryModel implements GenerativeModel {

    static final String NAME = "compensatory";
    static final double BETA_MIN = 3.5;
    static final double BETA_MAX = 5.0;
    static final double DISCRIMINATION_MIN = 0.8;
    static final double DISCRIMINATION_MAX = 1.8;
    /** b_i = β · U(these): a learner who knows every tag is well above the item's difficulty, one who knows none well below. */
    static final double DIFFICULTY_SHARE_MIN = 0.35;
    static final double DIFFICULTY_SHARE_MAX = 0.6;

    private final double beta;
    private final Map<String, double[]> items = new HashMap<>();   // key -> {g, a, b}

    CompensatoryModel(SeedData data, SplittableRandom rng) {
        beta = rng.nextDouble(BETA_MIN, BETA_MAX);
        for (Question q : data.questions().values()) {
            double g = GenerativeModel.shapeGuess(q, rng);
            double a = rng.nextDouble(DISCRIMINATION_MIN, DISCRIMINATION_MAX);
            double b = beta * rng.nextDouble(DIFFICULTY_SHARE_MIN, DIFFICULTY_SHARE_MAX);
            items.put(q.key(), new double[] {g, a, b});
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "compensatory IRT: P(correct) = g_i + (1 − g_i)·σ(a_i·(θ + β·f − b_i)), f = fraction of tagged skills known; "
                        + "β = %.3f drawn from %s; a_i ~ %s; b_i = β·%s; θ = %s·(%s·ability + %.3f·z), z ~ N(0, 1); "
                        + "g_i from the question's shape as in the conjunctive model",
                beta, GenerativeModel.range(BETA_MIN, BETA_MAX), GenerativeModel.range(DISCRIMINATION_MIN, DISCRIMINATION_MAX),
                GenerativeModel.range(DIFFICULTY_SHARE_MIN, DIFFICULTY_SHARE_MAX), SimulatedPopulation.THETA_SD,
                SimulatedPopulation.THETA_ABILITY_CORRELATION,
                Math.sqrt(1 - SimulatedPopulation.THETA_ABILITY_CORRELATION * SimulatedPopulation.THETA_ABILITY_CORRELATION));
    }

    @Override
    public double guess(Question question) {
        return items.get(question.key())[0];
    }

    @Override
    public double probabilityCorrect(Question question, int knownTags, double theta) {
        double[] p = items.get(question.key());
        double f = knownTags / (double) question.skills().size();
        double z = p[1] * (theta + beta * f - p[2]);
        return p[0] + (1 - p[0]) / (1 + Math.exp(-z));
    }
}
