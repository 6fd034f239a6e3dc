package dev.skillpath.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * What a client may send, and how long it may take: a body limit per route class, a deadline for the whole body, no
 * body on GET and HEAD. One pooled connection per service here, so that a test can show the connection of a
 * request the gateway broke off is free again: the next request to the same service gets it.
 */
@QuarkusTest
@TestProfile(BoundedEdgesTest.Bounded.class)
@WithTestResource(StubServices.class)
class BoundedEdgesTest {

    static final int WRITE_LIMIT = 64 * 1024;

    public static class Bounded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "skillpath.gateway.max-connections-per-service", "1",
                    "skillpath.gateway.limits.write-body", Integer.toString(WRITE_LIMIT),
                    "skillpath.gateway.limits.body-deadline", "1s",
                    "skillpath.gateway.connect-timeout", "500ms",
                    "skillpath.gateway.pool-timeout", "1s",
                    // slow-service may hold its one connection for longer than anyone waits for it
                    "skillpath.gateway.routes.slow-service.timeout", "20s");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = "skillpath.gateway.routes.content-service.url")
    String contentService;

    @ConfigProperty(name = "skillpath.gateway.routes.slow-service.url")
    String slowService;

    @Test
    void aDeclaredLengthOverTheLimitIs413AtOnceAndReachesNoService() throws Exception {
        String token = UUID.randomUUID().toString();
        // only the head is sent: the answer cannot wait for a body
        try (RawHttp.Open open = new RawHttp.Open(gateway.getPort(), "POST /api/v1/lessons/intro/media HTTP/1.1",
                "Authorization: Bearer " + Tokens.author(), "Content-Type: application/octet-stream",
                "Content-Length: " + (WRITE_LIMIT + 1), "X-Stub-Token: " + token)) {
            RawHttp.Response response = open.response();
            problem(response, 413, "payload-too-large");
            assertEquals("close", response.header("Connection"));
            assertTrue(response.bodyText().contains("at most " + WRITE_LIMIT + " bytes"), response.bodyText());
        }
        assertEquals("none", bodyState(token), "nothing reached content-service");

        // exactly the limit passes, intact
        byte[] body = new byte[WRITE_LIMIT];
        Arrays.fill(body, (byte) 'b');
        given().auth().oauth2(Tokens.author()).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/lessons/intro/media")
                .then().statusCode(200).body("bodyLength", equalTo(WRITE_LIMIT));
    }

    /**
     * A client that sends its whole too-large body while the gateway answers must still read the 413: the gateway
     * reads and drops what follows its answer for a moment before it closes, for closing a connection with unread
     * bytes resets it, and a reset destroys the answer before the client has read it.
     */
    @Test
    void aClientSendingAWholeTooLargeBodyReadsThe413() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[64 * WRITE_LIMIT];
        Arrays.fill(body, (byte) 'x');
        List<String> lost = new ArrayList<>();
        int rounds = 100;
        for (int i = 0; i < rounds; i++) {
            HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/lessons"))
                    .header("Authorization", "Bearer " + Tokens.author()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 413 || !answer.body().contains("payload-too-large")) {
                    lost.add(answer.statusCode() + " " + answer.body());
                }
            } catch (java.io.IOException e) {
                lost.add(e.toString());
            }
        }
        assertEquals(List.of(), lost, "of " + rounds + " too-large bodies, these did not read a 413");
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsCutAndTheServiceSeesItAborted() throws Exception {
        String token = UUID.randomUUID().toString();
        RawHttp.Response response;
        try (RawHttp.Open open = new RawHttp.Open(gateway.getPort(), "PUT /api/v1/lessons/intro/media HTTP/1.1",
                "Authorization: Bearer " + Tokens.author(), "Content-Type: application/octet-stream",
                "Transfer-Encoding: chunked", "X-Stub-Token: " + token)) {
            byte[] piece = new byte[16 * 1024];
            Arrays.fill(piece, (byte) 'c');
            byte[] chunk = chunk(piece);
            // the first pieces reach the service (it is streamed), then the body grows past the limit
            for (int i = 0; i < 8 && open.write(chunk); i++) {
                if (i == 0) {
                    assertTrue(waitFor(() -> bodyState(token).equals("reading")), "the body was streamed to content-service");
                }
            }
            response = open.response();
        }
        problem(response, 413, "payload-too-large");
        assertEquals("close", response.header("Connection"));
        assertTrue(waitFor(() -> bodyState(token).equals("aborted")),
                "content-service saw the body " + bodyState(token) + ", not cut off");
        // the pool's one connection to content-service is free again
        given().when().get("/api/v1/lessons/after-the-cut").then().statusCode(200).body("service", equalTo("content-service"));
    }

    @Test
    void aBodyTrickledSlowerThanTheDeadlineIs408AndFreesTheUpstreamConnection() throws Exception {
        String token = UUID.randomUUID().toString();
        AtomicInteger sent = new AtomicInteger();
        RawHttp.Response response;
        try (RawHttp.Open open = new RawHttp.Open(gateway.getPort(), "POST /api/v1/lessons/intro/media HTTP/1.1",
                "Authorization: Bearer " + Tokens.author(), "Content-Type: application/octet-stream",
                "Content-Length: 100", "X-Stub-Token: " + token)) {
            // one byte a second, for as long as the gateway listens (at most the whole body)
            Thread trickle = new Thread(() -> {
                while (sent.get() < 100 && open.write(new byte[] {'t'})) {
                    sent.incrementAndGet();
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "trickle");
            trickle.setDaemon(true);
            trickle.start();
            response = open.response();
            trickle.interrupt();
        }
        problem(response, 408, "request-timeout");
        assertEquals("close", response.header("Connection"));
        assertTrue(sent.get() < 100, "the whole body was sent");
        assertTrue(waitFor(() -> bodyState(token).equals("aborted")),
                "content-service saw the body " + bodyState(token) + ", not cut off");
        // with one connection per service, this request would wait for the trickler's if it were still held
        given().when().get("/api/v1/lessons/after-the-trickle").then().statusCode(200).body("service", equalTo("content-service"));
    }

    @Test
    void getAndHeadWithABodyAre400AndReachNoService() throws Exception {
        String[][] requests = {
                {"GET /api/v1/skills/java HTTP/1.1", "Content-Length: 5"},
                {"GET /api/v1/skills/java HTTP/1.1", "Transfer-Encoding: chunked"},
                {"HEAD /api/v1/skills/java HTTP/1.1", "Content-Length: 1"},
                {"GET /api/v1/auth/token HTTP/1.1", "Content-Length: 2"},
        };
        for (String[] request : requests) {
            String token = UUID.randomUUID().toString();
            RawHttp.Response response = RawHttp.send(gateway.getPort(), request[0], request[1], "X-Stub-Token: " + token);
            assertEquals(400, response.status(), String.join(" ", request));
            assertEquals("close", response.header("Connection"));
            if (!request[0].startsWith("HEAD")) {
                assertEquals("https://skillpath.dev/problems/bad-request", new JsonPath(response.bodyText()).getString("type"));
            }
            assertEquals("none", bodyState(token), "nothing reached the service for " + String.join(" ", request));
        }
        // a GET that says it has no body is fine
        RawHttp.Response empty = RawHttp.send(gateway.getPort(), "GET /api/v1/skills/java HTTP/1.1", "Content-Length: 0");
        assertEquals(200, empty.status());
    }

    @Test
    void waitingForABusyPoolIsA503ThatTheBreakerDoesNotCount() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // slow-service's one pooled connection is held for 8 s (long, so that a loaded machine still sends every
        // waiter while it is held) ...
        String hold = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/test-slow/hold"))
                .header("X-Stub-Delay-Ms", "8000").header("X-Stub-Token", hold).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(waitFor(() -> bodyState(slowService, hold).equals("complete")), "the holding request reached slow-service");
        // ... while more requests than the breaker's minimum-calls (10) wait for it, each for pool-timeout (1 s)
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waiting.add(http.sendAsync(HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/test-slow/wait-" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : waiting) {
            HttpResponse<String> busy = f.get(10, TimeUnit.SECONDS);
            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("https://skillpath.dev/problems/upstream-busy", new JsonPath(busy.body()).getString("type"));
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
        }
        assertEquals(200, held.get(15, TimeUnit.SECONDS).statusCode(), "the holder was answered");
        // Twelve of twelve would have opened the breaker had they counted as failures: it is closed.
        given().when().get("/api/v1/test-slow/after").then().statusCode(200).body("service", equalTo("slow-service"));
    }

    private static void problem(RawHttp.Response response, int status, String type) {
        assertEquals(status, response.status(), response.bodyText());
        assertEquals("application/problem+json", response.header("Content-Type"));
        JsonPath json = new JsonPath(response.bodyText());
        assertEquals("https://skillpath.dev/problems/" + type, json.getString("type"));
        assertEquals(status, json.getInt("status"));
    }

    private static byte[] chunk(byte[] data) {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = Arrays.copyOf(head, head.length + data.length + 2);
        System.arraycopy(data, 0, chunk, head.length, data.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    /** What content-service's stub saw of the body sent with this token. */
    private String bodyState(String token) {
        return bodyState(contentService, token);
    }

    private static String bodyState(String service, String token) {
        try {
            return given().baseUri(service).when().get("/_stub/body/" + token).then().statusCode(200).extract().asString();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

}
