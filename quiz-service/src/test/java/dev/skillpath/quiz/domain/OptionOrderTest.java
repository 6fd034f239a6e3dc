package dev.skillpath.quiz.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The order an ordering question's items are shown in is uniformly random: every order, the correct one included,
 * with probability 1/n!. Shuffling "away from the correct order" (the old rule) never shows the correct order,
 * which a learner who retakes learns from, and gives a 2-item question away.
 *
 * <p>Each check draws the shown order {@code 1000 × n!} times (an expected 1000 per order) and computes Pearson's
 * chi-square statistic over the n! orders, with n! − 1 degrees of freedom. It fails when the statistic's p-value
 * (computed below, from the regularised incomplete gamma function) is under 1e-9: a uniform shuffle fails it once
 * in a billion runs. The old rule fails it beyond doubt: with 3 items the correct order's count is 0 against 1000
 * expected and each of the other five is 1200, a statistic of 1000 + 5 × 40 = 1200 (p ≈ 1e-257).
 */
class OptionOrderTest {

    static final double ALPHA = 1e-9;

    @Test
    void threeItemsAreShownInEachOfTheSixOrdersUniformlySeeded() {
        Random random = new Random(20260613L);
        checkUniform(3, () -> shown(3, random));
    }

    @Test
    void fourItemsAreShownInEachOfThe24OrdersUniformlySeeded() {
        Random random = new Random(13L);
        checkUniform(4, () -> shown(4, random));
    }

    @Test
    void theServicesOwnRandomSourceShufflesUniformlyToo() {
        checkUniform(3, () -> shown(3, null));
    }

    @Test
    void choiceOptionsAreShuffledOnlyWhenTheQuizSaysSo() {
        QuestionVersion v = version(QuestionType.SINGLE_CHOICE, 4);
        List<String> authored = List.of("i0", "i1", "i2", "i3");
        for (int i = 0; i < 100; i++) {
            assertEquals(authored, Attempts.optionOrder(v, false));
        }
        boolean moved = false;
        for (int i = 0; i < 100 && !moved; i++) {
            moved = !Attempts.optionOrder(v, true).equals(authored); // 1/24 per draw to stay: never 100 times
        }
        assertTrue(moved);
    }

    @Test
    void theBoundIsTheChiSquareQuantileItClaims() {
        // published quantiles: chi2(5) 0.95 → 11.0705, 0.999 → 20.5150; chi2(23) 0.95 → 35.1725
        assertEquals(0.05, survival(11.0705, 5), 1e-5);
        assertEquals(0.001, survival(20.5150, 5), 1e-6);
        assertEquals(0.05, survival(35.1725, 23), 1e-5);
        // the statistic the old rule gives 3 items (above) has no chance under a uniform shuffle
        assertTrue(survival(1200, 5) < 1e-200);
    }

    /**
     * Draws the shown order {@code 1000 × n!} times, requires every order (the correct one included) to come up,
     * and the chi-square statistic to have a p-value of at least {@link #ALPHA}.
     */
    private static void checkUniform(int n, Supplier<List<String>> draw) {
        int orders = factorial(n);
        int draws = 1000 * orders;
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(draw.get(), 1, Integer::sum);
        }
        List<String> correct = ids(n);
        assertTrue(counts.getOrDefault(correct, 0) > 0, "the correct order never came up in " + draws + " draws");
        assertEquals(orders, counts.size(), "orders seen: " + counts);
        double expected = draws / (double) orders;
        double chi2 = 0;
        for (int count : counts.values()) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        double p = survival(chi2, orders - 1);
        System.out.printf("ordering, %d items, %d draws: correct order %d times, chi-square %.2f (df %d), p = %.3g%n",
                n, draws, counts.get(correct), chi2, orders - 1, p);
        assertTrue(p >= ALPHA, "chi-square " + chi2 + " with " + (orders - 1) + " df: p = " + p + " < " + ALPHA
                + "; counts " + counts);
    }

    /** One shown order of an n-item ordering question; with the service's own random source when none is given. */
    private static List<String> shown(int n, Random random) {
        QuestionVersion v = version(QuestionType.ORDERING, n);
        return random == null ? Attempts.optionOrder(v, false) : Attempts.optionOrder(v, false, random);
    }

    static QuestionVersion version(QuestionType type, int n) {
        List<QuestionBody.Option> options = new ArrayList<>();
        for (String id : ids(n)) {
            options.add(new QuestionBody.Option(id, "item " + id,
                    type == QuestionType.ORDERING ? null : id.equals("i0"), null));
        }
        QuestionVersion v = new QuestionVersion();
        v.id = UUID.randomUUID();
        v.questionId = UUID.randomUUID();
        v.version = 1;
        v.type = type;
        v.points = 1;
        v.body = JsonColumns.write(new QuestionBody(options, null, null, null, null, null, null, null));
        return v;
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("i" + i);
        }
        return ids;
    }

    private static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }

    /**
     * P(X ≥ x) for X chi-square with df degrees of freedom: 1 − P(df/2, x/2), the regularised lower incomplete
     * gamma function by its series Σ e^−y y^(a+k) / Γ(a+k+1), which converges for every y (a few hundred terms
     * here). Precise to about 1e-15 absolute, plenty next to the 1e-9 bound; for a far tail it sums the upper
     * series' complement directly instead, so tiny p-values stay tiny rather than round to 0 − ε.
     */
    static double survival(double x, int df) {
        double a = df / 2.0;
        double y = x / 2.0;
        // log of the first term e^-y y^a / Γ(a+1)
        double logTerm = -y + a * Math.log(y) - logGamma(a + 1);
        double term = 1;
        double sum = 0;
        for (int k = 1; k < 100_000; k++) {
            sum += term;
            term *= y / (a + k);
            if (term < 1e-17 * sum) {
                break;
            }
        }
        double lower = Math.exp(logTerm + Math.log(sum));
        if (lower < 0.5) {
            return 1 - lower;
        }
        // far in the tail: 1 − lower loses everything; Q(a, y) ≈ e^-y y^(a-1) / Γ(a) · Σ (a-1)(a-2)…(a-k) / y^k
        // (asymptotic, used only when y is well past a, where it is accurate to far better than the bound)
        if (y > a + 40) {
            double s = 0;
            double t = 1;
            for (int k = 1; k < 60 && Math.abs(t) > 1e-17; k++) {
                s += t;
                t *= (a - k) / y;
            }
            return Math.exp(-y + (a - 1) * Math.log(y) - logGamma(a) + Math.log(s));
        }
        return Math.max(0, 1 - lower);
    }

    /** ln Γ(z) for z a positive multiple of 1/2: exact from Γ(1) = 1 and Γ(1/2) = √π by Γ(z+1) = zΓ(z). */
    static double logGamma(double z) {
        double log = 0;
        double w = z;
        while (w > 1) {
            w -= 1;
            log += Math.log(w);
        }
        return w == 1 ? log : log + 0.5 * Math.log(Math.PI);
    }
}
