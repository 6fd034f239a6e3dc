import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.skillpath.skills.domain.SkillGraph;

/**
 * Scenario 5b: how skills-service's {@code SkillGraph} grows with the catalogue. For each size, a generated
 * {@code requires} DAG like a catalogue's (each skill requires 1-3 skills among the 200 before it, so paths are long),
 * ordered as the service orders it (level, then slug). Times what a path or frontier request does after loading
 * the catalogue: build the graph, {@code pathTo} the last skill with nothing mastered, {@code frontier} with the
 * first 30 % mastered. Each figure is the median of repeated calls after a warm-up.
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -cp skills-service/target/classes bench/driver/GraphGrowth.java 100 1000 10000
 * </pre>
 */
public class GraphGrowth {

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {100, 1000, 10000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            Random random = new Random(n);
            List<UUID> skills = new ArrayList<>(n);
            Map<UUID, String> key = new HashMap<>();
            String[] levels = {"0-foundation", "1-intermediate", "2-advanced"};
            for (int i = 0; i < n; i++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                skills.add(id);
                key.put(id, levels[Math.min(2, 3 * i / n)] + "/skill-" + i);
            }
            List<Map.Entry<UUID, UUID>> edges = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                int k = 1 + random.nextInt(3);
                for (int e = 0; e < k; e++) {
                    int j = Math.max(0, i - 1 - random.nextInt(Math.min(i, 200)));
                    edges.add(Map.entry(skills.get(i), skills.get(j)));
                }
            }
            Comparator<UUID> order = Comparator.comparing(key::get);
            Set<UUID> mastered = new HashSet<>(skills.subList(0, (int) (0.3 * n)));
            UUID target = skills.get(n - 1);
            SkillGraph<UUID> graph = new SkillGraph<>(skills, edges, order);

            double build = time(() -> new SkillGraph<>(skills, edges, order));
            double path = time(() -> graph.pathTo(target, Set.of()));
            double frontier = time(() -> graph.frontier(mastered));
            System.out.printf(Locale.ROOT, "RESULT skills=%d edges=%d path_len=%d frontier_len=%d build_ms=%.4f"
                            + " path_ms=%.4f frontier_ms=%.4f%n", n, edges.size(), graph.pathTo(target, Set.of()).size(),
                    graph.frontier(mastered).size(), build, path, frontier);
        }
    }

    static Object sink;

    /** Median milliseconds per call: warm up for a second, then batches of calls for about a second. */
    static double time(Supplier<Object> op) {
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            sink = op.get();
        }
        List<Double> samples = new ArrayList<>();
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end || samples.size() < 5) {
            long t0 = System.nanoTime();
            sink = op.get();
            samples.add((System.nanoTime() - t0) / 1e6);
        }
        samples.sort(null);
        return samples.get(samples.size() / 2);
    }
}
