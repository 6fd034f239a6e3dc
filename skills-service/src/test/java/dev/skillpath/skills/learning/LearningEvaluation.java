package dev.skillpath.skills.learning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The evaluation of learner models on simulated learners whose true skill states are known; see
 * {@link SimulatedPopulation}, {@link GenerativeModel}, {@link Evaluation} and {@link LearningReport}. Run it with
 * {@code bench/learning}, which prints the Markdown report to stdout and writes it to bench/results/learning.md.
 * With {@code --practice} it runs the practice evaluation instead ({@link PracticeEvaluation}, {@link PracticeReport};
 * {@code bench/learning --practice} writes bench/results/learning-practice.md); with {@code --forgetting}, the forgetting
 * evaluation ({@link ForgettingEvaluation}, {@link ForgettingReport}; bench/results/learning-forgetting.md).
 *
 * <pre>
 * LearningEvaluation [--learners N] [--seed S] [--out FILE] [--estimators NAME,...] [--models conjunctive,compensatory]
 *                    [--behaviours mixed,diligent] [--particles N] [--catalogue FILE] [--quizzes FILE] [--bank DIR|none]
 *                    [--command TEXT]
 * LearningEvaluation --practice [--learners N] [--fit-learners N] [--cap N] [--seeds S,...] [--models ...]
 *                    [--particles N] [--catalogue FILE] [--quizzes FILE] [--bank DIR|none] [--out FILE] [--command TEXT]
 * LearningEvaluation --forgetting [--learners N] [--fit-learners N] [--cap N] [--seeds S,...] [--models ...]
 *                    [--laws exponential,power] [--half-life DAYS] [--catalogue FILE] [--quizzes FILE] [--bank DIR|none] [--out FILE] [--command TEXT]
 * </pre>
 */
public final class LearningEvaluation {

    /**
     * The estimators evaluated, in the report's order; each is built fresh, from the seed data, for every generative
     * model. percent-correct must stay (it is the reference of a threshold); the oracle is always added last.
     * PriorOnlyEstimator ignores every answer: it shows what a figure is worth without evidence.
     * To evaluate another model, add its constructor (taking a {@link SeedData}) here, e.g. {@code ModelEstimator::new}.
     */
    static final List<Function<SeedData, Estimator>> ESTIMATORS = List.of(
            PercentCorrectEstimator::new,
            OldModelEstimator::new,
            PriorOnlyEstimator::new,
            ModelEstimator::unfitted,
            ModelEstimator::new);

    static final int DEFAULT_LEARNERS = 600;
    static final long DEFAULT_SEED = 20250106L;

    /**
     * The run's settings. {@code estimators} empty means all of {@link #ESTIMATORS}. With {@code practice}:
     * {@code learners} practice learners per generative model and seed, after {@code fitLearners} learners' quizzes
     * fit the model, at most {@code cap} questions each; {@code seeds} the seeds run (by default the run's seed and
     * {@value PracticeEvaluation#SECOND_SEED}); the defaults of learners and particles are the practice run's. With
     * {@code forgetting}: the same, with the forgetting run's defaults of learners and fit learners, and {@code laws}
     * the true forgetting laws simulated (both by default), {@code halfLife} the median of their hidden half-lives
     * in days.
     */
    record Options(int learners, long seed, Path out, List<String> estimators, List<String> models,
                   List<SimulatedPopulation.Behaviour> behaviours, int particles, Path catalogue, Path quizzes,
                   String bank, String command, boolean practice, int fitLearners, int cap, List<Long> seeds,
                   boolean forgetting, List<ForgettingEvaluation.Law> laws, double halfLife) {

        static Options parse(String... args) {
            int learners = -1;
            long seed = DEFAULT_SEED;
            boolean practice = false;
            boolean forgetting = false;
            List<ForgettingEvaluation.Law> laws = List.of(ForgettingEvaluation.Law.values());
            double halfLife = ForgettingEvaluation.HALF_LIFE_MEDIAN_DAYS;
            int fitLearners = -1;
            int cap = PracticeEvaluation.CAP;
            List<Long> seeds = null;
            Path out = null;
            List<String> estimators = List.of();
            List<String> models = GenerativeModel.NAMES;
            List<SimulatedPopulation.Behaviour> behaviours = List.of(SimulatedPopulation.Behaviour.values());
            int particles = -1;
            Path catalogue = null;
            Path quizzes = null;
            String bank = null;
            String command = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--learners" -> learners = Integer.parseInt(value(args, ++i, a));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--estimators" -> estimators = list(value(args, ++i, a));
                    case "--models" -> models = list(value(args, ++i, a));
                    case "--behaviours" -> behaviours = list(value(args, ++i, a)).stream()
                            .map(SimulatedPopulation.Behaviour::of).toList();
                    case "--particles" -> {
                        particles = Integer.parseInt(value(args, ++i, a));
                        if (particles < 0) {
                            throw new IllegalArgumentException("--particles must be 0 (no Bayes ceiling) or more");
                        }
                    }
                    case "--catalogue" -> catalogue = Path.of(value(args, ++i, a));
                    case "--quizzes" -> quizzes = Path.of(value(args, ++i, a));
                    case "--bank" -> bank = value(args, ++i, a);
                    case "--practice" -> practice = true;
                    case "--forgetting" -> forgetting = true;
                    case "--half-life" -> halfLife = Double.parseDouble(value(args, ++i, a));
                    case "--laws" -> laws = list(value(args, ++i, a)).stream().map(Options::law).toList();
                    case "--fit-learners" -> fitLearners = Integer.parseInt(value(args, ++i, a));
                    case "--cap" -> cap = Integer.parseInt(value(args, ++i, a));
                    case "--seeds" -> seeds = list(value(args, ++i, a)).stream().map(Long::parseLong).toList();
                    case "--command" -> command = value(args, ++i, a);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (practice && forgetting) {
                throw new IllegalArgumentException("--practice and --forgetting are two runs; ask for one");
            }
            if (!(halfLife > 0) || Double.isInfinite(halfLife)) {
                throw new IllegalArgumentException("--half-life must be a positive number of days");
            }
            if (laws.isEmpty()) {
                throw new IllegalArgumentException("--laws needs at least one of exponential, power");
            }
            if (fitLearners < 0) {
                fitLearners = forgetting ? ForgettingEvaluation.DEFAULT_FIT_LEARNERS : PracticeEvaluation.DEFAULT_FIT_LEARNERS;
            }
            if (learners < 0) {
                learners = forgetting ? ForgettingEvaluation.DEFAULT_LEARNERS
                        : practice ? PracticeEvaluation.DEFAULT_LEARNERS : DEFAULT_LEARNERS;
            }
            if (particles < 0) {
                particles = practice ? PracticeEvaluation.DEFAULT_PARTICLES : BayesEstimator.DEFAULT_PARTICLES;
            }
            if (seeds == null) {
                seeds = (practice || forgetting) && seed != PracticeEvaluation.SECOND_SEED
                        ? List.of(seed, PracticeEvaluation.SECOND_SEED)
                        : List.of(seed);
            }
            if (learners < (practice || forgetting ? 1 : 2)) {
                throw new IllegalArgumentException(practice || forgetting ? "--learners must be at least 1"
                        : "--learners must be at least 2 (one per phase)");
            }
            if (fitLearners < 0 || cap < 1 || seeds.isEmpty()) {
                throw new IllegalArgumentException("--fit-learners must be 0 or more, --cap at least 1, --seeds not empty");
            }
            for (String m : models) {
                if (!GenerativeModel.NAMES.contains(m)) {
                    throw new IllegalArgumentException("unknown generative model " + m + " (one of " + GenerativeModel.NAMES + ")");
                }
            }
            if (command == null) {
                command = "LearningEvaluation " + String.join(" ", args);
            }
            if (behaviours.isEmpty()) {
                throw new IllegalArgumentException("--behaviours needs at least one of mixed, diligent");
            }
            return new Options(learners, seed, out, estimators, models, behaviours, particles, catalogue, quizzes, bank, command,
                    practice, fitLearners, cap, List.copyOf(seeds), forgetting, List.copyOf(laws), halfLife);
        }

        /** The seed data these options name: the default files, or those given; the bank beside quizzes.json unless --bank says. */
        SeedData data() {
            Path q = quizzes != null ? quizzes : SeedData.defaultQuizzes();
            Path b = bank == null ? SeedData.defaultBank(q) : bank.equals(SeedData.NO_BANK) ? null : Path.of(bank);
            return SeedData.load(catalogue != null ? catalogue : SeedData.defaultCatalogue(), q, b);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static ForgettingEvaluation.Law law(String label) {
            for (ForgettingEvaluation.Law l : ForgettingEvaluation.Law.values()) {
                if (l.label().equals(label)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown forgetting law " + label + " (exponential or power)");
        }

        private static List<String> list(String csv) {
            return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println("LearningEvaluation [--learners N] [--seed S] [--out FILE] [--estimators NAME,...] "
                    + "[--models " + String.join(",", GenerativeModel.NAMES) + "] [--behaviours mixed,diligent] [--particles N] "
                    + "[--catalogue FILE] [--quizzes FILE] [--bank DIR|none] [--command TEXT]");
            System.out.println("LearningEvaluation --practice [--learners N] [--fit-learners N] [--cap N] [--seeds S,...] "
                    + "[--models ...] [--particles N] [--catalogue FILE] [--quizzes FILE] [--bank DIR|none] [--out FILE]");
            System.out.println("LearningEvaluation --forgetting [--learners N] [--fit-learners N] [--cap N] [--seeds S,...] "
                    + "[--models ...] [--laws exponential,power] [--half-life DAYS] [--catalogue FILE] [--quizzes FILE] [--bank DIR|none] [--out FILE]");
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("learning: " + e.getMessage());
            System.exit(2);
            return;
        }
        String report = run(options, line -> System.err.println("learning: " + line));
        System.out.print(report);
        if (options.out() != null) {
            try {
                Path parent = options.out().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(options.out(), report, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + options.out(), e);
            }
            System.err.println("learning: wrote " + options.out());
        }
    }

    /** Runs every generative model and returns the Markdown report. */
    static String run(Options options, Consumer<String> progress) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        SeedData data = options.data();
        if (options.forgetting()) {
            List<ForgettingEvaluation.Result> results = new ArrayList<>();
            for (String model : options.models()) {
                for (long seed : options.seeds()) {
                    results.addAll(ForgettingEvaluation.run(data, model, seed, options.fitLearners(), options.learners(),
                            options.cap(), options.halfLife(), options.laws(), progress, r -> { }));
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept(String.format(Locale.ROOT, "done in %.1f s", took.toMillis() / 1000.0));
            return ForgettingReport.render(options, data, results, started, took);
        }
        if (options.practice()) {
            List<PracticeEvaluation.Result> results = new ArrayList<>();
            for (String model : options.models()) {
                for (long seed : options.seeds()) {
                    results.add(PracticeEvaluation.run(data, model, seed, options.fitLearners(), options.learners(),
                            options.cap(), options.particles(), PracticeEvaluation.POLICIES, progress));
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            progress.accept(String.format(Locale.ROOT, "done in %.1f s", took.toMillis() / 1000.0));
            return PracticeReport.render(options, data, results, started, took);
        }
        List<Function<SeedData, Estimator>> chosen = select(data, options.estimators());
        List<Evaluation.Result> results = new ArrayList<>();
        for (String model : options.models()) {
            for (SimulatedPopulation.Behaviour behaviour : options.behaviours()) {
                progress.accept(model + ", " + behaviour.label() + ": " + options.learners() + " learners, seed " + options.seed());
                results.add(Evaluation.run(data, model, behaviour, options.seed(), options.learners(), chosen,
                        options.particles(), progress));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        progress.accept(String.format(Locale.ROOT, "done in %.1f s", took.toMillis() / 1000.0));
        return LearningReport.render(options, data, results, started, took);
    }

    /** percent-correct always (the reference), then the estimators whose name matches one asked for (all when none is). */
    static List<Function<SeedData, Estimator>> select(SeedData data, List<String> wanted) {
        List<Function<SeedData, Estimator>> chosen = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Function<SeedData, Estimator> f : ESTIMATORS) {
            String name = f.apply(data).name();
            names.add(name);
            boolean asked = wanted.isEmpty() || name.equals(PercentCorrectEstimator.NAME)
                    || wanted.stream().anyMatch(w -> name.toLowerCase(Locale.ROOT).startsWith(w.toLowerCase(Locale.ROOT)));
            if (asked) {
                chosen.add(f);
            }
        }
        for (String w : wanted) {
            if (names.stream().noneMatch(n -> n.toLowerCase(Locale.ROOT).startsWith(w.toLowerCase(Locale.ROOT)))
                    && !OracleEstimator.NAME.startsWith(w) && !BayesEstimator.NAME.startsWith(w)) {
                throw new IllegalArgumentException("no estimator named " + w + " (there are " + names + ")");
            }
        }
        return chosen;
    }
}
