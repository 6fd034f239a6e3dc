import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop latency of one URL: GET requests at a fixed rate for a fixed time, each request's latency measured from
 * the time it was scheduled to be sent ({@code t0 + i / rate}), not from when it went out. When the server stalls,
 * the requests that should have been sent meanwhile are late, and their lateness counts. A closed-loop tool (wrk:
 * each connection sends its next request when the previous one is answered) stops sending while it waits and so
 * records a stall as one slow request per connection ("coordinated omission"; the idea is Gil Tene's talk "How NOT
 * to Measure Latency" and wrk2's constant-throughput mode).
 *
 * <pre>
 * java bench/driver/OpenLoop.java --url http://127.0.0.1:8082/api/v1/skills --rate 500 --seconds 10
 *     [--warmup 2] [--connections 50] [--header 'Authorization: Bearer ...']...
 * </pre>
 *
 * At most {@code --connections} requests are in flight over HTTP/1.1 keep-alive connections; a request whose time
 * has come while all are busy waits (its wait is part of its latency). The client keeps that many idle connections
 * and may open a few more over a run (53 for 50 seen once at 2000/s) when one is not back in its pool in time.
 * Every latency of the measured period is kept in a preallocated array and sorted: the percentiles are exact
 * (nearest rank). Prints progress on stderr and one line {@code RESULT url=... rate=... seconds=... sent=... ok=...
 * errors=... achieved_rps=... p50_ms=... p90_ms=... p99_ms=... p999_ms=... max_ms=...} on stdout, plus the
 * breakdown of errors (non2xx, failed, timeouts), the send lag (scheduled to actual send: large when every
 * connection was busy or the driver was late) and the driver's own CPU seconds. errors = non-2xx answers + failed
 * requests + timeouts: a request not answered 5 s after the end of the schedule counts as a timeout, with its
 * latency taken at that moment (a lower bound). Percentiles are over every scheduled request, whatever its outcome.
 *
 * <p>Worker threads with blocking {@code HttpClient.send}, not {@code sendAsync}: both were tried against a local
 * one-thread NIO server answering 5.4 kB, on the 2 cores bench/run has, 3 interleaved rounds of 10 s after 5 s of
 * warm-up, 50 connections. sendAsync (one dispatcher thread, a semaphore of 50 requests in flight): p50 0.9-1.0 ms
 * and 1.1-1.2 ms of driver CPU per request at 500/s; at 2000/s it fell 1.4-5.3 s behind its own schedule (p99 of
 * the send lag; the dispatcher thread does each request's set-up). The threads: p50 0.6-0.7 ms and 0.85-0.88 ms of
 * CPU per request at 500/s, and they kept 2000/s (p99 2.8-7.5 ms). A 1 s freeze of the server showed in both
 * (p99.9 1.00-1.04 s); after it the threads worked off the backlog sooner (p90 98-114 ms against 228-407 ms).
 */
public class OpenLoop {

    /** At most this many measured requests (rate x seconds): 8 bytes each for the latency, 8 for the send lag. */
    static final int MAX_SAMPLES = 1_000_000;
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    // the state of a measured request; a completion claims its slot before writing the latency
    static final int PENDING = 0, CLAIMED = 1, OK = 2, NON_2XX = 3, FAILED = 4, TIMEOUT = 5;

    public static void main(String[] args) throws Exception {
        String url = null;
        double rate = 0, seconds = 0, warmup = 2;
        int connections = 50;
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                usage(null);
            }
            if (i + 1 >= args.length) {
                usage("option " + a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--url" -> url = v;
                    case "--rate" -> rate = Double.parseDouble(v);
                    case "--seconds" -> seconds = Double.parseDouble(v);
                    case "--warmup" -> warmup = Double.parseDouble(v);
                    case "--connections" -> connections = Integer.parseInt(v);
                    case "--header" -> {
                        int colon = v.indexOf(':');
                        if (colon <= 0) {
                            usage("--header wants 'Name: value', got '" + v + "'");
                        }
                        headers.add(new String[] {v.substring(0, colon).trim(), v.substring(colon + 1).trim()});
                    }
                    default -> usage("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                usage("option " + a + " wants a number, got '" + v + "'");
            }
        }
        if (url == null) {
            usage("--url is required");
        }
        if (!(rate > 0) || !(seconds > 0) || !(warmup >= 0) || connections < 1) {
            usage("--rate and --seconds must be > 0, --warmup >= 0, --connections >= 1");
        }
        double measured = Math.floor(rate * seconds);
        if (measured > MAX_SAMPLES) {
            System.err.printf(Locale.ROOT, "OpenLoop: --rate %s x --seconds %s is %.0f requests, more than the %d"
                            + " this driver keeps; lower the rate or the duration%n",
                    num(rate), num(seconds), measured, MAX_SAMPLES);
            System.exit(2);
        }
        if (measured < 1) {
            usage("--rate x --seconds is less than one request");
        }
        // read by the client's connection pool when its class is loaded: idle connections kept at most
        System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(connections));
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
            for (String[] h : headers) {
                b.header(h[0], h[1]);
            }
            request = b.build();
        } catch (IllegalArgumentException e) {
            usage("bad --url or --header: " + e.getMessage());
            return;
        }
        new OpenLoop(request, rate, (int) measured, (long) Math.floor(rate * warmup), connections).run(url, seconds);
        System.exit(0);
    }

    static void usage(String problem) {
        if (problem != null) {
            System.err.println("OpenLoop: " + problem);
        }
        System.err.println("usage: OpenLoop --url URL --rate REQ_PER_S --seconds S [--warmup 2] [--connections 50]"
                + " [--header 'Name: value']...");
        System.exit(2);
    }

    private final HttpRequest request;
    private final HttpClient client;
    private final double periodNanos;
    private final int n;          // measured requests
    private final long warm;      // unmeasured requests before them, at the same rate
    private final int connections;
    private final long[] latency; // nanoseconds from the scheduled time to the answer (or to the give-up time)
    private final long[] lag;     // nanoseconds from the scheduled time to the send
    private final AtomicIntegerArray state;
    private final CountDownLatch measuredDone;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong lastAnswer = new AtomicLong();
    private final AtomicLong firstError = new AtomicLong(-1);
    private volatile String firstErrorText;
    private long t0;

    OpenLoop(HttpRequest request, double rate, int n, long warm, int connections) {
        this.request = request;
        this.periodNanos = 1e9 / rate;
        this.n = n;
        this.warm = warm;
        this.connections = connections;
        this.latency = new long[n];
        this.lag = new long[n];
        Arrays.fill(lag, -1);
        this.state = new AtomicIntegerArray(n);
        this.measuredDone = new CountDownLatch(n);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    long scheduled(long k) {
        return t0 + (long) (k * periodNanos);
    }

    static void sleepUntil(long at) {
        long now;
        while ((now = System.nanoTime()) < at) {
            LockSupport.parkNanos(at - now);
        }
    }

    void run(String url, double seconds) throws InterruptedException {
        long total = warm + n;
        System.err.printf(Locale.ROOT, "OpenLoop: GET %s at %s/s for %s s after %s s of warm-up, %d connections%n",
                url, num(1e9 / periodNanos), num(seconds), num(warm * periodNanos / 1e9), connections);
        t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long end = scheduled(total);
        long deadline = end + GRACE_NANOS;
        AtomicLong next = new AtomicLong();
        for (int c = 0; c < connections; c++) {
            Thread w = new Thread(() -> work(next, total, deadline), "worker-" + c);
            w.setDaemon(true); // a worker still waiting at the deadline is left behind
            w.start();
        }
        long windowStart = scheduled(warm);
        sleepUntil(windowStart);
        long cpu0 = cpuNanos();
        measuredDone.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        long gaveUp = System.nanoTime();
        double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
        int ok = 0, non2xx = 0, failed = 0, timeouts = 0;
        for (int i = 0; i < n; i++) {
            if (state.compareAndSet(i, PENDING, TIMEOUT)) {
                latency[i] = gaveUp - scheduled(warm + i);
            }
            int s;
            while ((s = state.get(i)) == CLAIMED) {
                Thread.onSpinWait(); // a completion between its claim and its write
            }
            switch (s) {
                case OK -> ok++;
                case NON_2XX -> non2xx++;
                case FAILED -> failed++;
                default -> timeouts++;
            }
        }
        if (firstErrorText != null) {
            System.err.println("OpenLoop: first failure: " + firstErrorText);
        }
        long sentCount = sent.get();
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        long[] lags = Arrays.stream(lag).filter(v -> v >= 0).sorted().toArray();
        // answers over the schedule's length, or until the last answer when that came later
        double answeredSeconds = Math.max(n * periodNanos, lastAnswer.get() - windowStart) / 1e9;
        double achieved = (ok + non2xx) / answeredSeconds;
        System.out.printf(Locale.ROOT, "RESULT url=%s rate=%s seconds=%s connections=%d sent=%d ok=%d errors=%d"
                        + " non2xx=%d failed=%d timeouts=%d achieved_rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s"
                        + " max_ms=%s send_lag_p99_ms=%s send_lag_max_ms=%s driver_cpu_s=%.2f%n",
                url, num(1e9 / periodNanos), num(seconds), connections, sentCount, ok, non2xx + failed + timeouts,
                non2xx, failed, timeouts, achieved, ms(pct(sorted, 50)), ms(pct(sorted, 90)), ms(pct(sorted, 99)),
                ms(pct(sorted, 99.9)), ms(pct(sorted, 100)), ms(pct(lags, 99)), ms(pct(lags, 100)), cpuSeconds);
    }

    /**
     * One worker per connection: take the next request in schedule order, wait for its time, send it and wait for
     * the answer. A request whose time has passed while every worker was busy is sent at once, late, and its wait
     * is part of its latency. So at most {@code connections} requests are in flight, on as many connections.
     */
    void work(AtomicLong next, long total, long deadline) {
        for (long k; (k = next.getAndIncrement()) < total; ) {
            long at = scheduled(k);
            sleepUntil(at);
            if (System.nanoTime() >= deadline) {
                return; // the rest count as timeouts
            }
            if (k >= warm) {
                lag[(int) (k - warm)] = System.nanoTime() - at;
                sent.incrementAndGet(); // after the write: reading sent makes the lags visible
            }
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                done(k, at, System.nanoTime(), r.statusCode(), null);
            } catch (IOException e) {
                done(k, at, System.nanoTime(), 0, e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void done(long k, long at, long now, int status, Throwable e) {
        if (e != null && firstError.compareAndSet(-1, k)) {
            firstErrorText = e.toString();
        }
        if (k < warm) {
            return;
        }
        int i = (int) (k - warm);
        if (!state.compareAndSet(i, PENDING, CLAIMED)) {
            return; // already counted as a timeout
        }
        latency[i] = now - at;
        if (e == null) {
            lastAnswer.accumulateAndGet(now, Math::max);
        }
        state.set(i, e != null ? FAILED : status >= 200 && status < 300 ? OK : NON_2XX);
        measuredDone.countDown();
    }

    /** CPU time of this process so far (all threads), 0 where the platform does not tell. */
    static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Nearest rank over sorted values; -1 when there are none. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9); // 1e-9: 99.9 is not exact in binary
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String ms(long nanos) {
        return nanos < 0 ? "NaN" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
