package dev.skillpath.quiz.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The running sums of one item over first attempts, from which its facility and discrimination follow without the
 * attempts themselves: n, Σ fraction, and Σx, Σx², Σy, Σy², Σxy with x = the question's score and y = the rest of
 * the attempt's score. Sums add up (over attempts, over a question's versions), so the figures of any set of
 * attempts are those of {@link ItemStatistics#analyse} over the same set (LiveItemStatisticsTest compares them).
 *
 * <p>Every value is {@linkplain #exact(double) rounded to 12 decimals} and summed exactly (BigDecimal here,
 * {@code numeric} in the database), so no sum drifts with the number of attempts and a side that does not vary has a
 * variance of exactly 0 (where the reference, in doubles, meets rounding noise below its 1e-12 cut).
 */
public record ItemSums(long n, BigDecimal fraction, BigDecimal x, BigDecimal xx, BigDecimal y, BigDecimal yy,
        BigDecimal xy) {

    /** A flag needs this many counted first attempts: below it the figures are noise (docs/quiz.md). */
    public static final int MIN_ATTEMPTS_TO_FLAG = 30;

    public static final ItemSums NONE = new ItemSums(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    private static final MathContext DOUBLE_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    /**
     * One attempt's observation of the item.
     *
     * @param score the question's score in the attempt, rounded with {@link #exact(double)}
     * @param rest  the attempt's total of rounded scores minus {@code score}
     */
    public static ItemSums of(BigDecimal fraction, BigDecimal score, BigDecimal rest) {
        return new ItemSums(1, fraction, score, score.multiply(score), rest, rest.multiply(rest), score.multiply(rest));
    }

    /**
     * A double as the sums hold it: 15 significant digits (what PostgreSQL's float8-to-numeric cast keeps, so the
     * migration's backfill rounds as the service does), then 12 decimals.
     */
    public static BigDecimal exact(double value) {
        if (value == 0) {
            return BigDecimal.ZERO.setScale(12);
        }
        return new BigDecimal(value).round(DOUBLE_DIGITS).setScale(12, RoundingMode.HALF_UP);
    }

    public ItemSums plus(ItemSums o) {
        return new ItemSums(n + o.n, fraction.add(o.fraction), x.add(o.x), xx.add(o.xx), y.add(o.y), yy.add(o.yy),
                xy.add(o.xy));
    }

    /** Mean fraction of the points earned, 0..1, rounded to 4 decimals; null without attempts. */
    public Double facility() {
        return n == 0 ? null : ItemStatistics.round(fraction.doubleValue() / n);
    }

    /**
     * Pearson's item–rest correlation, unrounded; null with fewer than two attempts or when either side does not
     * vary (its sum of squared deviations below 1e-12, as in {@link ItemStatistics#correlation}).
     */
    public Double discrimination() {
        if (n < 2) {
            return null;
        }
        BigDecimal count = BigDecimal.valueOf(n);
        // n·S(dx²) = nΣx² − (Σx)², exactly; likewise for y and the cross term
        BigDecimal sxx = count.multiply(xx).subtract(x.multiply(x));
        BigDecimal syy = count.multiply(yy).subtract(y.multiply(y));
        BigDecimal sxy = count.multiply(xy).subtract(x.multiply(y));
        if (sxx.doubleValue() / n < 1e-12 || syy.doubleValue() / n < 1e-12) {
            return null;
        }
        return sxy.doubleValue() / Math.sqrt(sxx.doubleValue() * syy.doubleValue());
    }

    /** Discrimination rounded to 4 decimals, as the statistics show it. */
    public Double roundedDiscrimination() {
        Double d = discrimination();
        return d == null ? null : ItemStatistics.round(d);
    }

    /** {@code too-easy}, {@code too-hard}, {@code poor-discrimination}: the thresholds of {@link ItemStatistics}. */
    public List<String> flags() {
        return ItemStatistics.flags(facility(), discrimination());
    }

    /** The flags that raise a question version's flag: {@link #flags()} once there are enough attempts, else none. */
    public List<String> flagReasons() {
        return n >= MIN_ATTEMPTS_TO_FLAG ? flags() : List.of();
    }
}
