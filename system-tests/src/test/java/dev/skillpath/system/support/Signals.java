package dev.skillpath.system.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals to processes of the system under test: {@code SIGSTOP} freezes a process the way a hung host or a
 * long GC pause does (its sockets stay open, the kernel still accepts connections for it, nothing answers), and
 * {@code SIGCONT} lets it go on as if nothing happened.
 */
public final class Signals {

    private Signals() {
    }

    /** Freezes the processes, in the order given. */
    public static void stop(List<Long> pids) {
        send("STOP", pids);
    }

    /** Lets frozen processes run again, in the order given. */
    public static void resume(List<Long> pids) {
        send("CONT", pids);
    }

    /** A process and all its descendants, the parent first (a frozen parent can start no new child). */
    public static List<Long> withDescendants(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private static void send(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> command.add(Long.toString(p)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pids + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
