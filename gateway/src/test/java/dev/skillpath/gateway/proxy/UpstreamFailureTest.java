package dev.skillpath.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * An upstream that is down or slow gets the client a problem document, quickly. The test profile
 * shortens the gateway's timeout to 1 s and lengthens its connect timeout to 5 s
 * ({@code %test.skillpath.gateway.*} in application.properties).
 */
@QuarkusTest
@WithTestResource(StubServices.class)
class UpstreamFailureTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aServiceThatIsDownIsA503NamingIt() {
        long started = System.nanoTime();
        ValidatableResponse response = given().header("X-Request-Id", "down-1")
                .when().get("/api/v1/test-down/anything?x=1")
                .then();
        long millis = (System.nanoTime() - started) / 1_000_000;
        problem(response, 503, "service-unavailable", "Service unavailable")
                .header("X-Request-Id", "down-1")
                .body("detail", equalTo("down-service is unavailable"))
                .body("instance", equalTo("/api/v1/test-down/anything"));
        // Well under the 5 s test connect timeout: a refused connection is answered at once.
        assertTrue(millis < 4_000, "took " + millis + " ms");
    }

    @Test
    void aBodyForAServiceThatIsDownGetsA503Too() {
        given().auth().oauth2(Tokens.author()).contentType("application/json").body("{\"answer\":42}")
                .when().post("/api/v1/test-down/attempts")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", equalTo("down-service is unavailable"));
    }

    @Test
    void aServiceSlowerThanTheTimeoutIsA504() {
        long started = System.nanoTime();
        ValidatableResponse response = given().header("X-Stub-Delay-Ms", 8_000)
                .when().get("/api/v1/skills/slow")
                .then();
        long millis = (System.nanoTime() - started) / 1_000_000;
        problem(response, 504, "gateway-timeout", "Gateway timeout")
                .body("detail", equalTo("skills-service did not answer within 1 s"));
        // After the 1 s timeout, well before the stub's 8 s delay.
        assertTrue(millis >= 900 && millis < 6_000, "took " + millis + " ms");

        // The abandoned upstream exchange does not spoil the next one.
        given().when().get("/api/v1/skills/fast").then().statusCode(200).body("service", equalTo("skills-service"));
    }

    @Test
    void aSlowUploadDoesNotCountAgainstTheTimeout() throws Exception {
        // Six pieces 250 ms apart: the upload alone takes longer than the 1 s timeout.
        byte[] piece = new byte[8 * 1024];
        InputStream slowBody = new InputStream() {
            private int pieces;
            private int position = piece.length;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position == piece.length) {
                    if (pieces == 6) {
                        return -1;
                    }
                    pieces++;
                    position = 0;
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                }
                int n = Math.min(length, piece.length - position);
                System.arraycopy(piece, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/lessons/intro/media"))
                .header("Authorization", "Bearer " + Tokens.author())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slowBody))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"bodyLength\":" + 6 * piece.length), response.body());
    }

    @Test
    void aServiceThatHangsUpIsA502() {
        problem(given().header("X-Stub-Abort", "true").when().get("/api/v1/search?q=x").then(),
                502, "bad-gateway", "Bad gateway")
                .body("detail", containsString("content-service"));
    }

    @Test
    void aReadOnAConnectionThatClosesUnderItIsTriedOnceMore() {
        // what a pooled connection to a service that has just gone away does: the retry answers (here the service
        // is back at once; when it is really gone the retry finds it down and answers 503)
        String token = "hang-up-" + java.util.UUID.randomUUID();
        given().header("X-Stub-Abort-Once", token).when().get("/api/v1/search?q=x")
                .then().statusCode(200).header("X-Stub-Seen", "2");
    }

    @Test
    void aWriteOnAConnectionThatClosesUnderItIsNotRepeated() {
        String token = "hang-up-" + java.util.UUID.randomUUID();
        // without a body, so that only the method keeps it from being repeated
        problem(given().header("Authorization", "Bearer " + Tokens.author()).header("X-Stub-Abort-Once", token)
                        .when().post("/api/v1/lessons").then(),
                502, "bad-gateway", "Bad gateway");
        // the stub saw the write once: the next request with the token is its second
        given().header("X-Stub-Abort-Once", token).when().get("/api/v1/search?q=x")
                .then().statusCode(200).header("X-Stub-Seen", "2");
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type, String title) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo("https://skillpath.dev/problems/" + type))
                .body("title", equalTo(title))
                .body("status", equalTo(status))
                .body("detail", notNullValue());
    }
}
