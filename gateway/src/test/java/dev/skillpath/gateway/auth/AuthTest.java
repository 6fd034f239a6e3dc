package dev.skillpath.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.skillpath.gateway.proxy.StubServices;
import dev.skillpath.gateway.testing.TestKeys;
import dev.skillpath.gateway.testing.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Tokens and roles at the gateway, and the local token issuer (enabled in this test profile). */
@QuarkusTest
@WithTestResource(StubServices.class)
class AuthTest {

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) Tokens::expired),
                Arguments.of("malformed", (Supplier<String>) Tokens::malformed),
                Arguments.of("wrongly signed", (Supplier<String>) Tokens::wronglySigned),
                Arguments.of("alg none", (Supplier<String>) Tokens::algNone),
                Arguments.of("HS256", (Supplier<String>) Tokens::hs256),
                Arguments.of("wrong issuer", (Supplier<String>) Tokens::wrongIssuer),
                Arguments.of("another audience", (Supplier<String>) () -> Tokens.forAudience("billing")),
                Arguments.of("no audience", (Supplier<String>) Tokens::withoutAudience));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIs401OnEveryRouteEvenAPublicRead(String kind, Supplier<String> token) {
        String bad = token.get();
        for (String path : List.of("/api/v1/skills", "/api/v1/learners/me/mastery", "/api/v1/me/dashboard")) {
            unauthorized(given().auth().oauth2(bad).when().get(path).then(), "invalid-token")
                    .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""));
        }
        unauthorized(given().auth().oauth2(bad).contentType("application/json").body("{}").when().post("/api/v1/skills").then(),
                "invalid-token");
    }

    @Test
    void anAuthorizationHeaderOfAnotherSchemeIs401() {
        unauthorized(given().header("Authorization", "Basic dXNlcjpwdw==").when().get("/api/v1/skills").then(), "invalid-token");
    }

    @Test
    void aTokenJustPastItsExpiryIsWithinTheClockSkew() {
        given().auth().oauth2(Tokens.justExpired()).when().get("/api/v1/learners/me/mastery").then().statusCode(200);
    }

    @Test
    void publicReadsNeedNoToken() {
        for (String path : List.of("/api/v1/skills", "/api/v1/skills/java/path", "/api/v1/skill-categories", "/api/v1/lessons/intro",
                "/api/v1/search?q=graphs", "/api/v1/quizzes", "/api/v1/quizzes/q1")) {
            given().when().get(path).then().statusCode(200).body("headers", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("authorization")));
        }
    }

    @Test
    void aLearnersDataNeedsAToken() {
        for (String path : List.of("/api/v1/learners/me/mastery", "/api/v1/learners/me/attempts", "/api/v1/attempts/a1",
                "/api/v1/me/dashboard", "/api/v1/me/path/java")) {
            unauthorized(given().when().get(path).then(), "unauthenticated").header("WWW-Authenticate", "Bearer");
        }
        unauthorized(given().when().post("/api/v1/quizzes/q1/attempts").then(), "unauthenticated");
        unauthorized(given().when().post("/api/v1/lessons/intro/completions").then(), "unauthenticated");
    }

    @Test
    void aLearnerMayActOnTheirOwnLearningButNotWrite() {
        String learner = Tokens.learner("learner-1");
        given().auth().oauth2(learner).when().post("/api/v1/quizzes/q1/attempts").then().statusCode(200).body("service", equalTo("quiz-service"));
        given().auth().oauth2(learner).when().post("/api/v1/lessons/intro/completions").then().statusCode(200);
        given().auth().oauth2(learner).when().put("/api/v1/attempts/a1/answers/q1").then().statusCode(200);
        given().auth().oauth2(learner).when().put("/api/v1/learners/me/skills/java/status").then().statusCode(200);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            given().auth().oauth2(learner).when().request(method, "/api/v1/skills/java")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://skillpath.dev/problems/forbidden"));
        }
        given().auth().oauth2(learner).when().post("/api/v1/lessons").then().statusCode(403);
        given().auth().oauth2(learner).when().post("/api/v1/lessons/intro/publish").then().statusCode(403);
    }

    @Test
    void authorsAndAdminsWriteAndTheTokenIsForwardedUnchanged() {
        String author = Tokens.author();
        given().auth().oauth2(author).when().post("/api/v1/lessons").then().statusCode(200)
                .body("headers.authorization", contains("Bearer " + author));
        given().auth().oauth2(Tokens.admin()).when().delete("/api/v1/skills/java").then().statusCode(200);
        unauthorized(given().when().delete("/api/v1/skills/java").then(), "unauthenticated");
    }

    @Test
    void theLocalIssuerMakesTokensThatTheGatewayAccepts() {
        JsonPath answer = given().contentType("application/json").body("{\"user\": \"demo-author\"}")
                .when().post("/api/v1/auth/token")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .extract().jsonPath();
        String token = answer.getString("access_token");
        JsonPath claims = new JsonPath(Tokens.payload(token));
        assertEquals("demo-author", claims.getString("sub"));
        assertEquals("demo-author", claims.getString("upn"));
        assertEquals(Tokens.AUDIENCE, claims.getString("aud"));
        assertEquals(TestKeys.ISSUER, claims.getString("iss"));
        assertEquals(List.of("author"), claims.getList("groups"));
        assertEquals(3600, claims.getLong("exp") - claims.getLong("iat"));
        assertTrue(claims.getString("jti").length() > 8);
        assertTrue(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0])).contains("\"RS256\""));
        // the author may write with it, a learner's token from the issuer may not
        given().auth().oauth2(token).when().post("/api/v1/lessons").then().statusCode(200);
        String learner = given().contentType("application/json").body(Map.of("user", "demo-learner-2"))
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(learner).when().post("/api/v1/lessons").then().statusCode(403);
        given().auth().oauth2(learner).when().get("/api/v1/learners/me/mastery").then().statusCode(200);
    }

    @Test
    void theLocalIssuerListsItsDemoUsersWithTheirRoles() {
        given().when().get("/api/v1/auth/demo-users")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("users.user", contains("demo-admin", "demo-author", "demo-learner", "demo-learner-2"))
                .body("users.role", contains("admin", "author", "learner", "learner"));
        given().contentType("application/json").body("{}").when().post("/api/v1/auth/demo-users")
                .then().statusCode(405).header("Allow", "GET, HEAD").contentType("application/problem+json");
    }

    @Test
    void theLocalIssuerRefusesUnknownUsersAndBadBodies() {
        for (String body : List.of("{\"user\": \"mallory\"}", "{}", "{\"user\": 42}", "not json", "",
                "{\"user\": \"demo-learner\", \"role\": \"admin\"}")) {
            given().contentType("application/json").body(body)
                    .when().post("/api/v1/auth/token")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://skillpath.dev/problems/bad-request"));
        }
        given().contentType("text/plain").body("demo-learner").when().post("/api/v1/auth/token").then().statusCode(415);
        given().contentType("application/json").body("{\"user\":\"" + "x".repeat(5000) + "\"}")
                .when().post("/api/v1/auth/token").then().statusCode(413);
        given().when().get("/api/v1/auth/token").then().statusCode(405).header("Allow", "POST");
    }

    private static ValidatableResponse unauthorized(ValidatableResponse response, String type) {
        return response.statusCode(401)
                .contentType("application/problem+json")
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://skillpath.dev/problems/" + type))
                .body("status", equalTo(401));
    }
}
