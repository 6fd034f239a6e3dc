package dev.skillpath.events.consumer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps one handler's consumer loop alive: a loop that dies (any {@link Throwable}: a bug, an error of the client, an
 * {@link Error}) is logged and started again, on a new Kafka consumer, after a pause that doubles from
 * {@code restart-backoff} up to a minute (and starts again from the bottom once a loop has run for five minutes).
 * It also says how the loop is doing, for readiness and metrics: its state, when it last made progress (a loop whose
 * last sign of life is older than {@code stall-timeout} is stalled), and its lag, which outlives every restart.
 */
final class ConsumerSupervisor implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerSupervisor.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(5);

    enum State {
        /** Waiting for the broker or joining the group. */
        STARTING,
        /** Polling and applying. */
        RUNNING,
        /** The loop died; waiting to start it again. */
        RESTARTING,
        /** Stopped with the service. */
        STOPPED
    }

    /** What a consumer loop tells its supervisor while it runs. */
    interface Progress {
        /** The loop is alive and doing something (polled, applied a record, waited for the broker on purpose). */
        void alive();

        /** The loop polls: from now on it is running. */
        void running();

        /** Records behind the end of the partitions it owns, after a poll. */
        void lag(long records);
    }

    /** The consumer loop the supervisor starts and restarts. */
    interface Loop extends Runnable {
        void stop();
    }

    private final String group;
    private final Supplier<Loop> loops;
    private final Duration restartBackoff;
    private final long stallNanos;
    private final AtomicLong lag = new AtomicLong();
    private final Counter restarts;
    private volatile State state = State.STARTING;
    private volatile long lastAliveNanos = System.nanoTime();
    private volatile boolean stopped;
    private volatile Loop current;
    private final Object sleeper = new Object();

    /**
     * @param loops makes a new loop (with a new Kafka consumer) for each start; it is given this supervisor's
     *              {@link #progress()}
     */
    ConsumerSupervisor(String group, Supplier<Loop> loops, Duration restartBackoff, Duration stallTimeout,
            MeterRegistry registry) {
        this.group = group;
        this.loops = loops;
        this.restartBackoff = restartBackoff;
        this.stallNanos = stallTimeout.toNanos();
        this.restarts = registry.counter("skillpath.events.consumer.restarts", "group", group);
        Gauge.builder("skillpath.events.consumer.lag", lag, AtomicLong::get).tag("group", group)
                .description("records the consumer group's loop in this replica is behind on the partitions it owns")
                .register(registry);
        Gauge.builder("skillpath.events.consumer.up", this, s -> s.healthy() ? 1 : 0).tag("group", group)
                .description("1 while the consumer loop is running and making progress, else 0").register(registry);
    }

    /** What the loops report to. */
    Progress progress() {
        return new Progress() {
            @Override
            public void alive() {
                lastAliveNanos = System.nanoTime();
            }

            @Override
            public void running() {
                lastAliveNanos = System.nanoTime();
                if (!stopped) {
                    state = State.RUNNING;
                }
            }

            @Override
            public void lag(long records) {
                lag.set(records);
            }
        };
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopped) {
            state = State.STARTING;
            lastAliveNanos = System.nanoTime();
            long started = System.nanoTime();
            Throwable death = null;
            try {
                current = loops.get();
                current.run();
            } catch (Throwable t) {
                death = t;
            }
            if (stopped) {
                break;
            }
            state = State.RESTARTING;
            restarts.increment();
            failures = System.nanoTime() - started > HEALTHY_RUN.toNanos() ? 1 : failures + 1;
            Duration pause = restartBackoff.multipliedBy(1L << Math.min(failures - 1, 16));
            if (pause.compareTo(MAX_BACKOFF) > 0) {
                pause = MAX_BACKOFF;
            }
            LOG.errorf(death, "consumer %s died%s; starting it again in %d ms (restart %d)", group,
                    death == null ? " (its loop ended)" : "", pause.toMillis(), (long) restarts.count());
            sleep(pause);
        }
        state = State.STOPPED;
    }

    void stop() {
        stopped = true;
        Loop loop = current;
        if (loop != null) {
            loop.stop();
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    String group() {
        return group;
    }

    State state() {
        return state;
    }

    long lag() {
        return lag.get();
    }

    long restarts() {
        return (long) restarts.count();
    }

    /** Seconds since the loop last showed progress. */
    long silentSeconds() {
        return Duration.ofNanos(System.nanoTime() - lastAliveNanos).toSeconds();
    }

    boolean stalled() {
        return System.nanoTime() - lastAliveNanos > stallNanos;
    }

    /** Running and not stalled: what readiness asks of every consumer. */
    boolean healthy() {
        return state == State.RUNNING && !stalled();
    }

    private void sleep(Duration d) {
        synchronized (sleeper) {
            if (stopped) {
                return;
            }
            try {
                sleeper.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }
}
