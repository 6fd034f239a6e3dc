package dev.skillpath.system.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process TCP proxy for fault injection, in the spirit of Toxiproxy: it stands between a service and its
 * PostgreSQL (or any other TCP dependency) in the system tests, so that a test can make that dependency slow
 * ({@link #latency}), cut every connection to it at once ({@link #dropConnections}), or make the network swallow the
 * traffic without closing anything ({@link #blackhole}), and then heal it again, all without touching the dependency
 * itself. The service is configured with {@code 127.0.0.1:}{@link #port()} in place of the real address.
 *
 * <p>It listens on 127.0.0.1 on a free port and forwards each accepted connection to the target, with two daemon
 * threads per connection (one per direction) and one accepting thread, all named {@code proxy-<name>-...}. When either
 * side of a connection closes or fails, both sockets are closed. Nothing is logged; errors from sockets closed under
 * a pump are expected and ignored. {@link #close()} stops listening, closes every connection and waits (briefly) for
 * the threads to end. All methods are thread-safe.
 *
 * <p>While the blackhole is on, nothing crosses the proxy in either direction: bytes already read are held (and sent,
 * in order, when it is turned off), a new connection is accepted but not yet connected to the target, and an
 * end-of-stream read from one side is held too (like a swallowed FIN), so the other side is not closed until the
 * blackhole is lifted. {@link #dropConnections()} and {@link #close()} act at once, blackhole or not.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int BUFFER_BYTES = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final long RECHECK_MILLIS = 100;
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final InetSocketAddress targetAddress;
    private final ServerSocket server;
    private final int port;
    private final Thread acceptor;

    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Guards nothing but waiting: pumps wait on it for the blackhole to lift, a delay to pass or a close. */
    private final Object signal = new Object();
    private volatile long latencyNanos;
    private volatile boolean blackhole;

    /** Listens on 127.0.0.1 on a free port and forwards every connection to targetHost:targetPort. Starts at once. */
    public TcpProxy(String name, String targetHost, int targetPort) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(targetHost, "targetHost");
        if (targetPort < 1 || targetPort > 65_535) {
            throw new IllegalArgumentException("target port out of range: " + targetPort);
        }
        this.targetAddress = InetSocketAddress.createUnresolved(targetHost, targetPort);
        try {
            server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (IOException e) {
            throw new UncheckedIOException("proxy " + name + ": cannot listen on 127.0.0.1", e);
        }
        port = server.getLocalPort();
        acceptor = newThread("accept", this::acceptLoop);
        acceptor.start();
    }

    /** The local listening port. */
    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** Adds this delay to every chunk forwarded, in both directions (Duration.ZERO: none). Applies to open connections too. */
    public void latency(Duration perChunk) {
        Objects.requireNonNull(perChunk, "perChunk");
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + perChunk);
        }
        latencyNanos = perChunk.toNanos();
    }

    /**
     * Closes every open connection at once (both sides, with a TCP RST where possible: setSoLinger(true, 0)); new
     * connections are still accepted and forwarded. Returns how many were cut.
     */
    public int dropConnections() {
        int cut = 0;
        for (Connection c : List.copyOf(connections)) {
            if (c.close(true)) {
                cut++;
            }
        }
        return cut;
    }

    /**
     * When true: new connections are accepted but nothing is forwarded in either direction (a network that swallows
     * packets); bytes already read are held, not sent. Open connections stop forwarding too. When set back to false,
     * forwarding resumes (held bytes are sent, in order).
     */
    public void blackhole(boolean on) {
        synchronized (signal) {
            blackhole = on;
            signal.notifyAll();
        }
    }

    /** How many connections have been accepted in total. */
    public long accepted() {
        return accepted.get();
    }

    /** How many connections are open now. */
    public int open() {
        return connections.size();
    }

    /** Stops listening and closes every connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(server);
        for (Connection c : List.copyOf(connections)) {
            c.close(false);
        }
        wakeAll();
        awaitThreads();
    }

    @Override
    public String toString() {
        return "TcpProxy[" + name + " 127.0.0.1:" + port + " -> " + targetAddress.getHostString() + ":"
                + targetAddress.getPort() + "]";
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed.get() || server.isClosed()) {
                    return;
                }
                pauseQuietly(); // e.g. out of file descriptors: do not spin
                continue;
            }
            accepted.incrementAndGet();
            Connection c = new Connection(ids.incrementAndGet(), client);
            connections.add(c);
            if (closed.get()) { // close() may have taken its snapshot before the add
                c.close(false);
                return;
            }
            c.start();
        }
    }

    /** Waits, bounded, for the acceptor and every pump to end (they all end promptly once their sockets are closed). */
    private void awaitThreads() {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        List<Thread> all = new ArrayList<>(threads);
        all.add(acceptor);
        for (Thread t : all) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Thread newThread(String suffix, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, "proxy-" + name + "-" + suffix);
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    private void wakeAll() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Holds while the blackhole is on; false when the connection was closed meanwhile. */
    private boolean awaitForwarding(Connection c) throws InterruptedException {
        synchronized (signal) {
            while (blackhole && !c.isClosed()) {
                signal.wait(RECHECK_MILLIS);
            }
        }
        return !c.isClosed();
    }

    /** Sleeps {@code nanos}, cut short only by the connection closing; false in that case. */
    private boolean delay(Connection c, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        synchronized (signal) {
            long left;
            while (!c.isClosed() && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(signal, Math.min(left, TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS)));
            }
        }
        return !c.isClosed();
    }

    private static void pauseQuietly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed or broken: nothing to do
        }
    }

    /** One accepted client and its connection to the target. */
    private final class Connection {

        private final long id;
        private final Socket client;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Socket target;

        Connection(long id, Socket client) {
            this.id = id;
            this.client = client;
        }

        void start() {
            newThread(id + "-up", this::connectAndPumpUp).start();
        }

        boolean isClosed() {
            return done.get();
        }

        /** Closes both sockets (abortively when {@code reset}); true if this call was the one that closed it. */
        boolean close(boolean reset) {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            connections.remove(this);
            shut(client, reset);
            shut(target, reset);
            wakeAll();
            return true;
        }

        private void shut(Socket s, boolean reset) {
            if (s == null) {
                return;
            }
            if (reset) {
                try {
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    // already closed: a plain close is all there is
                }
            }
            closeQuietly(s);
        }

        private void connectAndPumpUp() {
            try {
                // A swallowed network does not let the connection through to the target either.
                if (!awaitForwarding(this)) {
                    return;
                }
                Socket t = new Socket();
                target = t;
                if (isClosed()) { // close() may have run before target was set: it did not see this socket
                    closeQuietly(t);
                    return;
                }
                t.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                InetSocketAddress address = new InetSocketAddress(targetAddress.getHostString(), targetAddress.getPort());
                t.connect(address, CONNECT_TIMEOUT_MILLIS); // a close() meanwhile aborts the connect
                newThread(id + "-down", () -> pump(t, client)).start();
                pumpOrThrow(client, t);
            } catch (IOException e) {
                // refused, unreachable, or closed under us: the connection ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close(false);
            }
        }

        private void pump(Socket from, Socket to) {
            try {
                pumpOrThrow(from, to);
            } catch (IOException e) {
                // the other side closed or failed, or we were closed: the connection ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close(false);
            }
        }

        private void pumpOrThrow(Socket from, Socket to) throws IOException, InterruptedException {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
            while (true) {
                int n = in.read(buffer);
                if (!awaitForwarding(this) || n < 0) {
                    return; // an end-of-stream, too, waits for the blackhole to lift
                }
                long nanos = latencyNanos;
                if (nanos > 0 && !delay(this, nanos)) {
                    return;
                }
                if (!awaitForwarding(this)) { // it may have been turned on during the delay
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }
}
