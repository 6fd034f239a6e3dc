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

import dev.skillpath.gateway.testing.TestKeys;
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
 * <li>{@code X-Stub-Location}: answer with this {@code Location} and {@code Content-Location}, {@code {self}} replaced by
 *     the stub's own base URL ({@code http://127.0.0.1:<port>}), as a service names its own address in a redirect;</li>
 * <li>{@code X-Stub-Abort: true}: close the connection without answering;</li>
 * <li>{@code X-Stub-Abort-Once: {token}}: close the connection without answering the first request with this token,
 *     answer the later ones, telling in {@code X-Stub-Seen} how many with this token arrived so far;</li>
 * <li>{@code X-Stub-Token}: record the bytes received so far under this token, readable directly at
 *     {@code GET /_stub/received/{token}} while the body is still arriving, and what became of the body at
 *     {@code GET /_stub/body/{token}}: {@code none} (no such request arrived), {@code reading}, {@code complete}, or
 *     {@code aborted} (the connection ended before the body did: nothing a service would commit);</li>
 * <li>{@code X-Stub-Stream-Token}: send a first chunk, then hold the rest until
 *     {@code POST /_stub/release/{token}} arrives directly (or 10 s pass) and end with the outcome.</li>
 * </ul>
 * {@code POST /_stub/ready/{status}}, sent to a stub directly, sets the status its {@code /q/health/ready} answers.
 *
 * <p>Beside the three services: {@code flaky-service}, {@code notfound-service} and {@code slow-service}
 * (echo stubs of their own, so that tests which trip a circuit breaker or hold connections do not
 * disturb other tests), and {@code breaker-down-service} (another closed port).
 *
 * <p>Each stub answers {@code /q/openapi} with a small document of its own (see {@link #openApi}), and
 * the services' learner endpoints that the composed views call with canned data when the bearer
 * token's subject starts with {@code dash-} (see {@link #canned}); a subject containing
 * {@code <service>-slow} or {@code <service>-fail} (e.g. {@code dash-quiz-slow}) makes that service
 * answer after 2 s or with a 500.
 *
 * <p>It also makes the test key pair ({@link TestKeys}) and enables the local token issuer.
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    static final String FIRST_CHUNK = "first-chunk;".repeat(2000);
    static final long HOLD_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HttpServer> servers = new ArrayList<>();
    private ExecutorService executor;
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> abortOnce = new ConcurrentHashMap<>();
    /** What a stub's {@code /q/health/ready} answers once set by {@code POST /_stub/ready/{status}} (else an echo). */
    private final Map<String, Integer> readiness = new ConcurrentHashMap<>();

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
        for (String service : List.of("flaky", "notfound", "slow")) {
            config.put("skillpath.gateway.routes." + service + "-service.url", "http://127.0.0.1:" + startStub(service + "-service"));
            config.put("skillpath.gateway.routes." + service + "-service.prefixes", "/api/v1/test-" + service);
        }
        config.put("skillpath.gateway.routes.breaker-down-service.url", "http://127.0.0.1:" + closedPort());
        config.put("skillpath.gateway.routes.breaker-down-service.prefixes", "/api/v1/test-breaker-down");
        config.putAll(TestKeys.generate());
        config.put("skillpath.gateway.auth.local-issuer.enabled", "true");
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
        String once = exchange.getRequestHeaders().getFirst("X-Stub-Abort-Once");
        if (once != null) {
            int seen = abortOnce.computeIfAbsent(once, t -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            if (seen == 1) {
                throw new IOException("stub hangs up once");
            }
            exchange.getResponseHeaders().set("X-Stub-Seen", Integer.toString(seen));
        }
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_stub/")) {
                control(service, path.substring("/_stub/".length()), exchange);
                return;
            }
            if (path.equals("/q/health/ready") && readiness.containsKey(service)) {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, readiness.get(service), Map.of("status", readiness.get(service) == 200 ? "UP" : "DOWN"));
                return;
            }
            if (path.equals("/q/openapi")) {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, 200, openApi(service));
                return;
            }
            String subject = subject(exchange);
            if (subject != null && subject.startsWith("dash-")) {
                exchange.getRequestBody().readAllBytes();
                canned(service, subject, exchange);
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
        if (token != null) {
            bodies.put(token, "reading");
        }
        try (InputStream body = exchange.getRequestBody()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                length += n;
                if (counter != null) {
                    counter.addAndGet(n);
                }
            }
        } catch (IOException e) {
            if (token != null) {
                bodies.put(token, "aborted");
            }
            throw e;
        }
        String declared = requestHeaders.getFirst("Content-Length");
        if (token != null) {
            // the JDK server reads a short fixed-length body as ended; a service would refuse it, so it counts as aborted
            bodies.put(token, declared != null && Long.parseLong(declared.trim()) != length ? "aborted" : "complete");
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
        String location = requestHeaders.getFirst("X-Stub-Location");
        if (location != null) {
            String self = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
            responseHeaders.set("Location", location.replace("{self}", self));
            responseHeaders.set("Content-Location", location.replace("{self}", self));
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

    private void control(String service, String command, HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String answer;
        if (command.startsWith("ready/")) {
            readiness.put(service, Integer.parseInt(command.substring("ready/".length())));
            answer = "ok";
        } else if (command.startsWith("received/")) {
            AtomicLong count = received.get(command.substring("received/".length()));
            answer = Long.toString(count == null ? 0 : count.get());
        } else if (command.startsWith("body/")) {
            answer = bodies.getOrDefault(command.substring("body/".length()), "none");
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

    /** The bearer token's subject, read without verification (the gateway verified it). */
    private static String subject(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            Object sub = JSON.readValue(java.util.Base64.getUrlDecoder().decode(parts[1]), Map.class).get("sub");
            return sub instanceof String s ? s : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** What the composed views ask the services for, with fixed data. */
    private void canned(String service, String subject, HttpExchange exchange) throws IOException, InterruptedException {
        String shortName = service.substring(0, service.indexOf('-'));
        if (subject.contains(shortName + "-slow")) {
            Thread.sleep(2_000);
        }
        if (subject.contains(shortName + "-fail")) {
            respond(exchange, 500, Map.of("type", "about:blank", "status", 500, "title", "stub failure"));
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        String skill = query.replaceAll("^(?:.*&)?skill=([^&]*).*$", "$1");
        Object answer = switch (service + " " + path) {
            case "skills-service /api/v1/learners/me/mastery" -> Map.of("learnerId", subject, "selfReportedOnly", List.of(),
                    "skills", List.of(
                            mastery("git-basics", "mastered", "2026-01-03T10:00:00Z"),
                            mastery("html", "learning", "2026-01-06T10:00:00Z"),
                            mastery("http", "mastered", "2026-01-01T10:00:00Z"),
                            mastery("css", "learning", "2026-01-05T10:00:00Z"),
                            mastery("sql", "learning", "2026-01-02T10:00:00Z"),
                            mastery("java", "learning", "2026-01-04T10:00:00Z")));
            case "skills-service /api/v1/learners/me/frontier" -> Map.of("learnerId", subject,
                    "skills", List.of(progress("relational-databases"), progress("apis"), progress("servers"), progress("queues")));
            case "content-service /api/v1/lessons" -> page(List.of(
                    item(skill + "-lesson-1"), item(skill + "-lesson-2"), item(skill + "-lesson-3"), item(skill + "-lesson-4")));
            case "quiz-service /api/v1/quizzes" -> page(List.of(item(skill + "-quiz-1"), item(skill + "-quiz-2")));
            case "quiz-service /api/v1/learners/me/attempts" -> page(List.of(item("attempt-1"), item("attempt-2"),
                    item("attempt-3"), item("attempt-4"), item("attempt-5"), item("attempt-6")));
            default -> null;
        };
        if (answer == null && service.equals("skills-service") && path.startsWith("/api/v1/skills/") && path.endsWith("/path")) {
            String target = path.substring("/api/v1/skills/".length(), path.length() - "/path".length());
            if (target.equals("no-such-skill")) {
                respond(exchange, 404, Map.of("type", "https://skillpath.dev/problems/not-found", "status", 404,
                        "title", "Not Found", "detail", "No skill no-such-skill"));
                return;
            }
            answer = Map.of("target", Map.of("slug", target), "personalised", true,
                    "steps", List.of(progress("http"), progress("apis"), progress(target)));
        }
        if (answer == null) {
            respond(exchange, 404, Map.of("status", 404, "title", "Not Found"));
            return;
        }
        respond(exchange, 200, answer);
    }

    private static Map<String, Object> mastery(String slug, String state, String lastEvidenceAt) {
        return Map.of("skill", Map.of("slug", slug, "name", slug), "state", state,
                "probability", state.equals("mastered") ? 0.97 : 0.4, "lastEvidenceAt", lastEvidenceAt);
    }

    private static Map<String, Object> progress(String slug) {
        return Map.of("skill", Map.of("slug", slug, "name", slug), "probability", 0.2, "mastered", false);
    }

    private static Map<String, Object> item(String slug) {
        return Map.of("id", slug, "slug", slug);
    }

    private static Map<String, Object> page(List<?> items) {
        return Map.of("items", items, "page", 0, "size", items.size(), "total", items.size(), "totalPages", 1);
    }

    /** Each stub's OpenAPI document: its paths, and components that partly clash with the others'. */
    static Map<String, Object> openApi(String service) {
        List<String> prefixes = switch (service) {
            case "skills-service" -> List.of("/api/v1/skills", "/api/v1/learners/me/mastery");
            case "content-service" -> List.of("/api/v1/lessons", "/api/v1/search");
            case "quiz-service" -> List.of("/api/v1/quizzes", "/api/v1/attempts");
            default -> List.of("/api/v1/test-" + service.substring(0, service.indexOf('-')));
        };
        Map<String, Object> problemRef = Map.of("$ref", "#/components/schemas/Problem");
        Map<String, Object> failure = Map.of("description", "failure",
                "content", Map.of("application/problem+json", Map.of("schema", problemRef)));
        Map<String, Object> ok = Map.of("description", "ok");
        Map<String, Object> paths = new LinkedHashMap<>();
        List<Map<String, Object>> serviceSecurity = List.of(Map.of("SecurityScheme", List.of()));
        for (String prefix : prefixes) {
            paths.put(prefix, Map.of(
                    "get", Map.of("operationId", "list" + prefix.hashCode(), "responses", Map.of("200", ok, "400", failure)),
                    "post", Map.of("operationId", "create" + prefix.hashCode(), "security", serviceSecurity,
                            "responses", Map.of("201", ok, "400", failure))));
            paths.put(prefix + "/{id}", Map.of(
                    "get", Map.of("operationId", "get" + prefix.hashCode(), "responses", Map.of("200", ok)),
                    "delete", Map.of("operationId", "delete" + prefix.hashCode(), "security", serviceSecurity,
                            "responses", Map.of("204", ok))));
        }
        if (service.equals("quiz-service")) {
            paths.put("/api/v1/quizzes/{id}/attempts", Map.of("post", Map.of("operationId", "startAttempt",
                    "responses", Map.of("201", ok))));
        }
        // Documented by the service, but the gateway routes it nowhere: it must not appear at the gateway.
        paths.put("/api/v1/internal/" + service, Map.of("get", Map.of("responses", Map.of("200", ok))));
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Problem", Map.of("type", "object", "properties", Map.of(
                "status", Map.of("type", "integer"), "x-from", Map.of("type", "string", "const", service))));
        schemas.put("Page", Map.of("type", "object", "properties", Map.of("total", Map.of("type", "integer"))));
        schemas.put(service.replace("-", "_") + "_Thing", Map.of("type", "object", "properties", Map.of("problem", problemRef)));
        return Map.of(
                "openapi", "3.1.0",
                "info", Map.of("title", service, "version", "test"),
                "tags", List.of(Map.of("name", service + "-tag")),
                "paths", paths,
                "components", Map.of("schemas", schemas, "securitySchemes", Map.of("SecurityScheme",
                        Map.of("type", "http", "scheme", "bearer"))));
    }

    private static void respond(HttpExchange exchange, int status, Object json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.getResponseHeaders().set("X-Stub-Service", "canned");
        exchange.sendResponseHeaders(status, bytes.length);
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
