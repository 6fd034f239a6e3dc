package dev.skillpath.skills.domain.model;

/**
 * The emission of a question tagged with several skills. At its core the conjunctive (noisy-AND, "DINA") model: it
 * is answered right with probability 1 − slip when every tagged skill is known, and with the guess rate when none is
 * (Junker &amp; Sijtsma 2001). Between the two, a learner who knows m of the k tags is answered right with
 * {@code guess + c·(m/k)·(1 − slip − guess)}: c, the <em>compensation</em>, is the share of the way from guessing to
 * knowing that each known tag buys (0: pure noisy-AND, where knowing some tags is worth nothing; near 1: a
 * compensatory item, where every tag counts for its share). c is fitted from the population's answers (EM); it is 0
 * until the first fit, and for data that are conjunctive the fit keeps it near 0.
 *
 * <p>With independent beliefs about the tagged skills, each skill's posterior marginal is exact: knowing (or not)
 * skill i, the answer depends on how many of the others are known, whose distribution is the Poisson–binomial of
 * their beliefs (O(k²)); with c = 0 only "all the others" matters, their product (O(k)). That is what exact
 * enumeration of the 2^k joint states gives.
 */
public final class NoisyAnd {

    public static final double MAX_COMPENSATION = 0.9;

    private NoisyAnd() {
    }

    /** P(a right answer) when {@code known} of the {@code tags} tagged skills are known. */
    public static double emission(int known, int tags, double guess, double slip, double compensation) {
        if (known >= tags) {
            return 1 - slip;
        }
        return guess + compensation * known / tags * (1 - slip - guess);
    }

    /** P(all the given skills are known), skipping index {@code except} (−1 for none). */
    public static double allKnown(double[] known, int except) {
        double p = 1;
        for (int i = 0; i < known.length; i++) {
            if (i != except) {
                p *= known[i];
            }
        }
        return p;
    }

    /** The distribution of how many of the skills are known (skipping {@code except}), each with its belief. */
    public static double[] knownCount(double[] known, int except) {
        double[] p = new double[known.length + 1];
        p[0] = 1;
        int n = 0;
        for (int i = 0; i < known.length; i++) {
            if (i == except) {
                continue;
            }
            for (int m = n + 1; m > 0; m--) {
                p[m] = p[m] * (1 - known[i]) + p[m - 1] * known[i];
            }
            p[0] *= 1 - known[i];
            n++;
        }
        return p;
    }

    /** P(a right answer) when each tagged skill is known with the given probability. */
    public static double probabilityCorrect(double[] known, double guess, double slip, double compensation) {
        if (compensation == 0) {
            double all = allKnown(known, -1);
            return all * (1 - slip) + (1 - all) * guess;
        }
        double[] count = knownCount(known, -1);
        double right = 0;
        for (int m = 0; m <= known.length; m++) {
            right += count[m] * emission(m, known.length, guess, slip, compensation);
        }
        return right;
    }

    /** P(the observed answer | skill i known), the others as believed. */
    public static double likelihoodKnown(double[] known, int i, double guess, double slip, double compensation,
            boolean correct) {
        return likelihood(known, i, true, guess, slip, compensation, correct);
    }

    /** P(the observed answer | skill i not known), the others as believed (without compensation: the guess rate). */
    public static double likelihoodUnknown(double[] known, int i, double guess, double slip, double compensation,
            boolean correct) {
        return likelihood(known, i, false, guess, slip, compensation, correct);
    }

    private static double likelihood(double[] known, int i, boolean iKnown, double guess, double slip,
            double compensation, boolean correct) {
        double right;
        if (compensation == 0 || known.length == 1) {
            if (!iKnown) {
                right = guess;
            } else {
                double others = allKnown(known, i);
                right = others * (1 - slip) + (1 - others) * guess;
            }
        } else {
            double[] count = knownCount(known, i);
            right = 0;
            for (int m = 0; m < known.length; m++) {
                right += count[m] * emission(m + (iKnown ? 1 : 0), known.length, guess, slip, compensation);
            }
        }
        return correct ? right : 1 - right;
    }

    /** The posterior marginal of every tagged skill after one answer. */
    public static double[] posterior(double[] known, double guess, double slip, double compensation, boolean correct) {
        double[] post = new double[known.length];
        for (int i = 0; i < known.length; i++) {
            double k = known[i] * likelihoodKnown(known, i, guess, slip, compensation, correct);
            double u = (1 - known[i]) * likelihoodUnknown(known, i, guess, slip, compensation, correct);
            post[i] = k + u == 0 ? known[i] : k / (k + u);
        }
        return post;
    }
}
