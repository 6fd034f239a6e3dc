package dev.skillpath.skills.domain.model;

/**
 * The conjunctive (noisy-AND, "DINA") emission of a question tagged with several skills: it is answered right with
 * probability 1 − slip when every tagged skill is known, and with the guess rate otherwise (Junker &amp; Sijtsma
 * 2001). With independent beliefs about the tagged skills, the posterior marginal of each has a closed form:
 * knowing skill s, the answer depends on whether all the others are known too, whose probability is the product of
 * their beliefs. That is what exact enumeration of the 2^k joint states gives, in O(k).
 */
public final class NoisyAnd {

    private NoisyAnd() {
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

    /** P(a right answer) when each tagged skill is known with the given probability. */
    public static double probabilityCorrect(double[] known, double guess, double slip) {
        double all = allKnown(known, -1);
        return all * (1 - slip) + (1 - all) * guess;
    }

    /** P(the observed answer | skill i known), the others as believed. */
    public static double likelihoodKnown(double[] known, int i, double guess, double slip, boolean correct) {
        double others = allKnown(known, i);
        double right = others * (1 - slip) + (1 - others) * guess;
        return correct ? right : 1 - right;
    }

    /** P(the observed answer | skill i not known): the guess rate, whatever the others. */
    public static double likelihoodUnknown(double guess, boolean correct) {
        return correct ? guess : 1 - guess;
    }

    /** The posterior marginal of every tagged skill after one answer. */
    public static double[] posterior(double[] known, double guess, double slip, boolean correct) {
        double[] post = new double[known.length];
        for (int i = 0; i < known.length; i++) {
            double k = known[i] * likelihoodKnown(known, i, guess, slip, correct);
            double u = (1 - known[i]) * likelihoodUnknown(guess, correct);
            post[i] = k + u == 0 ? known[i] : k / (k + u);
        }
        return post;
    }
}
