package dev.skillpath.devinfra.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.skillpath.devinfra.KafkaBroker;
import dev.skillpath.devinfra.PostgresServer;

/**
 * The local infrastructure as one process: a real Kafka broker (KRaft) on 127.0.0.1:9092 (controller 9093)
 * and a real PostgreSQL 15 on 127.0.0.1:15432 with the databases {@code content}, {@code skills} and
 * {@code quiz}, data kept between runs. {@code ./skillpath up} starts it; it can also be run alone:
 *
 * <pre>java -cp dev-infra/target/dev-infra-0.1.0-SNAPSHOT.jar:dev-infra/target/lib/* dev.skillpath.devinfra.local.DevInfraMain</pre>
 *
 * <p>It prints {@code dev-infra ready: ...} once both answer, and stops Kafka, then PostgreSQL, on SIGTERM or
 * SIGINT. Before starting it cleans what a {@code kill -9}ed earlier run left behind (see {@link StalePostgres}
 * and {@link FileLocks}). Exit codes: 0 stopped by a signal, 1 could not start, 2 a port or the data folder is
 * in use, or bad arguments.
 */
public final class DevInfraMain {

    static final int EXIT_FAILED = 1;
    static final int EXIT_IN_USE = 2;

    private final LocalConfig config;
    private final ProcessTable processes;
    private final StalePostgres stalePostgres;
    private final PrintStream out;
    private final long myPid = ProcessHandle.current().pid();
    private final Object lifecycle = new Object();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile KafkaBroker kafka;
    private volatile PostgresServer postgres;

    DevInfraMain(LocalConfig config, ProcessTable processes, StalePostgres stalePostgres, PrintStream out) {
        this.config = config;
        this.processes = processes;
        this.stalePostgres = stalePostgres;
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        quietLogging();
        LocalConfig config;
        try {
            config = LocalConfig.from(args, System.getenv(), Path.of(""));
        } catch (LocalConfig.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("dev-infra: " + e.getMessage());
            }
            System.err.println(LocalConfig.USAGE);
            System.exit(EXIT_IN_USE);
            return;
        }
        DevInfraMain main = new DevInfraMain(config, ProcessTable.system(), StalePostgres.forThisMachine(), System.out);
        int code = main.start();
        if (code != 0) {
            System.exit(code); // the shutdown hook, if already registered, stops whatever did start
        }
        new CountDownLatch(1).await(); // until SIGTERM/SIGINT runs the shutdown hook
    }

    /**
     * slf4j-simple is the binding on the launcher's class path (an optional dependency, so it never reaches the
     * services' tests). Kafka and zonky log at WARN unless the command line says otherwise with
     * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=info}. Runs before the first logger is created.
     */
    static void quietLogging() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        // warns on every orderly broker shutdown ("already been closed"); real trouble is logged at ERROR
        setDefault("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Checks, cleans up, starts both servers. Returns 0 when both are ready, else the exit code. */
    int start() {
        say("data in " + config.dataDir() + ", pid files in " + config.runDir());
        int problem = preflight();
        if (problem != 0) {
            return problem;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "dev-infra-shutdown"));
        PidFile.write(config.launcherPidFile(), myPid);
        synchronized (lifecycle) {
            if (stopping.get()) {
                return EXIT_FAILED;
            }
            // Both at once: each spends much of its start waiting, which the other can use.
            CompletableFuture<Void> pg = CompletableFuture.runAsync(this::startPostgres);
            RuntimeException failure = null;
            try {
                long t0 = System.nanoTime();
                kafka = new KafkaBroker(config.kafkaDir(), config.kafkaPort(), config.controllerPort());
                kafka.start();
                say("kafka up in " + millis(t0) + " ms");
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                pg.join();
            } catch (CompletionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            if (failure != null) {
                System.err.println("dev-infra: could not start: " + failure.getMessage());
                return EXIT_FAILED; // the shutdown hook stops whichever of the two did start
            }
            if (stopping.get()) {
                return EXIT_FAILED;
            }
            out.println("dev-infra ready: kafka " + config.host() + ":" + config.kafkaPort() + ", postgres "
                    + config.host() + ":" + config.postgresPort());
            out.flush();
            return 0;
        }
    }

    private void startPostgres() {
        long t0 = System.nanoTime();
        postgres = PostgresServer.persistent(config.postgresPort(), config.postgresDir(), false);
        long postmaster = PidFile.read(config.postgresDir().resolve("postmaster.pid")).orElse(postgres.pid());
        PidFile.write(config.postgresPidFile(), postmaster);
        for (String db : config.databases()) {
            postgres.ensureDatabase(db);
        }
        say("postgres up (pid " + postmaster + ") in " + millis(t0) + " ms, databases " + config.databases());
    }

    /**
     * Refuses to start over a live owner of the same data or ports (exit 2), and cleans what a dead one left.
     * Returns 0 when it is safe to start.
     */
    int preflight() {
        OptionalLong previous = PidFile.read(config.launcherPidFile());
        if (previous.isPresent() && previous.getAsLong() != myPid && isLauncher(previous.getAsLong())) {
            System.err.println("dev-infra: already running (pid " + previous.getAsLong() + "). Stop it with "
                    + "`./skillpath down` (or `kill " + previous.getAsLong() + "`) before starting another.");
            return EXIT_IN_USE;
        }
        if (previous.isPresent()) {
            PidFile.delete(config.launcherPidFile());
        }
        for (Path lock : List.of(config.kafkaDir().resolve(".lock"), config.postgresDir().resolve("epg-lock"))) {
            FileLocks.State state = FileLocks.removeIfStale(lock);
            if (state == FileLocks.State.HELD) {
                System.err.println("dev-infra: " + lock + " is locked by a running process: another dev-infra uses "
                        + config.dataDir() + ". Stop it first (`./skillpath down`), or give this one another "
                        + "--data-dir.");
                return EXIT_IN_USE;
            }
            if (state == FileLocks.State.STALE && lock.startsWith(config.kafkaDir())) {
                // Kafka deletes its .lock on a clean stop, so one found here means an earlier run died;
                // zonky's epg-lock stays behind even after a clean stop, so that one is removed silently
                say("removed a stale lock file " + lock);
            }
        }
        try {
            stalePostgres.clean(config.postgresDir(), config.postgresPidFile()).forEach(this::say);
        } catch (IllegalStateException e) {
            System.err.println("dev-infra: " + e.getMessage());
            return EXIT_FAILED;
        }
        List<Integer> busy = Ports.busy(config.host(), config.kafkaPort(), config.controllerPort(), config.postgresPort());
        for (int port : busy) {
            String what = port == config.kafkaPort() ? "Kafka" : port == config.controllerPort() ? "Kafka controller" : "PostgreSQL";
            System.err.println("dev-infra: " + Ports.advice(config.host(), port, what));
        }
        return busy.isEmpty() ? 0 : EXIT_IN_USE;
    }

    /** The shutdown hook: Kafka first, then PostgreSQL, then make sure no postgres process is left. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        synchronized (lifecycle) { // waits for a start in progress, so nothing it starts is missed
            say("stopping: kafka, then postgres");
            if (kafka != null) {
                try {
                    kafka.stop();
                } catch (RuntimeException e) {
                    System.err.println("dev-infra: Kafka did not stop cleanly: " + e.getMessage());
                }
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (RuntimeException e) {
                    System.err.println("dev-infra: PostgreSQL did not stop cleanly: " + e.getMessage());
                }
            }
            try {
                // close() normally leaves nothing; this catches a failed close or a start interrupted half way
                stalePostgres.clean(config.postgresDir(), config.postgresPidFile()).forEach(this::say);
            } catch (RuntimeException e) {
                System.err.println("dev-infra: " + e.getMessage());
            }
            PidFile.deleteIfOwnedBy(config.launcherPidFile(), myPid);
            say("stopped");
        }
    }

    private boolean isLauncher(long pid) {
        Optional<String> cmd = processes.isAlive(pid) ? processes.commandLine(pid) : Optional.empty();
        return cmd.map(c -> c.contains(DevInfraMain.class.getName())).orElse(false);
    }

    private void say(String line) {
        out.println("dev-infra: " + line);
        out.flush();
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
