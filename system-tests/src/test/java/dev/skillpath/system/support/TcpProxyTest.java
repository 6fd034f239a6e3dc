package dev.skillpath.system.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fault-injection proxy against a tiny echo server in this JVM; no system under test involved. */
@Timeout(60)
class TcpProxyTest {

    private static final InetAddress LOOPBACK = loopback();

    private EchoServer echo;
    private final List<TcpProxy> proxies = new ArrayList<>();

    @BeforeEach
    void startEcho() throws IOException {
        echo = new EchoServer();
    }

    @AfterEach
    void stopAll() {
        proxies.forEach(TcpProxy::close);
        echo.close();
    }

    @Test
    void forwardsBytesBothWaysIncludingOneMebibyteIntact() throws Exception {
        TcpProxy proxy = proxy("fwd", echo.port());
        try (Socket client = connect(proxy, 5_000)) {
            byte[] hello = "hello through the proxy".getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(hello);
            assertArrayEquals(hello, client.getInputStream().readNBytes(hello.length));

            byte[] big = new byte[1024 * 1024];
            new Random(42).nextBytes(big);
            AtomicReference<Throwable> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int off = 0; off < big.length; off += 8_192) {
                        out.write(big, off, Math.min(8_192, big.length - off));
                    }
                    out.flush();
                } catch (Throwable t) {
                    writeFailure.set(t);
                }
            }, "test-writer-fwd");
            writer.setDaemon(true);
            writer.start();
            client.setSoTimeout(15_000);
            byte[] back = client.getInputStream().readNBytes(big.length);
            writer.join(5_000);
            assertEquals(null, writeFailure.get(), "writer failed");
            assertEquals(big.length, back.length, "all bytes echoed");
            assertArrayEquals(big, back, "1 MiB echoed intact");
        }
        assertEquals(1, proxy.accepted());
    }

    @Test
    void latencyAppliesPerChunkInBothDirectionsAndCanBeRemoved() throws Exception {
        TcpProxy proxy = proxy("lat", echo.port());
        try (Socket client = connect(proxy, 5_000)) {
            roundTrip(client, "warm-up"); // connection set up, classes loaded

            proxy.latency(Duration.ofMillis(200));
            long slow = roundTrip(client, "slow");
            assertTrue(slow >= 390, "a round trip with 200 ms per chunk took only " + slow + " ms");
            assertTrue(slow < 3_000, "a round trip with 200 ms per chunk took " + slow + " ms");

            proxy.latency(Duration.ZERO);
            long fast = Long.MAX_VALUE; // best of three: the machine may be busy with another build
            for (int i = 0; i < 3; i++) {
                fast = Math.min(fast, roundTrip(client, "fast-" + i));
            }
            assertTrue(fast < 150, "a round trip without latency took " + fast + " ms");
        }
    }

    @Test
    void dropConnectionsCutsOpenConnectionsAndNewOnesStillWork() throws Exception {
        TcpProxy proxy = proxy("drop", echo.port());
        try (Socket client = connect(proxy, 1_000)) {
            roundTrip(client, "before the cut");
            assertEquals(1, proxy.open());

            assertEquals(1, proxy.dropConnections());
            assertEquals(0, proxy.open());
            assertCut(client);
        }
        try (Socket again = connect(proxy, 5_000)) {
            roundTrip(again, "after the cut");
            assertEquals(2, proxy.accepted());
            assertEquals(1, proxy.open());
        }
        assertTrue(eventually(() -> proxy.open() == 0, Duration.ofSeconds(2)), "closed client leaves the open set");
    }

    @Test
    void blackholeHoldsTrafficUntilLifted() throws Exception {
        TcpProxy proxy = proxy("hole", echo.port());
        try (Socket client = connect(proxy, 500)) {
            roundTrip(client, "before the blackhole");

            proxy.blackhole(true);
            byte[] held = "swallowed for now".getBytes(StandardCharsets.UTF_8);
            client.getOutputStream().write(held);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(),
                    "no echo may come through the blackhole");

            // a new connection is accepted, but nothing goes through it either
            try (Socket late = connect(proxy, 500)) {
                byte[] lateMessage = "late arrival".getBytes(StandardCharsets.UTF_8);
                late.getOutputStream().write(lateMessage);
                assertThrows(SocketTimeoutException.class, () -> late.getInputStream().read());
                assertTrue(eventually(() -> proxy.accepted() == 2, Duration.ofSeconds(1)));

                proxy.blackhole(false);
                client.setSoTimeout(1_000);
                late.setSoTimeout(1_000);
                assertArrayEquals(held, client.getInputStream().readNBytes(held.length), "held bytes, intact");
                assertArrayEquals(lateMessage, late.getInputStream().readNBytes(lateMessage.length));
            }
            roundTrip(client, "after the blackhole");
        }
    }

    @Test
    void closeStopsListeningAndEndsEveryThread() throws Exception {
        TcpProxy proxy = proxy("closing", echo.port());
        Socket client = connect(proxy, 1_000);
        try (client) {
            roundTrip(client, "before close");
            assertEquals(1, proxy.open());

            proxy.close();
            proxy.close(); // idempotent
            assertEquals(0, proxy.open());
            try {
                assertEquals(-1, client.getInputStream().read(), "the client's connection is closed");
            } catch (SocketException expected) {
                // a reset is fine too
            }
        }
        try (Socket refused = new Socket()) {
            assertThrows(ConnectException.class,
                    () -> refused.connect(new InetSocketAddress(LOOPBACK, proxy.port()), 1_000));
        }
        String prefix = "proxy-" + proxy.name();
        assertTrue(eventually(() -> liveThreads(prefix).isEmpty(), Duration.ofSeconds(1)),
                () -> "threads still alive after close(): " + liveThreads(prefix));
    }

    @Test
    void refusingTargetClosesTheClient() throws Exception {
        int nothingListening;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            nothingListening = probe.getLocalPort();
        }
        TcpProxy proxy = proxy("refused", nothingListening);
        try (Socket client = connect(proxy, 3_000)) {
            assertEquals(-1, client.getInputStream().read(), "end-of-stream when the target refuses");
        }
        assertEquals(1, proxy.accepted());
        assertTrue(eventually(() -> proxy.open() == 0, Duration.ofSeconds(1)));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private TcpProxy proxy(String name, int targetPort) {
        TcpProxy proxy = new TcpProxy(name, "127.0.0.1", targetPort);
        proxies.add(proxy);
        assertEquals(name, proxy.name());
        assertTrue(proxy.port() > 0);
        return proxy;
    }

    private static Socket connect(TcpProxy proxy, int soTimeoutMillis) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(LOOPBACK, proxy.port()), 2_000);
        s.setSoTimeout(soTimeoutMillis);
        s.setTcpNoDelay(true);
        return s;
    }

    /** Sends a small message, reads its echo (bounded by the socket's timeout), returns the round trip in ms. */
    private static long roundTrip(Socket client, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int timeout = client.getSoTimeout();
        client.setSoTimeout(5_000);
        try {
            long start = System.nanoTime();
            client.getOutputStream().write(bytes);
            byte[] back = client.getInputStream().readNBytes(bytes.length);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertArrayEquals(bytes, back, "echo of " + message);
            return millis;
        } finally {
            client.setSoTimeout(timeout);
        }
    }

    /** The client sees end-of-stream or a reset on its next read, within its soTimeout (1 s), not a timeout. */
    private static void assertCut(Socket client) throws IOException {
        client.setSoTimeout(1_000);
        try {
            int read = client.getInputStream().read();
            assertEquals(-1, read, "end-of-stream after the cut");
        } catch (SocketTimeoutException e) {
            fail("the cut connection stayed open");
        } catch (SocketException expected) {
            // connection reset: the RST arrived
        }
    }

    private static boolean eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static List<String> liveThreads(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Echoes every byte back, one daemon thread per connection; closes everything on close(). */
    private static final class EchoServer implements AutoCloseable {

        private final ServerSocket server;
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

        EchoServer() throws IOException {
            server = new ServerSocket(0, 50, LOOPBACK);
            Thread acceptor = new Thread(this::acceptLoop, "test-echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    Thread t = new Thread(() -> echo(s), "test-echo-" + s.getPort());
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buffer = new byte[8_192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the peer went away
            } finally {
                sockets.remove(s);
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
