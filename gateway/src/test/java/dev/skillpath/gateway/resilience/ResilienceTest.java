package dev.skillpath.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.proxy.StubServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Circuit breakers and timeouts per upstream. Each test uses a stub of its own (flaky-, notfound-,
 * slow-, breaker-down-service) so that an open breaker never leaks into another test. The test profile
 * opens a breaker for 2 s and times out after 1 s.
 */
@QuarkusTest
@WithTestResource(StubServices.class)
class ResilienceTest {

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = "skillpath.gateway.routes.flaky-service.url")
    String flakyService;

    @Test
    void repeated5xxOpenTheBreakerThenOneProbeClosesIt() throws Exception {
        for (int i = 0; i < 10; i++) {
            given().header("X-Stub-Status", 503).when().get("/api/v1/test-flaky/x").then().statusCode(503)
                    .header("X-Stub-Service", "flaky-service");
        }
        // Open: a request that the stub would answer 200 is refused at once, without reaching it.
        Response refused = given().when().get("/api/v1/test-flaky/x");
        assertEquals(503, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("https://skillpath.dev/problems/circuit-open", refused.jsonPath().getString("type"));
        assertEquals(null, refused.header("X-Stub-Service"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);

        // After the open period, one probe passes; its success closes the breaker.
        Thread.sleep(2_100);
        given().when().get("/api/v1/test-flaky/x").then().statusCode(200).header("X-Stub-Service", "flaky-service");
        given().when().get("/api/v1/test-flaky/y").then().statusCode(200);
    }

    @Test
    void notFoundAnswersNeverOpenTheBreaker() {
        for (int i = 0; i < 30; i++) {
            given().header("X-Stub-Status", 404).when().get("/api/v1/test-notfound/missing-" + i).then().statusCode(404)
                    .header("X-Stub-Service", "notfound-service");
        }
        for (int status : new int[] {400, 409, 422}) {
            for (int i = 0; i < 5; i++) {
                given().header("X-Stub-Status", status).when().get("/api/v1/test-notfound/x").then().statusCode(status);
            }
        }
        given().when().get("/api/v1/test-notfound/there").then().statusCode(200).header("X-Stub-Service", "notfound-service");
        // The same breaker does count failures: ten 5xx open it (so the 4xx above were counted, as successes).
        for (int i = 0; i < 10; i++) {
            given().header("X-Stub-Status", 500).when().get("/api/v1/test-notfound/x").then().statusCode(500)
                    .header("X-Stub-Service", "notfound-service");
        }
        given().when().get("/api/v1/test-notfound/there").then().statusCode(503)
                .body("type", equalTo("https://skillpath.dev/problems/circuit-open"));
    }

    @Test
    void aServiceThatIsDownGetsFast503sAndThenAnOpenBreaker() {
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            given().when().get("/api/v1/test-breaker-down/x").then().statusCode(503)
                    .body("type", equalTo("https://skillpath.dev/problems/service-unavailable"));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        // Ten refused connections (each read retried once) take well under one connect timeout (5 s in tests).
        assertTrue(millis < 3_000, "took " + millis + " ms");
        given().when().get("/api/v1/test-breaker-down/x").then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://skillpath.dev/problems/circuit-open"))
                .body("detail", startsWith("breaker-down-service is failing"));
    }

    @Test
    void aSlowServiceIsA504AndDoesNotSlowTheOthers() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // Twelve requests held by slow-service (each answered 504 after the 1 s timeout) ...
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            slow.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gateway + "api/v1/test-slow/x" + i))
                    .header("X-Stub-Delay-Ms", "4000").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        // ... while another service's route keeps answering quickly.
        long slowest = 0;
        int fast = 0;
        while (System.nanoTime() - started < 800_000_000L && fast < 200) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "api/v1/skills/java")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
            fast++;
        }
        assertTrue(fast >= 5, "only " + fast + " fast requests while the slow ones were held");
        assertTrue(slowest < 500, "a request to skills-service took " + slowest + " ms while slow-service was slow");
        for (CompletableFuture<HttpResponse<String>> f : slow) {
            HttpResponse<String> response = f.get();
            assertEquals(504, response.statusCode(), response.body());
            assertTrue(response.body().contains("slow-service did not answer within 1 s"), response.body());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 3_500, "the 504s took " + millis + " ms, the stub's delay is 4 s");
    }
}
