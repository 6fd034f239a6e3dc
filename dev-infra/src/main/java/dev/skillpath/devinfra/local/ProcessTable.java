package dev.skillpath.devinfra.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The few things the launcher asks the operating system about other processes. An interface so that the
 * stale-process logic can be tested without starting or killing anything.
 */
public interface ProcessTable {

    boolean isAlive(long pid);

    /** The process's command line with its arguments separated by spaces; empty if it is gone or unreadable. */
    Optional<String> commandLine(long pid);

    /** The process's current working directory; empty if it is gone or unreadable. */
    Optional<Path> workingDirectory(long pid);

    /** SIGTERM. */
    void terminate(long pid);

    /** SIGINT (PostgreSQL's "fast" shutdown: it disconnects its clients instead of waiting for them). */
    void interrupt(long pid);

    /** SIGKILL to the process and every process below it. */
    void killTree(long pid);

    /** The real table of this Linux machine, read from {@code /proc}. */
    static ProcessTable system() {
        return new LinuxProcessTable();
    }
}
