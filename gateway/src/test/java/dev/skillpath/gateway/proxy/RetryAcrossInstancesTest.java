package dev.skillpath.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * With no readiness checks to steer it ({@code instance-check=0s}), the gateway still reaches {@code a} or {@code b}
 * when its turn falls on the address where nothing listens: a request that could not connect goes to another
 * instance, a write included (it never reached a service), and every write is applied exactly once. A write whose
 * connection closed after it was sent is not sent again: it may have been applied.
 */
@QuarkusTest
@TestProfile(RetryAcrossInstancesTest.Unchecked.class)
@WithTestResource(InstanceStubs.class)
class RetryAcrossInstancesTest {

    public static class Unchecked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skillpath.gateway.health.instance-check", "0s");
        }
    }

    @Test
    void everyWriteReachesExactlyOneLiveInstanceWhenOneAddressRefuses() {
        Map<String, Integer> answeredBy = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String write = "write-" + i;
            Response r = given().auth().oauth2(Tokens.author()).header("X-Write", write).contentType("application/json")
                    .body("{\"n\":" + i + "}").when().post("/api/v1/test-balanced/items");
            assertEquals(201, r.statusCode(), write + ": " + r.asString());
            answeredBy.merge(r.header("X-Instance"), 1, Integer::sum);
            Map<String, Integer> seen = BalancingTest.seen(write);
            assertEquals(Map.of(r.header("X-Instance"), 1), seen, write + " was applied where it was answered, once");
        }
        assertEquals(30, answeredBy.getOrDefault("a", 0) + answeredBy.getOrDefault("b", 0));
        // the refusing address's share went to the others; neither was starved
        assertEquals(true, answeredBy.getOrDefault("a", 0) >= 10 && answeredBy.getOrDefault("b", 0) >= 10, answeredBy.toString());
    }

    @Test
    void aWriteWhoseConnectionClosedAfterItWasSentIsNotSentAgain() {
        Response r = given().auth().oauth2(Tokens.author()).header("X-Write", "hung-up-write").header("X-Abort", "true")
                .contentType("application/json").body("{}").when().post("/api/v1/test-balanced/items");
        assertEquals(502, r.statusCode(), r.asString());
        assertEquals("application/problem+json", r.contentType());
        int total = BalancingTest.seen("hung-up-write").values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(1, total, "sent once: " + BalancingTest.seen("hung-up-write"));
    }

    @Test
    void aReadWhoseConnectionClosedGoesOnceToAnotherInstance() {
        Response r = given().header("X-Write", "hung-up-read").header("X-Abort", "true").when().get("/api/v1/test-balanced/items/1");
        assertEquals(502, r.statusCode(), r.asString());
        Map<String, Integer> seen = BalancingTest.seen("hung-up-read");
        assertEquals(Map.of("a", 1, "b", 1), seen, "the read went to both live instances, once each");
    }
}
