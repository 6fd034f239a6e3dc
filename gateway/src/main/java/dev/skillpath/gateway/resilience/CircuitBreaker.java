package dev.skillpath.gateway.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one upstream: closed (calls pass, outcomes counted over the latest
 * {@code window} calls), open (calls refused at once for {@code openFor}), half-open (one probe
 * passes; its success closes the breaker, its failure opens it again).
 *
 * <p>A call asks {@link #acquire()} for a permit and reports its outcome with that permit. A permit
 * from before the last change of state is ignored, so a slow call that started before the breaker
 * opened cannot close it again, nor be mistaken for the half-open probe.
 *
 * <p>What counts as a failure is the caller's decision: for the gateway, a connection error, a timeout
 * or a 5xx answer. A 4xx (404 included) is an answer and counts as a success.
 */
public final class CircuitBreaker {

    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        /** The value of the state gauge. */
        public final int gauge;

        State(int gauge) {
            this.gauge = gauge;
        }
    }

    /** The refusal of a call: no permit. */
    public static final long DENIED = -1;

    public record Settings(int window, int minimumCalls, double failureRatio, Duration openFor) {
        public Settings {
            if (window < 1) {
                throw new IllegalArgumentException("circuit-breaker.window must be at least 1");
            }
            if (minimumCalls < 1 || minimumCalls > window) {
                throw new IllegalArgumentException("circuit-breaker.minimum-calls must be between 1 and the window");
            }
            if (!(failureRatio > 0 && failureRatio <= 1)) {
                throw new IllegalArgumentException("circuit-breaker.failure-ratio must be above 0 and at most 1");
            }
            if (openFor.isNegative() || openFor.isZero()) {
                throw new IllegalArgumentException("circuit-breaker.open-for must be positive");
            }
        }
    }

    private final Settings settings;
    private final long openForNanos;
    private final LongSupplier nanoClock;

    // Guarded by this. The ring holds the latest outcomes (true = failure).
    private final boolean[] ring;
    private int recorded;
    private int next;
    private int failures;
    private State state = State.CLOSED;
    private long openedAt;
    private boolean probeInFlight;
    private long generation;

    public CircuitBreaker(Settings settings) {
        this(settings, System::nanoTime);
    }

    public CircuitBreaker(Settings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.openForNanos = settings.openFor().toNanos();
        this.nanoClock = nanoClock;
        this.ring = new boolean[settings.window()];
    }

    /** A permit for one call, or {@link #DENIED} while the breaker is open (or its probe is out). */
    public synchronized long acquire() {
        if (state == State.OPEN) {
            if (nanoClock.getAsLong() - openedAt < openForNanos) {
                return DENIED;
            }
            transition(State.HALF_OPEN);
        }
        if (state == State.HALF_OPEN) {
            if (probeInFlight) {
                return DENIED;
            }
            probeInFlight = true;
        }
        return generation;
    }

    public synchronized void onSuccess(long permit) {
        if (permit != generation) {
            return;
        }
        if (state == State.HALF_OPEN) {
            transition(State.CLOSED);
            return;
        }
        if (state == State.CLOSED) {
            record(false);
        }
    }

    public synchronized void onFailure(long permit) {
        if (permit != generation) {
            return;
        }
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        if (state == State.CLOSED) {
            record(true);
            if (recorded >= settings.minimumCalls() && failures >= settings.failureRatio() * recorded) {
                open();
            }
        }
    }

    /**
     * The upstream reports itself ready again (its health check answered 2xx) while the breaker is open: the next
     * call goes through as the half-open probe now instead of after the rest of {@code openFor}. Its outcome decides,
     * as for any probe: a success closes the breaker, a failure opens it for a full {@code openFor} again. Returns
     * whether the breaker was open.
     */
    public synchronized boolean readyAgain() {
        if (state != State.OPEN || nanoClock.getAsLong() - openedAt >= openForNanos) {
            return false; // closed, already half-open, or open-for has passed anyway
        }
        transition(State.HALF_OPEN);
        return true;
    }

    /** The call ended without telling anything about the upstream (e.g. the client went away). */
    public synchronized void onIgnored(long permit) {
        if (permit == generation && state == State.HALF_OPEN) {
            probeInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openForNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long a refused caller should wait before trying again, at least one second. */
    public synchronized long retryAfterSeconds() {
        long remaining = state == State.OPEN ? openForNanos - (nanoClock.getAsLong() - openedAt) : 0;
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }

    private void record(boolean failure) {
        if (recorded == ring.length) {
            if (ring[next]) {
                failures--;
            }
        } else {
            recorded++;
        }
        ring[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % ring.length;
    }

    private void open() {
        transition(State.OPEN);
        openedAt = nanoClock.getAsLong();
    }

    private void transition(State to) {
        state = to;
        generation++;
        probeInFlight = false;
        recorded = 0;
        next = 0;
        failures = 0;
        java.util.Arrays.fill(ring, false);
    }
}
