package dev.skillpath.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.proxy.StubServices;
import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Production-like limits in a profile of its own: small rate limits, and no local token issuer. */
@QuarkusTest
@TestProfile(StrictProfileTest.Strict.class)
@WithTestResource(StubServices.class)
class StrictProfileTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "skillpath.gateway.auth.local-issuer.enabled", "false",
                    "skillpath.gateway.rate-limit.read.per-second", "0.2",
                    "skillpath.gateway.rate-limit.read.burst", "5",
                    "skillpath.gateway.rate-limit.write.per-second", "0.2",
                    "skillpath.gateway.rate-limit.write.burst", "2");
        }
    }

    @Test
    void theTokenEndpointDoesNotExistWhenTheLocalIssuerIsOff() {
        given().contentType("application/json").body("{\"user\": \"demo-learner\"}")
                .when().post("/api/v1/auth/token")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://skillpath.dev/problems/no-route"));
        Map<String, Object> paths = given().when().get("/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        assertTrue(paths.containsKey("/api/v1/me/dashboard"));
        assertTrue(!paths.containsKey("/api/v1/auth/token"), "the document does not offer the token endpoint");
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfterOthersDoNot() {
        String reader = Tokens.learner("reader-" + System.nanoTime());
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(reader).when().get("/api/v1/skills").then().statusCode(200);
        }
        Response limited = given().auth().oauth2(reader).when().get("/api/v1/skills");
        assertEquals(429, limited.statusCode());
        assertEquals("application/problem+json", limited.contentType());
        assertEquals("https://skillpath.dev/problems/rate-limited", limited.jsonPath().getString("type"));
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);

        // Another subject has its own bucket; so do writes.
        given().auth().oauth2(Tokens.learner("other-" + System.nanoTime())).when().get("/api/v1/skills").then().statusCode(200);
        String author = Tokens.author();
        given().auth().oauth2(author).when().post("/api/v1/lessons").then().statusCode(200);
        given().auth().oauth2(author).when().post("/api/v1/lessons").then().statusCode(200);
        given().auth().oauth2(author).when().post("/api/v1/lessons").then().statusCode(429);

        String metrics = given().when().get("/q/metrics").then().extract().asString();
        Matcher count = Pattern.compile("skillpath_gateway_rate_limited_total\\{[^}]*route_class=\"read\"[^}]*} ([0-9.]+)").matcher(metrics);
        assertTrue(count.find() && Double.parseDouble(count.group(1)) >= 1, "rejections are counted");
    }
}
