package dev.skillpath.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which service a path reaches, with the production prefixes and stub services behind them. Requests
 * carry a learner's token, since a learner's paths need one before anything is routed.
 */
@QuarkusTest
@WithTestResource(StubServices.class)
class RoutingTest {

    @TestHTTPResource("/")
    URL gateway;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/skills, skills-service",
            "/api/v1/skill-categories, skills-service",
            "/api/v1/learners/me/mastery, skills-service",
            "/api/v1/learners/me/frontier, skills-service",
            "/api/v1/learners/me/reviews, skills-service",
            "/api/v1/learners/me/mastery/git/evidence, skills-service",
            "/api/v1/learner-model/fits, skills-service",
            "/api/v1/learners/me/skills/java/status, skills-service",
            "/api/v1/xapi/statements, skills-service",
            "/api/v1/lessons, content-service",
            "/api/v1/search, content-service",
            "/api/v1/learners/me/completions, content-service",
            "/api/v1/quizzes, quiz-service",
            "/api/v1/questions, quiz-service",
            "/api/v1/attempts, quiz-service",
            "/api/v1/learners/me/attempts, quiz-service",
    })
    void eachPrefixReachesItsServiceWithPathAndQueryIntact(String prefix, String service) {
        String below = prefix + "/some-slug/deeper?page=2&size=10&q=a%20b&tag=x&tag=y";
        given().auth().oauth2(Tokens.learner("router")).urlEncodingEnabled(false)
                .when().get(below)
                .then().statusCode(200)
                .header("X-Stub-Service", service)
                .body("service", equalTo(service))
                .body("uri", equalTo(below));
        given().auth().oauth2(Tokens.learner("router")).urlEncodingEnabled(false)
                .when().get(prefix)
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("uri", equalTo(prefix));
    }

    @Test
    void aTrailingSlashAndEncodedCharactersPassUnchanged() {
        given().auth().oauth2(Tokens.learner("router")).urlEncodingEnabled(false)
                .when().get("/api/v1/skills/?q=%C3%A9t%C3%A9")
                .then().statusCode(200)
                .body("service", equalTo("skills-service"))
                .body("uri", equalTo("/api/v1/skills/?q=%C3%A9t%C3%A9"));
        given().auth().oauth2(Tokens.learner("router")).urlEncodingEnabled(false)
                .when().get("/api/v1/lessons/caf%C3%A9%2Fbar")
                .then().statusCode(200)
                .body("service", equalTo("content-service"))
                .body("uri", equalTo("/api/v1/lessons/caf%C3%A9%2Fbar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/skillsfoo",
            "/api/v1/skills-extra/x",
            "/api/v1/learners/me",
            "/api/v1/learners/me/masteryx",
            "/api/v1/xapix/statements",
            "/api/v1/learners/you/attempts",
            "/api/v1/nothing-here",
            "/api/v1",
            "/api/v1/",
            "/api/v2/skills",
    })
    void aPrefixMatchesOnlyAtASegmentBoundaryAndUnknownPathsAre404Problems(String path) {
        given().auth().oauth2(Tokens.learner("router")).urlEncodingEnabled(false)
                .when().get(path)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://skillpath.dev/problems/no-route"))
                .body("title", equalTo("No route"))
                .body("status", equalTo(404))
                .body("detail", startsWith("No"))
                .body("instance", equalTo(path));
    }

    @Test
    void dotSegmentsAreRoutedByTheNormalizedPath() throws Exception {
        // Upstreams normalize the path before they route it, so the gateway must route the same way,
        // not by the literal first segments (HTTP clients would tidy this up: hence a raw socket).
        RawHttp.Response response = RawHttp.send(gateway.getPort(), "GET /api/v1/skills/../lessons/intro HTTP/1.1");
        assertEquals(200, response.status(), response.bodyText());
        assertTrue(response.bodyText().contains("\"service\":\"content-service\""), response.bodyText());
    }

    @Test
    void gatewayReadinessDoesNotDependOnUpstreams() {
        // down-service has nothing listening, and the gateway is ready all the same.
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void swaggerUiAndOpenApiStillAnswer() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
