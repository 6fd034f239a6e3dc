import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import dev.skillpath.platform.learning.PracticePicker;
import dev.skillpath.platform.learning.PracticePicker.Candidate;

/**
 * The practice picker alone (issue #15): {@link PracticePicker#pick} over N in-memory candidates, as quiz-service
 * calls it once the candidate query has answered, so bench/run can show how much of {@code GET .../next} is the
 * picker and how much SQL and HTTP. Candidates like the bench pool's: true/false (guess 0.5, slip 0.1), each tagged
 * with the target skill and, for a third of them, one more skill; a tenth seen by the learner two days ago (old
 * enough to be given); the session has given 50 of them. Fixed seed.
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp platform/target/classes bench/driver/PickerBench.java 100 1000
 * </pre>
 *
 * Prints one {@code RESULT candidates=N picks=K p50_us= p99_us= max_us=} line per size: each pick timed alone
 * (System.nanoTime around the call), after a warm-up of as many picks.
 */
public class PickerBench {

    public static void main(String[] args) {
        int picks = Integer.getInteger("picks", 20_000);
        for (String a : args.length == 0 ? new String[] {"100", "1000"} : args) {
            run(Integer.parseInt(a), picks);
        }
    }

    static void run(int n, int picks) {
        Random random = new Random(42);
        UUID target = new UUID(random.nextLong(), random.nextLong());
        UUID other = new UUID(random.nextLong(), random.nextLong());
        Instant now = Instant.now();
        List<Candidate> candidates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<UUID> skills = i % 3 == 0 ? List.of(target, other) : List.of(target);
            Instant seen = i % 10 == 0 ? now.minus(Duration.ofDays(2)) : null;
            candidates.add(new Candidate(new UUID(random.nextLong(), random.nextLong()),
                    new UUID(random.nextLong(), random.nextLong()), skills, 0.5, 0.1, Double.NaN, seen));
        }
        Set<UUID> given = new HashSet<>();
        for (int i = 0; i < Math.min(50, n / 2); i++) {
            given.add(candidates.get(i * 2).questionId());
        }
        Map<UUID, Double> estimates = new HashMap<>(Map.of(target, 0.55, other, 0.8));
        PracticePicker.Context context = new PracticePicker.Context(Set.of(target), estimates, 0.5, Set.of(), given,
                now, Duration.ofDays(1), PracticePicker.TARGET_CHANCE);
        long sink = 0;
        for (int i = 0; i < picks; i++) { // warm-up: the same work, not timed
            sink += PracticePicker.pick(candidates, context).pick().get().question().questionId().hashCode();
        }
        long[] nanos = new long[picks];
        for (int i = 0; i < picks; i++) {
            long t0 = System.nanoTime();
            PracticePicker.Result r = PracticePicker.pick(candidates, context);
            nanos[i] = System.nanoTime() - t0;
            sink += r.pick().get().question().questionId().hashCode();
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "RESULT candidates=%d picks=%d p50_us=%.1f p99_us=%.1f max_us=%.1f sink=%d%n", n,
                picks, pct(nanos, 50) / 1e3, pct(nanos, 99) / 1e3, nanos[nanos.length - 1] / 1e3, sink & 1);
    }

    static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
