package dev.skillpath.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the three services with real HTTP servers (the JDK's) on random loopback ports, plus
 * a {@code down-service} route to a port where nothing listens.
 *
 * <p>Each stub echoes what reached it as JSON: service, method, raw URI, headers, body length and
 * SHA-256. Request headers steer it (the gateway forwards them like any other):
 * <ul>
 * <li>{@code X-Stub-Status}: answer with this status;</li>
 * <li>{@code X-Stub-Delay-Ms}: wait this long before answering;</li>
 * <li>{@code X-Stub-Hop-Headers: true}: add hop-by-hop headers to the answer;</li>
 * <li>{@code X-Stub-Abort: true}: close the connection without answering;</li>
 * <li>{@code X-Stub-Token}: record the bytes received so far under this token, readable directly at
 *     {@code GET /_stub/received/{token}} while the body is still arriving;</li>
 * <li>{@code X-Stub-Stream-Token}: send a first chunk, then hold the rest until
 *     {@code POST /_stub/release/{token}} arrives directly (or 10 s pass) and end with the outcome.</li>
 * </ul>
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    static final String FIRST_CHUNK = "first-chunk;".repeat(2000);
    static final long HOLD_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService executor;
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "stub-service");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : List.of("skills-service", "content-service", "quiz-service")) {
            config.put("skillpath.gateway.routes." + service + ".url", "http://127.0.0.1:" + startStub(service));
        }
        config.put("skillpath.gateway.routes.down-service.url", "http://127.0.0.1:" + closedPort());
        config.put("skillpath.gateway.routes.down-service.prefixes", "/api/v1/test-down");
        return config;
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private int startStub(String service) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/", exchange -> handle(service, exchange));
            server.start();
            servers.add(server);
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + service + " stub", e);
        }
    }

    /** A port that was free a moment ago and that nothing listens on now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(String service, HttpExchange exchange) throws IOException {
        if ("true".equals(exchange.getRequestHeaders().getFirst("X-Stub-Abort"))) {
            // The JDK server closes the connection when a handler fails: a hang-up without an answer.
            throw new IOException("stub hangs up");
        }
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_stub/")) {
                control(path.substring("/_stub/".length()), exchange);
                return;
            }
            String streamToken = exchange.getRequestHeaders().getFirst("X-Stub-Stream-Token");
            if (streamToken != null) {
                streamResponse(streamToken, exchange);
                return;
            }
            echo(service, exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void echo(String service, HttpExchange exchange) throws IOException, InterruptedException {
        var requestHeaders = exchange.getRequestHeaders();
        AtomicLong counter = null;
        String token = requestHeaders.getFirst("X-Stub-Token");
        if (token != null) {
            counter = received.computeIfAbsent(token, t -> new AtomicLong());
        }
        MessageDigest sha256 = sha256();
        long length = 0;
        try (InputStream body = exchange.getRequestBody()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                length += n;
                if (counter != null) {
                    counter.addAndGet(n);
                }
            }
        }
        String delay = requestHeaders.getFirst("X-Stub-Delay-Ms");
        if (delay != null) {
            Thread.sleep(Long.parseLong(delay));
        }

        Map<String, List<String>> headers = new TreeMap<>();
        requestHeaders.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("service", service);
        echo.put("method", exchange.getRequestMethod());
        echo.put("uri", exchange.getRequestURI().toString());
        echo.put("headers", headers);
        echo.put("bodyLength", length);
        echo.put("bodySha256", HexFormat.of().formatHex(sha256.digest()));
        byte[] answer = JSON.writeValueAsBytes(echo);

        var responseHeaders = exchange.getResponseHeaders();
        responseHeaders.set("Content-Type", "application/json");
        responseHeaders.set("X-Stub-Service", service);
        responseHeaders.add("X-Stub-Multi", "one");
        responseHeaders.add("X-Stub-Multi", "two");
        if ("true".equals(requestHeaders.getFirst("X-Stub-Hop-Headers"))) {
            responseHeaders.set("Connection", "X-Stub-Private");
            responseHeaders.set("X-Stub-Private", "connection-scoped");
            responseHeaders.set("Keep-Alive", "timeout=99");
            responseHeaders.set("Proxy-Authenticate", "Basic realm=stub");
            responseHeaders.set("Trailer", "X-Checksum");
            responseHeaders.set("Upgrade", "stub-protocol/1");
            responseHeaders.set("X-Stub-Kept", "end-to-end");
        }
        String status = requestHeaders.getFirst("X-Stub-Status");
        int code = status == null ? 200 : Integer.parseInt(status);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(code, head || code == 204 ? -1 : answer.length);
        if (!head && code != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** First chunk now, the rest only after the test confirms it saw the first one through the gateway. */
    private void streamResponse(String token, HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getRequestBody().readAllBytes();
        CountDownLatch release = releases.computeIfAbsent(token, t -> new CountDownLatch(1));
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(FIRST_CHUNK.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            boolean released = release.await(HOLD_SECONDS, TimeUnit.SECONDS);
            out.write((released ? "released" : "held-until-timeout").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void control(String command, HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String answer;
        if (command.startsWith("received/")) {
            AtomicLong count = received.get(command.substring("received/".length()));
            answer = Long.toString(count == null ? 0 : count.get());
        } else if (command.startsWith("release/")) {
            releases.computeIfAbsent(command.substring("release/".length()), t -> new CountDownLatch(1)).countDown();
            answer = "ok";
        } else {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
