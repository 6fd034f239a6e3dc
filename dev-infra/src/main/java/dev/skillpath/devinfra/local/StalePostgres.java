package dev.skillpath.devinfra.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds and stops a PostgreSQL server that an earlier launcher left running on the launcher's data folder
 * (the launcher JVM was {@code kill -9}ed, so its shutdown hook never ran), and removes a stale
 * {@code postmaster.pid}.
 *
 * <p>Candidates are the pid the launcher recorded and the pid in the data folder's {@code postmaster.pid}. A
 * candidate is stopped only if it is alive, its command line names {@code postgres}, and it runs on this data
 * folder (its working directory, which PostgreSQL sets to its data folder, or its command line says so). Any
 * other process is left alone: a pid can be reused, and other developers' tests run their own PostgreSQL
 * servers on the same machine.
 *
 * <p>Stopping is SIGTERM, then SIGINT (PostgreSQL's fast shutdown, which does not wait for connected clients),
 * then SIGKILL to the server and its backends.
 */
public final class StalePostgres {

    /** Something that waits; a test passes one that only advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ProcessTable processes;
    private final Duration gracePerSignal;
    private final Duration pollInterval;
    private final Sleeper sleeper;

    public StalePostgres(ProcessTable processes, Duration gracePerSignal, Duration pollInterval, Sleeper sleeper) {
        this.processes = processes;
        this.gracePerSignal = gracePerSignal;
        this.pollInterval = pollInterval;
        this.sleeper = sleeper;
    }

    public static StalePostgres forThisMachine() {
        return new StalePostgres(ProcessTable.system(), Duration.ofSeconds(10), Duration.ofMillis(100),
                d -> Thread.sleep(d.toMillis()));
    }

    /**
     * Cleans up after an earlier run on {@code dataDir}. {@code recordedPidFile} is the launcher's own record of
     * the postmaster pid; it is removed afterwards. Returns one line per action taken, for the console.
     *
     * @throws IllegalStateException if a stale server would not stop even after SIGKILL
     */
    public List<String> clean(Path dataDir, Path recordedPidFile) {
        List<String> actions = new ArrayList<>();
        Path postmasterPid = dataDir.resolve("postmaster.pid");
        Set<Long> candidates = new LinkedHashSet<>();
        PidFile.read(recordedPidFile).ifPresent(candidates::add);
        PidFile.read(postmasterPid).ifPresent(candidates::add);

        for (long pid : candidates) {
            if (isPostgresOn(pid, dataDir)) {
                stop(pid);
                actions.add("stopped a stale PostgreSQL (pid " + pid + ") left running by an earlier run");
            }
        }
        OptionalLong recorded = PidFile.read(postmasterPid);
        if (Files.exists(postmasterPid) && (recorded.isEmpty() || !isPostgresOn(recorded.getAsLong(), dataDir))) {
            PidFile.delete(postmasterPid);
            actions.add("removed a stale " + postmasterPid);
        }
        PidFile.delete(recordedPidFile);
        return actions;
    }

    /** True if {@code pid} is a live PostgreSQL process serving {@code dataDir}. */
    public boolean isPostgresOn(long pid, Path dataDir) {
        if (!processes.isAlive(pid)) {
            return false;
        }
        Optional<String> cmd = processes.commandLine(pid);
        if (cmd.isEmpty() || !cmd.get().contains("postgres")) {
            return false;
        }
        Path want = normalize(dataDir);
        Optional<Path> cwd = processes.workingDirectory(pid).map(StalePostgres::normalize);
        return cwd.map(want::equals).orElse(false) || cmd.get().contains(want.toString());
    }

    private void stop(long pid) {
        processes.terminate(pid);
        if (awaitExit(pid)) {
            return;
        }
        processes.interrupt(pid);
        if (awaitExit(pid)) {
            return;
        }
        processes.killTree(pid);
        if (!awaitExit(pid)) {
            throw new IllegalStateException("PostgreSQL pid " + pid + " did not stop, even after SIGKILL");
        }
    }

    private boolean awaitExit(long pid) {
        long waited = 0;
        long limit = gracePerSignal.toMillis();
        while (processes.isAlive(pid)) {
            if (waited >= limit) {
                return false;
            }
            try {
                sleeper.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !processes.isAlive(pid);
            }
            waited += pollInterval.toMillis();
        }
        return true;
    }

    private static Path normalize(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return abs;
        }
    }
}
