package dev.skillpath.skills.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NoisyAndTest {

    private static final double EXACT = 1e-12;

    /**
     * Brute force over the 2^k joint states of the tagged skills, each known independently with its prior: returns
     * {P(observed answer), P(skill 0 known ∧ answer), …, P(skill k−1 known ∧ answer)}.
     */
    private static double[] enumerate(double[] known, double guess, double slip, double compensation, boolean correct) {
        int k = known.length;
        double[] out = new double[k + 1];
        for (int state = 0; state < (1 << k); state++) {
            double p = 1;
            int m = 0;
            for (int i = 0; i < k; i++) {
                boolean ki = ((state >> i) & 1) == 1;
                p *= ki ? known[i] : 1 - known[i];
                m += ki ? 1 : 0;
            }
            // written out from the definition, not with NoisyAnd.emission
            double right = m == k ? 1 - slip : guess + compensation * ((double) m / k) * (1 - slip - guess);
            double like = p * (correct ? right : 1 - right);
            out[0] += like;
            for (int i = 0; i < k; i++) {
                if (((state >> i) & 1) == 1) {
                    out[i + 1] += like;
                }
            }
        }
        return out;
    }

    @Test
    void posteriorMarginalsAndProbabilityCorrectEqualBruteForceEnumerationOnRandomCases() {
        Random random = new Random(20240611L);
        int cases = 0;
        for (int c = 0; c < 400; c++) {
            int k = 1 + random.nextInt(6);
            double guess = 0.005 + 0.595 * random.nextDouble();
            double slip = 0.005 + 0.395 * random.nextDouble();
            // half the cases pure noisy-AND (the O(k) path), half with compensation (the Poisson–binomial path)
            double compensation = c % 2 == 0 ? 0 : NoisyAnd.MAX_COMPENSATION * random.nextDouble();
            double[] known = new double[k];
            for (int i = 0; i < k; i++) {
                double u = random.nextDouble();
                // some beliefs near certainty too
                known[i] = u < 0.1 ? 1e-4 * random.nextDouble() : u > 0.9 ? 1 - 1e-4 * random.nextDouble() : u;
            }
            for (boolean correct : new boolean[] {true, false}) {
                double[] brute = enumerate(known, guess, slip, compensation, correct);
                double pCorrect = enumerate(known, guess, slip, compensation, true)[0];
                assertEquals(pCorrect, NoisyAnd.probabilityCorrect(known, guess, slip, compensation), EXACT,
                        "P(correct), case " + c);
                double[] post = NoisyAnd.posterior(known, guess, slip, compensation, correct);
                for (int i = 0; i < k; i++) {
                    assertEquals(brute[i + 1] / brute[0], post[i], EXACT, "posterior of skill " + i + ", case " + c);
                    // and the two likelihoods it is built from: P(answer | i known) and P(answer | i not known)
                    double knownAndAnswer = known[i] * NoisyAnd.likelihoodKnown(known, i, guess, slip, compensation, correct);
                    double unknownAndAnswer = (1 - known[i])
                            * NoisyAnd.likelihoodUnknown(known, i, guess, slip, compensation, correct);
                    assertEquals(brute[i + 1], knownAndAnswer, EXACT);
                    assertEquals(brute[0] - brute[i + 1], unknownAndAnswer, EXACT);
                }
                cases++;
            }
        }
        assertEquals(800, cases);
    }

    @Test
    void workedTwoSkillCaseByHand() {
        // skills a and b, each known with 0.5; guess 0.25, slip 0.1
        // P(correct)            = P(both)·0.9 + (1 − P(both))·0.25 = 0.25·0.9 + 0.75·0.25 = 0.225 + 0.1875 = 0.4125
        // P(correct | a known)  = P(b)·0.9 + (1 − P(b))·0.25 = 0.45 + 0.125 = 0.575
        // P(a | correct)        = 0.5·0.575 / 0.4125 = 0.2875 / 0.4125 = 23/33 = 0.696969…
        // P(a | wrong)          = 0.5·(1 − 0.575) / (1 − 0.4125) = 0.2125 / 0.5875 = 17/47 = 0.361702…
        double[] known = {0.5, 0.5};
        assertEquals(0.4125, NoisyAnd.probabilityCorrect(known, 0.25, 0.1, 0), EXACT);
        assertEquals(0.575, NoisyAnd.likelihoodKnown(known, 0, 0.25, 0.1, 0, true), EXACT);
        assertEquals(0.25, NoisyAnd.likelihoodUnknown(known, 0, 0.25, 0.1, 0, true), EXACT);
        double[] right = NoisyAnd.posterior(known, 0.25, 0.1, 0, true);
        assertEquals(23.0 / 33, right[0], EXACT);
        assertEquals(23.0 / 33, right[1], EXACT);
        double[] wrong = NoisyAnd.posterior(known, 0.25, 0.1, 0, false);
        assertEquals(17.0 / 47, wrong[0], EXACT);
        assertEquals(17.0 / 47, wrong[1], EXACT);
    }

    @Test
    void workedTwoSkillCaseWithCompensationByHand() {
        // as above with c = 0.5: knowing one of the two tags is worth 0.5·(1/2)·(1 − 0.1 − 0.25) = 0.1625
        // P(correct | a known)   = P(b)·0.9 + (1 − P(b))·(0.25 + 0.1625) = 0.45 + 0.20625 = 0.65625
        // P(correct | a unknown) = P(b)·0.4125 + (1 − P(b))·0.25 = 0.20625 + 0.125 = 0.33125
        // P(correct)             = 0.5·0.65625 + 0.5·0.33125 = 0.49375
        // P(a | correct)         = 0.328125 / 0.49375 = 0.664556…: a right answer says less than without compensation
        double[] known = {0.5, 0.5};
        assertEquals(0.4125, NoisyAnd.emission(1, 2, 0.25, 0.1, 0.5), EXACT);
        assertEquals(0.25, NoisyAnd.emission(0, 2, 0.25, 0.1, 0.5), EXACT);
        assertEquals(0.9, NoisyAnd.emission(2, 2, 0.25, 0.1, 0.5), EXACT);
        assertEquals(0.65625, NoisyAnd.likelihoodKnown(known, 0, 0.25, 0.1, 0.5, true), EXACT);
        assertEquals(0.33125, NoisyAnd.likelihoodUnknown(known, 0, 0.25, 0.1, 0.5, true), EXACT);
        assertEquals(0.49375, NoisyAnd.probabilityCorrect(known, 0.25, 0.1, 0.5), EXACT);
        assertEquals(0.328125 / 0.49375, NoisyAnd.posterior(known, 0.25, 0.1, 0.5, true)[0], EXACT);
        // a question with one tag has nothing to compensate
        assertEquals(0.27 / 0.41, NoisyAnd.posterior(new double[] {0.3}, 0.2, 0.1, 0.5, true)[0], EXACT);
    }

    @Test
    void aSingleSkillIsPlainBayesWithGuessAndSlip() {
        // 0.3·0.9 / (0.3·0.9 + 0.7·0.2) = 0.27 / 0.41
        assertEquals(0.27 / 0.41, NoisyAnd.posterior(new double[] {0.3}, 0.2, 0.1, 0, true)[0], EXACT);
        // 0.3·0.1 / (0.3·0.1 + 0.7·0.8) = 0.03 / 0.59
        assertEquals(0.03 / 0.59, NoisyAnd.posterior(new double[] {0.3}, 0.2, 0.1, 0, false)[0], EXACT);
    }

    @Test
    void allKnownIsTheProductSkippingTheGivenIndex() {
        double[] known = {0.5, 0.4, 0.9};
        assertEquals(0.18, NoisyAnd.allKnown(known, -1), EXACT);
        assertEquals(0.36, NoisyAnd.allKnown(known, 0), EXACT);
        assertEquals(0.45, NoisyAnd.allKnown(known, 1), EXACT);
        assertEquals(0.2, NoisyAnd.allKnown(known, 2), EXACT);
        assertEquals(1.0, NoisyAnd.allKnown(new double[] {0.7}, 0), EXACT);
    }

    @Test
    void certainBeliefsStayCertain() {
        double[] post = NoisyAnd.posterior(new double[] {0.0, 1.0, 0.5}, 0.2, 0.1, 0, false);
        assertEquals(0.0, post[0], 0);
        assertEquals(1.0, post[1], 0);
        // b is known and a is not, so the answer is a guess: c learns nothing
        assertEquals(0.5, post[2], EXACT);
    }
}
