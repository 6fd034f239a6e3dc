package dev.skillpath.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.skillpath.gateway.proxy.StubServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /openapi}: every stub service's document merged under the gateway's paths, with the security scheme. */
@QuarkusTest
@WithTestResource(StubServices.class)
class ApiDocumentTest {

    @Test
    void theMergedDocumentHoldsEveryServicesPathsAndTheGatewaysOwn() {
        JsonPath doc = given().when().get("/openapi?refresh=true")
                .then().statusCode(200).contentType(containsString("application/json")).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        for (String path : List.of(
                "/api/v1/skills", "/api/v1/skills/{id}", "/api/v1/learners/me/mastery",
                "/api/v1/lessons", "/api/v1/lessons/{id}", "/api/v1/search",
                "/api/v1/quizzes", "/api/v1/quizzes/{id}", "/api/v1/quizzes/{id}/attempts", "/api/v1/attempts/{id}",
                "/api/v1/test-flaky", "/api/v1/test-notfound", "/api/v1/test-slow",
                "/api/v1/auth/token", "/api/v1/auth/demo-users", "/api/v1/me/dashboard", "/api/v1/me/path/{skill}")) {
            assertTrue(paths.containsKey(path), path + " is missing from " + paths.keySet());
        }
        assertFalse(paths.keySet().stream().anyMatch(p -> p.startsWith("/api/v1/internal/")),
                "paths the gateway routes nowhere are left out: " + paths.keySet());
        assertEquals(Set.of("down-service", "breaker-down-service"), Set.copyOf(doc.getList("info.x-degraded")));

        assertEquals("http", doc.getString("components.securitySchemes.bearer.type"));
        assertEquals("bearer", doc.getString("components.securitySchemes.bearer.scheme"));
        assertEquals("JWT", doc.getString("components.securitySchemes.bearer.bearerFormat"));
        assertEquals(Set.of("bearer"), doc.getMap("components.securitySchemes").keySet());
        assertEquals(List.of(Map.of("bearer", List.of())), doc.getList("paths.'/api/v1/skills'.post.security"));
        assertEquals(List.of(Map.of("bearer", List.of())), doc.getList("paths.'/api/v1/me/dashboard'.get.security"));
        assertEquals(List.of(Map.of("bearer", List.of())), doc.getList("paths.'/api/v1/quizzes/{id}/attempts'.post.security"));
        assertEquals(List.of(Map.of(), Map.of("bearer", List.of())), doc.getList("paths.'/api/v1/lessons'.get.security"));

        Map<String, Object> schemas = doc.getMap("components.schemas");
        assertTrue(schemas.keySet().containsAll(Set.of("skills-service.Problem", "content-service.Problem", "quiz-service.Problem",
                "Page", "skills_service_Thing", "Dashboard", "TokenRequest")), schemas.keySet().toString());
        assertFalse(schemas.containsKey("Problem"), "clashing names are prefixed");
        assertEquals("#/components/schemas/content-service.Problem",
                doc.getString("components.schemas.content_service_Thing.properties.problem.$ref"));
    }

    @Test
    void yamlOnRequestAndSwaggerUiShowsTheMergedDocument() throws Exception {
        String json = given().when().get("/openapi?refresh=true").then().statusCode(200).extract().asString();
        String yaml = given().when().get("/openapi?format=yaml").then().statusCode(200)
                .contentType(containsString("application/yaml"))
                .extract().asString();
        // The same document, read back by a YAML parser: every key, value and type as in the JSON.
        JsonNode fromYaml = new YAMLMapper().readTree(yaml);
        JsonNode fromJson = new ObjectMapper().readTree(json);
        assertTrue(fromJson.path("paths").has("/api/v1/me/dashboard"), "the document holds the gateway's paths");
        assertTrue(fromJson.equals(fromYaml), () -> "the YAML differs from the JSON at " + firstDifference("", fromJson, fromYaml));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/swagger-ui/index.html").then().statusCode(200).body(containsString("/openapi"));
    }

    /** Where two trees first differ, as a JSON pointer (a whole document in a failure message helps nobody). */
    private static String firstDifference(String at, JsonNode expected, JsonNode actual) {
        if (expected.isContainerNode() && actual != null && expected.getNodeType() == actual.getNodeType()) {
            var names = expected.isObject() ? expected.fieldNames() : null;
            if (names != null) {
                while (names.hasNext()) {
                    String name = names.next();
                    if (!expected.get(name).equals(actual.get(name))) {
                        return firstDifference(at + "/" + name, expected.get(name), actual.get(name));
                    }
                }
                return at + " (extra keys " + actual.size() + " vs " + expected.size() + ")";
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    return firstDifference(at + "/" + i, expected.get(i), actual.get(i));
                }
            }
            return at + " (length " + actual.size() + " vs " + expected.size() + ")";
        }
        return at + ": expected " + expected + ", was " + actual;
    }
}
