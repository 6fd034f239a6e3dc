package dev.skillpath.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.proxy.StubServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * An open breaker whose service says it is ready again lets traffic through long before {@code open-for} (60 s
 * here) has passed; while the service says it is not ready, the breaker stays open.
 */
@QuarkusTest
@TestProfile(BreakerRecoveryTest.FastRecovery.class)
@WithTestResource(StubServices.class)
class BreakerRecoveryTest {

    public static class FastRecovery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skillpath.gateway.circuit-breaker.open-for", "60s",
                    "skillpath.gateway.circuit-breaker.recovery-check", "200ms");
        }
    }

    @ConfigProperty(name = "skillpath.gateway.routes.flaky-service.url")
    String flakyService;

    @Test
    void aServiceReadyAgainGetsItsTrafficBackWithinTheRecoveryCheck() throws Exception {
        setReadiness(503);
        for (int i = 0; i < 10; i++) {
            given().header("X-Stub-Status", 503).when().get("/api/v1/test-flaky/x").then().statusCode(503)
                    .header("X-Stub-Service", "flaky-service");
        }
        // open, and the service says it is not ready: refused for as long as that lasts; requests go on until one sent
        // 1.2 s (6 checks) after the breaker opened is refused too (how many fit in between depends on the machine)
        long opened = System.nanoTime();
        long sent;
        do {
            sent = System.nanoTime();
            Response r = given().when().get("/api/v1/test-flaky/x");
            assertEquals(503, r.statusCode(), "refused " + Duration.ofNanos(sent - opened).toMillis() + " ms after it opened");
            assertEquals("https://skillpath.dev/problems/circuit-open", r.jsonPath().getString("type"));
            Thread.sleep(50);
        } while (sent - opened < Duration.ofMillis(1_200).toNanos());

        setReadiness(200);
        long readyAt = System.nanoTime();
        int status = 0;
        while (System.nanoTime() - readyAt < Duration.ofSeconds(10).toNanos()) {
            status = given().when().get("/api/v1/test-flaky/x").statusCode();
            if (status == 200) {
                break;
            }
            Thread.sleep(50);
        }
        long millis = Duration.ofNanos(System.nanoTime() - readyAt).toMillis();
        assertEquals(200, status, "routed again after " + millis + " ms");
        assertTrue(millis < 5_000, "routed again after " + millis + " ms, far below open-for (60 s)");
        given().when().get("/api/v1/test-flaky/y").then().statusCode(200).header("X-Stub-Service", "flaky-service");
    }

    private void setReadiness(int status) {
        given().baseUri(flakyService).when().post("/_stub/ready/" + status).then().statusCode(200);
    }
}
