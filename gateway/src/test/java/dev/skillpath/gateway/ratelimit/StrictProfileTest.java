package dev.skillpath.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.skillpath.gateway.proxy.StubServices;
import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Production-like limits in a profile of its own: small rate limits, and no local token issuer. */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
                    "skillpath.gateway.rate-limit.write.burst", "2",
                    // room for the two documents the other tests read before the documents' test empties the bucket
                    "skillpath.gateway.rate-limit.docs.per-second", "0.2",
                    "skillpath.gateway.rate-limit.docs.burst", "6");
        }
    }

    @Test
    void theTokenEndpointDoesNotExistWhenTheLocalIssuerIsOff() {
        given().contentType("application/json").body("{\"user\": \"demo-learner\"}")
                .when().post("/api/v1/auth/token")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://skillpath.dev/problems/no-route"));
        given().when().get("/api/v1/auth/demo-users").then().statusCode(404).contentType("application/problem+json");
        Map<String, Object> paths = given().when().get("/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        assertTrue(paths.containsKey("/api/v1/me/dashboard"));
        assertTrue(!paths.containsKey("/api/v1/auth/token"), "the document does not offer the token endpoint");
        assertTrue(!paths.containsKey("/api/v1/auth/demo-users"), "nor the demo users");
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

    /** Last: it empties this address's bucket for the documents, which the other tests read once each. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theDocumentsHaveALimitOfTheirOwnPerAddress() {
        String[] documents = {"/openapi", "/q/metrics", "/q/swagger-ui/index.html", "/openapi?format=yaml"};
        Response limited = null;
        int passed = 0;
        for (int i = 0; i < 8 && limited == null; i++) {
            Response r = given().when().get(documents[i % documents.length]);
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(200, r.statusCode(), documents[i % documents.length]);
                passed++;
            }
        }
        assertTrue(limited != null, "no 429 after " + passed + " documents, the burst is 6");
        assertTrue(passed <= 6, passed + " documents passed, the burst is 6");
        assertEquals("application/problem+json", limited.contentType());
        assertEquals("https://skillpath.dev/problems/rate-limited", limited.jsonPath().getString("type"));
        assertTrue(limited.jsonPath().getString("detail").startsWith("Too many docs requests"), limited.asString());
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After " + retryAfter);
        // one bucket for all of them, and a token does not buy a bucket of its own
        for (String document : documents) {
            given().when().get(document).then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        }
        given().auth().oauth2(Tokens.learner("docs-" + System.nanoTime())).when().get("/openapi").then().statusCode(429);
        // the API's own classes are not touched, and neither is health
        given().when().get("/api/v1/skills/docs-test").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
