package dev.skillpath.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an earlier run left behind when its JVM was killed before it could stop the system (a SIGKILL skips
 * shutdown hooks): service processes and PostgreSQL servers. Each is recognised by its pid <em>and</em> its command
 * line (this checkout's jar, or this module's data folder), so another developer's process is never touched.
 */
final class Leftovers {

    private final Path pidFile;

    Leftovers(Path target) {
        this.pidFile = target.resolve("system-pids.txt");
    }

    /** Remembers a started process: its pid and the text its command line must contain to be ours. */
    synchronized void remember(long pid, String marker) {
        try {
            Files.writeString(pidFile, pid + "\t" + marker + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            SystemUnderTest.log("cannot record pid %d: %s", pid, e.getMessage());
        }
    }

    /** Everything was stopped: nothing to remember. */
    synchronized void forget() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // harmless: the next run checks each pid's command line before stopping anything
        }
    }

    /** Stops what an earlier, killed run left running, and removes its data folders. */
    void clean(Path target) {
        if (Files.exists(pidFile)) {
            try {
                for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                    String[] parts = line.split("\t", 2);
                    if (parts.length == 2) {
                        stopIfOurs(Long.parseLong(parts[0].trim()), parts[1]);
                    }
                }
                Files.delete(pidFile);
            } catch (IOException | NumberFormatException e) {
                SystemUnderTest.log("cannot read %s: %s", pidFile, e.getMessage());
            }
        }
        try (Stream<Path> runs = Files.list(target)) {
            for (Path run : runs.filter(p -> p.getFileName().toString().startsWith("system-run-")).toList()) {
                try (Stream<Path> dirs = Files.list(run)) {
                    for (Path pg : dirs.filter(p -> p.getFileName().toString().startsWith("pg-")).toList()) {
                        Path postmaster = pg.resolve("postmaster.pid");
                        if (Files.exists(postmaster)) {
                            List<String> lines = Files.readAllLines(postmaster, StandardCharsets.UTF_8);
                            if (!lines.isEmpty()) {
                                stopIfOurs(Long.parseLong(lines.get(0).trim()), pg.toAbsolutePath().toString());
                            }
                        }
                    }
                }
                try (Stream<Path> walk = Files.walk(run)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException | NumberFormatException e) {
            SystemUnderTest.log("cannot clean earlier runs in %s: %s", target, e.getMessage());
        }
    }

    private static void stopIfOurs(long pid, String marker) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return;
        }
        String cmdline;
        try {
            cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return; // not Linux, or gone: leave it alone
        }
        if (!cmdline.contains(marker)) {
            return;
        }
        SystemUnderTest.log("stopping pid %d left by an earlier run: %s", pid, cmdline.strip());
        handle.get().destroy();
        try {
            handle.get().onExit().get(Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
    }
}
