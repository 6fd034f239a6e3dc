package dev.skillpath.system.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline: the only way these tests wait for something (never a fixed sleep as an assertion). */
public final class Waits {

    private Waits() {
    }

    /** Polls {@code condition} every {@code every} until it holds; false when {@code timeout} passed first. */
    public static boolean until(BooleanSupplier condition, Duration timeout, Duration every) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not there yet (a connection refused, a service still starting): poll again
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(every);
        }
    }

    /** Like {@link #until} but fails with {@code what} when the deadline passes. */
    public static void require(String what, BooleanSupplier condition, Duration timeout) {
        if (!until(condition, timeout, Duration.ofMillis(250))) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /** Polls {@code value} until {@code done} accepts it; returns the last value seen either way. */
    public static <T> T poll(Supplier<T> value, java.util.function.Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (true) {
            try {
                last = value.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                // poll again
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            pause(Duration.ofMillis(300));
        }
    }

    /** A pause between two polls. */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
