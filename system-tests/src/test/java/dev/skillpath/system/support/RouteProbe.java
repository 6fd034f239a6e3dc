package dev.skillpath.system.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Calls one read route through the gateway in a loop, recording every answer: status, latency, whether a problem. */
public final class RouteProbe {

    /**
     * One answer. {@code sentAtMillis} is when the request left, {@code atMillis} when its answer came back (both in ms
     * since the probe's start), so a window can require the whole request to fall inside a fault.
     */
    public record Hit(long sentAtMillis, long atMillis, int status, long millis, boolean problem) {
    }

    private final String name;
    private final Http gateway;
    private final String path;
    private final String token;
    private final Duration pause;
    private final List<Hit> hits = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;
    private long startedAt;

    public RouteProbe(String name, Http gateway, String path, String token, Duration pause) {
        this.name = name;
        this.gateway = gateway;
        this.path = path;
        this.token = token;
        this.pause = pause;
    }

    public String name() {
        return name;
    }

    public RouteProbe start(long startedAtNanos) {
        startedAt = startedAtNanos;
        running.set(true);
        thread = new Thread(() -> {
            while (running.get()) {
                long sent = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
                Http.Answer a = gateway.get(path, token);
                hits.add(new Hit(sent, Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), a.status(), a.millis(),
                        a.isProblem()));
                Waits.pause(pause);
            }
        }, "probe-" + name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    public void stop() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The requests wholly inside a window (ms since the start): sent after {@code fromMillis} and answered before
     * {@code toMillis}. A request already in flight when a fault begins, or still in flight when it ends, is left out.
     */
    public List<Hit> within(long fromMillis, long toMillis) {
        synchronized (hits) {
            return hits.stream().filter(h -> h.sentAtMillis() > fromMillis && h.atMillis() < toMillis).toList();
        }
    }

    public List<Hit> all() {
        synchronized (hits) {
            return List.copyOf(hits);
        }
    }

    public static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
