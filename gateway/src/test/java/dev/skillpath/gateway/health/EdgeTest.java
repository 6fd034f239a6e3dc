package dev.skillpath.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.proxy.StubServices;
import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness with each upstream, request metrics with latency histograms, and CORS. */
@QuarkusTest
@WithTestResource(StubServices.class)
class EdgeTest {

    @Test
    void readinessReportsEachUpstreamAndStaysUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'skills-service'", startsWith("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'content-service'", startsWith("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'quiz-service'", startsWith("UP"))
                .body("checks.find { it.name == 'upstreams' }.data.'down-service'", startsWith("DOWN (not reachable)"));
    }

    @Test
    void requestsAreCountedAndTimedPerRoutePattern() {
        given().when().get("/api/v1/skills/graphs").then().statusCode(200);
        given().when().get("/api/v1/skills/sorting").then().statusCode(200);
        given().auth().oauth2(Tokens.learner("metrics")).when().get("/api/v1/learners/me/mastery").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/skills/\\*\\*\"[^}]*} [0-9.]+")
                .matcher(metrics).find(), "no request count per route pattern");
        assertTrue(Pattern.compile("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/skills/\\*\\*\",le=\"0\\.1\"} [0-9.]+")
                .matcher(metrics).find(), "no latency histogram per route pattern");
        assertTrue(!metrics.contains("uri=\"/api/v1/skills/graphs\""), "raw paths must not become series");
        assertTrue(Pattern.compile("skillpath_gateway_circuit_breaker_state\\{[^}]*upstream=\"skills-service\"[^}]*} 0\\.0")
                .matcher(metrics).find(), "no breaker gauge");
        assertTrue(metrics.contains("skillpath_gateway_rate_limited_total"), "no rate limit counter");
    }

    @Test
    void corsAnswersConfiguredOriginsOnly() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/lessons")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Allow-Methods", containsString("POST"));
        given().header("Origin", "http://127.0.0.1:3000")
                .when().get("/api/v1/skills")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://127.0.0.1:3000")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        // A problem answer keeps the CORS headers, so a browser can read why.
        given().header("Origin", "http://localhost:3000")
                .when().get("/api/v1/learners/me/mastery")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
        given().header("Origin", "https://evil.example")
                .when().get("/api/v1/skills")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .when().options("/api/v1/skills/java")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
