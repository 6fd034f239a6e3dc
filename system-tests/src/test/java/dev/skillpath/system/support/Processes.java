package dev.skillpath.system.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending a process of the system under test: the two ways the tests need, shared by services and the broker. */
final class Processes {

    private Processes() {
    }

    /** SIGTERM (its own orderly shutdown), then SIGKILL if it has not exited within {@code grace}. */
    static void terminate(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code kill -9}: no shutdown hook, no graceful close of anything; returns once it is gone (10 s at most). */
    static void kill(Process process) {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
