package dev.skillpath.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.skillpath.gateway.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Instances of one service for the balancing tests: {@code balanced-service} is two real HTTP servers (the JDK's) on
 * random loopback ports, {@code a} and {@code b}, and a third address where nothing listens ({@code gone}); and
 * {@code vanished-service} is two addresses where nothing listens. An instance answers every request with
 * {@code X-Instance: a} (or {@code b}) and counts the requests by their {@code X-Write} header; a request with
 * {@code X-Abort: true} is counted, then its connection closed without an answer. {@code POST /_stub/ready/{status}},
 * sent to an instance directly, sets what its {@code /q/health/ready} answers (200 at first).
 */
public class InstanceStubs implements QuarkusTestResourceLifecycleManager {

    /** Requests per instance and {@code X-Write} value, seen by the tests in the same JVM. */
    static final Map<String, Map<String, AtomicInteger>> WRITES = new ConcurrentHashMap<>();
    static final Map<String, Integer> READY = new ConcurrentHashMap<>();
    static final Map<String, String> URLS = new ConcurrentHashMap<>();

    private HttpServer a;
    private HttpServer b;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "instance-stub");
            thread.setDaemon(true);
            return thread;
        });
        a = stub("a");
        b = stub("b");
        Map<String, String> config = new LinkedHashMap<>();
        URLS.put("gone", "http://127.0.0.1:" + closedPort());
        config.put("skillpath.gateway.routes.balanced-service.url", String.join(",", URLS.get("a"), URLS.get("b"), URLS.get("gone")));
        config.put("skillpath.gateway.routes.balanced-service.prefixes", "/api/v1/test-balanced");
        config.put("skillpath.gateway.routes.vanished-service.url",
                "http://127.0.0.1:" + closedPort() + ",http://127.0.0.1:" + closedPort());
        config.put("skillpath.gateway.routes.vanished-service.prefixes", "/api/v1/test-vanished");
        config.putAll(TestKeys.generate());
        return config;
    }

    @Override
    public void stop() {
        for (HttpServer server : List.of(a, b)) {
            if (server != null) {
                server.stop(0);
            }
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private HttpServer stub(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/", exchange -> handle(name, exchange));
            server.start();
            URLS.put(name, "http://127.0.0.1:" + server.getAddress().getPort());
            READY.put(name, 200);
            WRITES.put(name, new ConcurrentHashMap<>());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start instance " + name, e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void handle(String name, HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/_stub/ready/")) {
            READY.put(name, Integer.parseInt(path.substring("/_stub/ready/".length())));
            answer(exchange, 200, "ok");
            return;
        }
        if (path.equals("/q/health/ready")) {
            answer(exchange, READY.get(name), "{\"status\":\"" + (READY.get(name) == 200 ? "UP" : "DOWN") + "\"}");
            return;
        }
        String write = exchange.getRequestHeaders().getFirst("X-Write");
        if (write != null) {
            WRITES.get(name).computeIfAbsent(write, w -> new AtomicInteger()).incrementAndGet();
        }
        if ("true".equals(exchange.getRequestHeaders().getFirst("X-Abort"))) {
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("X-Instance", name);
        answer(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200, "{\"instance\":\"" + name + "\"}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
