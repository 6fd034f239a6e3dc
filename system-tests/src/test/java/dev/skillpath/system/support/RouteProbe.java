package dev.skillpath.system.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;

/** Calls one read route through the gateway in a loop, recording every answer: status, latency, whether a problem. */
public final class RouteProbe {

    public record Hit(long atMillis, int status, long millis, boolean problem) {
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
                Http.Answer a = gateway.get(path, token);
                hits.add(new Hit(Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), a.status(), a.millis(),
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

    /** The answers that came back within a window of time (ms since the start). */
    public List<Hit> between(LongPredicate window) {
        synchronized (hits) {
            return hits.stream().filter(h -> window.test(h.atMillis())).toList();
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
