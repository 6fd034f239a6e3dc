package dev.skillpath.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What the gateway passes through, both ways: method, body, status, headers, ids. Writes and a learner's
 * paths carry a token, as the gateway's access rules require (AuthTest covers the rules themselves).
 */
@QuarkusTest
@WithTestResource(StubServices.class)
class ForwardingTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = "skillpath.gateway.routes.skills-service.url")
    String skillsService;

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void methodAndBodyArriveIntact(String method) throws Exception {
        byte[] body = ("{\"title\":\"Binary search\",\"method\":\"" + method + "\"}").getBytes();
        String token = Tokens.author();
        given().auth().oauth2(token).contentType("application/json").body(body)
                .when().request(method, "/api/v1/lessons/binary-search")
                .then().statusCode(200)
                .body("method", equalTo(method))
                .body("uri", equalTo("/api/v1/lessons/binary-search"))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(sha256(body)))
                .body("headers.content-type", contains("application/json"))
                .body("headers.content-length", contains(String.valueOf(body.length)))
                // the service verifies the token again: it gets it unchanged
                .body("headers.authorization", contains("Bearer " + token));
    }

    @Test
    void getAndHeadCarryNoBody() {
        given().when().get("/api/v1/skills/java")
                .then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("bodyLength", equalTo(0))
                .body("headers", not(hasKey("transfer-encoding")))
                .body("headers", not(hasKey("content-length")));
        Response head = given().when().head("/api/v1/skills/java");
        assertEquals(200, head.statusCode());
        assertEquals("skills-service", head.header("X-Stub-Service"));
        assertEquals(0, head.asByteArray().length);
    }

    @Test
    void aLargeBodyWithContentLengthArrivesIntact() throws Exception {
        // as large as a write may be (1 MiB, the default limit; BoundedEdgesTest covers what lies beyond)
        byte[] body = new byte[1024 * 1024];
        new Random(42).nextBytes(body);
        given().auth().oauth2(Tokens.author()).contentType("application/octet-stream").body(body)
                .when().post("/api/v1/lessons/big/attachments")
                .then().statusCode(200)
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(sha256(body)))
                .body("headers.content-length", contains(String.valueOf(body.length)))
                .body("headers", not(hasKey("transfer-encoding")));
    }

    @Test
    void aLargeChunkedBodyArrivesIntactAndChunked() throws Exception {
        byte[] body = new byte[1024 * 1024];
        new Random(7).nextBytes(body);
        // A stream of unknown length goes out chunked (rest-assured would buffer it and send a length).
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/quizzes/q1/import"))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + Tokens.author())
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        JsonPath echo = new JsonPath(new ByteArrayInputStream(response.body()));
        assertEquals("quiz-service", echo.getString("service"));
        assertEquals(body.length, echo.getLong("bodyLength"));
        assertEquals(sha256(body), echo.getString("bodySha256"));
        assertEquals(List.of("chunked"), echo.getList("headers.transfer-encoding"));
        assertNull(echo.get("headers.content-length"));
    }

    @Test
    void aRedirectToTheServicesOwnAddressNamesTheGatewayInstead() {
        // skills-service answers a renamed skill's old slug with its own address
        Response moved = given().redirects().follow(false).header("X-Stub-Status", 301)
                .header("X-Stub-Location", "{self}/api/v1/skills/new-slug?view=full")
                .when().get("/api/v1/skills/old-slug");
        assertEquals(301, moved.statusCode());
        assertEquals("/api/v1/skills/new-slug?view=full", moved.header("Location"));
        assertEquals("/api/v1/skills/new-slug?view=full", moved.header("Content-Location"));
        assertEquals("skills-service", moved.header("X-Stub-Service"));
    }

    @Test
    void aCreatedResourcesLocationNamesTheGatewayInstead() {
        Response created = given().auth().oauth2(Tokens.author()).contentType("application/json").body("{}")
                .header("X-Stub-Status", 201).header("X-Stub-Location", "{self}/api/v1/lessons/l-42")
                .when().post("/api/v1/lessons");
        assertEquals(201, created.statusCode());
        assertEquals("/api/v1/lessons/l-42", created.header("Location"));
        assertEquals("/api/v1/lessons/l-42", created.header("Content-Location"));
        // another upstream's address is just as internal
        Response elsewhere = given().auth().oauth2(Tokens.author()).header("X-Stub-Status", 201)
                .header("X-Stub-Location", skillsService + "/api/v1/skills/s-1")
                .when().post("/api/v1/lessons/l-42/skills");
        assertEquals("/api/v1/skills/s-1", elsewhere.header("Location"));
    }

    @Test
    void relativeAndForeignLocationsPassUnchanged() {
        for (String location : List.of("/api/v1/skills/new-slug", "https://cdn.example.com/media/1", "http://127.0.0.1:1/api/v1/x")) {
            Response r = given().redirects().follow(false).header("X-Stub-Status", 302).header("X-Stub-Location", location)
                    .when().get("/api/v1/skills/somewhere");
            assertEquals(302, r.statusCode());
            assertEquals(location, r.header("Location"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 202, 400, 404, 409, 422, 500})
    void upstreamStatusAndHeadersPassBack(int status) {
        given().auth().oauth2(Tokens.learner("l-1")).header("X-Stub-Status", status)
                .when().post("/api/v1/attempts/a1/submit")
                .then().statusCode(status)
                .contentType("application/json")
                .header("X-Stub-Service", "quiz-service")
                .body("service", equalTo("quiz-service"));
        List<String> multi = given().auth().oauth2(Tokens.learner("l-1")).header("X-Stub-Status", status)
                .when().post("/api/v1/attempts/a1/submit")
                .headers().getValues("X-Stub-Multi");
        assertEquals(List.of("one", "two"), multi);
    }

    @Test
    void noContentPassesBackWithoutBody() {
        Response response = given().auth().oauth2(Tokens.admin()).header("X-Stub-Status", 204).when().delete("/api/v1/skills/old");
        assertEquals(204, response.statusCode());
        assertEquals("skills-service", response.header("X-Stub-Service"));
        assertEquals(0, response.asByteArray().length);
    }

    @Test
    void hopByHopRequestHeadersStayAtTheGateway() throws Exception {
        RawHttp.Response response = RawHttp.send(gateway.getPort(), "GET /api/v1/skill-categories HTTP/1.1",
                "Connection: X-Conn-Private",
                "X-Conn-Private: secret",
                "Keep-Alive: timeout=300",
                "Proxy-Authorization: Basic c3R1YjpzdHVi",
                "Proxy-Custom: 1",
                "TE: trailers",
                "Trailer: X-Checksum",
                "Upgrade: stub-protocol/1",
                "X-End-To-End: kept");
        assertEquals(200, response.status(), response.bodyText());
        @SuppressWarnings("unchecked")
        Map<String, List<String>> seen = (Map<String, List<String>>) new ObjectMapper()
                .readValue(response.body(), Map.class).get("headers");
        for (String name : List.of("x-conn-private", "keep-alive", "proxy-authorization", "proxy-custom", "te", "trailer", "upgrade")) {
            assertFalse(seen.containsKey(name), name + " reached the upstream: " + seen);
        }
        List<String> connection = seen.get("connection");
        assertTrue(connection == null || connection.stream().noneMatch(v -> v.toLowerCase().contains("x-conn-private")),
                "Connection options reached the upstream: " + connection);
        assertEquals(List.of("kept"), seen.get("x-end-to-end"));
    }

    @Test
    void hopByHopResponseHeadersStayAtTheGateway() throws Exception {
        RawHttp.Response response = RawHttp.send(gateway.getPort(), "GET /api/v1/search?q=graphs HTTP/1.1",
                "X-Stub-Hop-Headers: true");
        assertEquals(200, response.status(), response.bodyText());
        assertEquals("end-to-end", response.header("X-Stub-Kept"));
        for (String name : List.of("X-Stub-Private", "Keep-Alive", "Proxy-Authenticate", "Trailer", "Upgrade")) {
            assertNull(response.header(name), name + " reached the client");
        }
        String connection = response.header("Connection");
        assertTrue(connection == null || !connection.toLowerCase().contains("x-stub-private"), connection);
        // The stub sent a fixed length, so nothing was re-chunked on the way.
        assertNull(response.header("Transfer-Encoding"));
        assertEquals(String.valueOf(response.body().length), response.header("Content-Length"));
    }

    @Test
    void forwardedHeadersAreAddedAndTheUpstreamGetsItsOwnHost() {
        given().auth().oauth2(Tokens.learner("l-1")).header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "gopher")
                .when().get("/api/v1/learners/me/frontier")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", contains("203.0.113.7, 127.0.0.1"))
                .body("headers.x-forwarded-proto", contains("http"))
                .body("headers.x-forwarded-host", contains("localhost:" + gateway.getPort()))
                .body("headers.host[0]", startsWith("127.0.0.1:"));
        given().auth().oauth2(Tokens.learner("l-1")).when().get("/api/v1/learners/me/frontier")
                .then().statusCode(200)
                .body("headers.x-forwarded-for", contains("127.0.0.1"));
    }

    @Test
    void aRequestIdIsCreatedWhenMissingAndGoesBothWays() {
        Response response = given().auth().oauth2(Tokens.learner("l-1")).when().get("/api/v1/learners/me/mastery");
        assertEquals(200, response.statusCode());
        String id = response.header("X-Request-Id");
        assertTrue(id != null && id.matches(UUID_PATTERN), "generated id: " + id);
        assertEquals(List.of(id), response.jsonPath().getList("headers.x-request-id"));

        String next = given().auth().oauth2(Tokens.learner("l-1")).when().get("/api/v1/learners/me/mastery").header("X-Request-Id");
        assertNotEquals(id, next, "each request gets its own id");
    }

    @Test
    void aClientsRequestIdIsKept() {
        given().auth().oauth2(Tokens.learner("l-1")).header("X-Request-Id", "client-chosen-42")
                .when().get("/api/v1/learners/me/completions")
                .then().statusCode(200)
                .header("X-Request-Id", "client-chosen-42")
                .body("headers.x-request-id", contains("client-chosen-42"));
    }

    @Test
    void anUnusableRequestIdIsReplaced() {
        String tooLong = "x".repeat(300);
        given().auth().oauth2(Tokens.learner("l-1")).header("X-Request-Id", tooLong)
                .when().get("/api/v1/learners/me/completions")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID_PATTERN))
                .body("headers.x-request-id[0]", matchesPattern(UUID_PATTERN));
    }

    @Test
    void theUpstreamsRequestIdDoesNotReplaceTheGatewaysOne() {
        // The stub does not echo X-Request-Id on its own; the gateway sets it on every answer.
        given().auth().oauth2(Tokens.learner("l-1")).header("X-Request-Id", "abc-123")
                .header("X-Stub-Status", 409)
                .when().put("/api/v1/attempts/a1/answers/q1")
                .then().statusCode(409)
                .header("X-Request-Id", "abc-123");
    }

    @Test
    void traceContextPassesUnchanged() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().header("traceparent", traceparent)
                .header("tracestate", "skillpath=t61rcWkgMzE")
                .when().get("/api/v1/questions/q9")
                .then().statusCode(200)
                .body("headers.traceparent", contains(traceparent))
                .body("headers.tracestate", contains("skillpath=t61rcWkgMzE"));
        given().when().get("/api/v1/questions/q9")
                .then().statusCode(200)
                .body("headers.traceparent", nullValue());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
