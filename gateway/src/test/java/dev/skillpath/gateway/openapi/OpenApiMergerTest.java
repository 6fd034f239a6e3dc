package dev.skillpath.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class OpenApiMergerTest {

    private static JsonObject doc(String json) {
        return new JsonObject(json.replace('\'', '"'));
    }

    private final JsonObject skills = doc("""
            {'openapi': '3.1.0', 'paths': {
               '/api/v1/skills': {'get': {'responses': {'400': {'$ref': '#/components/responses/Bad'}}},
                                  'post': {'security': [{'SecurityScheme': []}],
                                           'requestBody': {'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Skill'}}}}}},
               '/api/v1/internal/reindex': {'post': {}}},
             'components': {'schemas': {'Skill': {'type': 'object', 'properties': {'error': {'$ref': '#/components/schemas/Problem'}}},
                                        'Problem': {'type': 'object', 'title': 'skills problem'},
                                        'Page': {'type': 'object'}},
                            'responses': {'Bad': {'description': 'bad', 'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Problem'}}}}},
                            'securitySchemes': {'SecurityScheme': {'type': 'http', 'scheme': 'bearer'}}}}
            """);
    private final JsonObject quiz = doc("""
            {'openapi': '3.1.0', 'paths': {
               '/api/v1/quizzes/{id}/attempts': {'post': {'responses': {'400': {'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Problem'}}}}}}}},
             'components': {'schemas': {'Problem': {'type': 'object', 'title': 'quiz problem'}, 'Page': {'type': 'object'}}}}
            """);

    private JsonObject merged() {
        return OpenApiMerger.merge(new JsonObject().put("title", "Skillpath API"),
                List.of(new OpenApiMerger.ServiceDocument("skills-service", skills),
                        new OpenApiMerger.ServiceDocument("quiz-service", quiz)),
                (service, path) -> path.startsWith("/api/v1/skills") ? service.equals("skills-service")
                        : path.startsWith("/api/v1/quizzes") && service.equals("quiz-service"),
                List.of("content-service"));
    }

    @Test
    void pathsTheGatewayRoutesThereAreKeptAndOthersLeftOut() {
        JsonObject paths = merged().getJsonObject("paths");
        assertEquals(java.util.Set.of("/api/v1/skills", "/api/v1/quizzes/{id}/attempts"), paths.fieldNames());
    }

    @Test
    void clashingComponentsArePrefixedAndReferencesFollowIdenticalOnesAreKeptOnce() {
        JsonObject merged = merged();
        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        assertEquals(java.util.Set.of("Skill", "Page", "skills-service.Problem", "quiz-service.Problem"), schemas.fieldNames());
        assertEquals("skills problem", schemas.getJsonObject("skills-service.Problem").getString("title"));
        assertEquals("#/components/schemas/skills-service.Problem",
                schemas.getJsonObject("Skill").getJsonObject("properties").getJsonObject("error").getString("$ref"));
        String quizRef = merged.getJsonObject("paths").getJsonObject("/api/v1/quizzes/{id}/attempts").getJsonObject("post")
                .getJsonObject("responses").getJsonObject("400").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref");
        assertEquals("#/components/schemas/quiz-service.Problem", quizRef);
        assertEquals("#/components/schemas/skills-service.Problem", merged.getJsonObject("components").getJsonObject("responses")
                .getJsonObject("Bad").getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
    }

    @Test
    void oneBearerSchemeRequiredWhereTheGatewayNeedsATokenOptionalElsewhere() {
        JsonObject merged = merged();
        JsonObject schemes = merged.getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals(new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"),
                new JsonObject().put("type", schemes.getJsonObject("bearer").getString("type"))
                        .put("scheme", schemes.getJsonObject("bearer").getString("scheme"))
                        .put("bearerFormat", schemes.getJsonObject("bearer").getString("bearerFormat")));
        assertFalse(schemes.containsKey("SecurityScheme"), "the services' own schemes are replaced");
        JsonObject skillsPath = merged.getJsonObject("paths").getJsonObject("/api/v1/skills");
        assertEquals("[{},{\"bearer\":[]}]", skillsPath.getJsonObject("get").getJsonArray("security").encode());
        assertEquals("[{\"bearer\":[]}]", skillsPath.getJsonObject("post").getJsonArray("security").encode());
        assertEquals("[\"author\",\"admin\"]", skillsPath.getJsonObject("post").getJsonArray("x-roles").encode());
        assertEquals("[{\"bearer\":[]}]", merged.getJsonObject("paths").getJsonObject("/api/v1/quizzes/{id}/attempts")
                .getJsonObject("post").getJsonArray("security").encode());
        assertEquals("skills-service", skillsPath.getJsonObject("get").getString("x-service"));
    }

    @Test
    void theGatewaysOwnAnswersAreAddedWithoutReplacingTheServices() {
        JsonObject paths = merged().getJsonObject("paths");
        JsonObject read = paths.getJsonObject("/api/v1/skills").getJsonObject("get").getJsonObject("responses");
        JsonObject write = paths.getJsonObject("/api/v1/skills").getJsonObject("post").getJsonObject("responses");
        assertEquals(java.util.Set.of("400", "401", "429", "502", "503", "504"), read.fieldNames(),
                "a read without a body cannot be too large or too slow to arrive");
        assertEquals(java.util.Set.of("400", "401", "408", "413", "429", "502", "503", "504"), write.fieldNames());
        assertEquals("#/components/responses/Bad", read.getJsonObject("400").getString("$ref"), "the service's own 400 stays");
        assertEquals("#/components/schemas/GatewayProblem", write.getJsonObject("408").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"));
    }

    @Test
    void missingServicesAreNamed() {
        assertTrue(merged().getJsonObject("info").getJsonArray("x-degraded").contains("content-service"));
    }
}
