package dev.skillpath.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The OpenAPI description of what the gateway answers itself: the local token endpoint and the composed views. */
final class GatewayOperations {

    private GatewayOperations() {
    }

    static JsonObject info() {
        return new JsonObject()
                .put("title", "Skillpath API")
                .put("version", "v1")
                .put("description", "Every Skillpath service behind one gateway. Reads of the catalogue, lessons, search "
                        + "and quizzes need no token; a learner's data needs one; writes need the role author or admin. "
                        + "Errors are application/problem+json. Locally, get a token with POST /api/v1/auth/token and "
                        + "press Authorize. info.x-degraded lists services whose part of this document is missing.");
    }

    static JsonObject document(boolean localIssuer) {
        JsonObject paths = new JsonObject();
        if (localIssuer) {
            paths.put("/api/v1/auth/token", new JsonObject().put("post", new JsonObject()
                    .put("tags", tags("Gateway"))
                    .put("summary", "A token for a demo user (local development only)")
                    .put("operationId", "issueLocalToken")
                    .put("requestBody", new JsonObject().put("required", true).put("content", json(ref("TokenRequest"))))
                    .put("responses", new JsonObject()
                            .put("200", response("The token", ref("TokenResponse")))
                            .put("400", problem("Unknown demo user or a body without one"))
                            .put("415", problem("A body that is not application/json"))
                            .put("429", problem("Too many token requests")))));
            paths.put("/api/v1/auth/demo-users", new JsonObject().put("get", new JsonObject()
                    .put("tags", tags("Gateway"))
                    .put("summary", "The demo users the local issuer signs tokens for, with their roles (local development only)")
                    .put("operationId", "listDemoUsers")
                    .put("responses", new JsonObject()
                            .put("200", response("The demo users", ref("DemoUsers")))
                            .put("429", problem("Too many requests")))));
        }
        paths.put("/api/v1/me/dashboard", new JsonObject().put("get", new JsonObject()
                .put("tags", tags("Gateway"))
                .put("summary", "The caller's dashboard: mastery, frontier, next lessons and quizzes, recent attempts")
                .put("description", "Calls skills-, content- and quiz-service in parallel. A service that does not answer "
                        + "in time is named in degraded and its part is empty; the answer is still 200.")
                .put("operationId", "dashboard")
                .put("responses", new JsonObject()
                        .put("200", response("The dashboard", ref("Dashboard")))
                        .put("401", problem("No token, or a bad one")))));
        paths.put("/api/v1/me/path/{skill}", new JsonObject().put("get", new JsonObject()
                .put("tags", tags("Gateway"))
                .put("summary", "The caller's learning path to a skill, each step with its lessons and quizzes")
                .put("operationId", "learningPath")
                .put("parameters", new JsonArray().add(new JsonObject()
                        .put("name", "skill").put("in", "path").put("required", true)
                        .put("description", "slug or id of the target skill")
                        .put("schema", new JsonObject().put("type", "string"))))
                .put("responses", new JsonObject()
                        .put("200", response("The path", ref("LearningPath")))
                        .put("401", problem("No token, or a bad one"))
                        .put("404", problem("No such skill"))
                        .put("503", problem("skills-service is unavailable"))
                        .put("504", problem("skills-service did not answer in time")))));

        JsonObject any = new JsonObject().put("type", "object");
        JsonObject list = new JsonObject().put("type", "array").put("items", any);
        JsonObject schemas = new JsonObject()
                .put("TokenRequest", new JsonObject().put("type", "object").put("required", new JsonArray().add("user"))
                        .put("properties", new JsonObject().put("user", new JsonObject().put("type", "string")
                                .put("examples", new JsonArray().add("demo-learner").add("demo-author").add("demo-admin")))))
                .put("TokenResponse", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("access_token", new JsonObject().put("type", "string"))
                        .put("token_type", new JsonObject().put("type", "string").put("const", "Bearer"))
                        .put("expires_in", new JsonObject().put("type", "integer"))))
                .put("DemoUsers", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("users", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "object")
                                .put("properties", new JsonObject()
                                        .put("user", new JsonObject().put("type", "string"))
                                        .put("role", new JsonObject().put("type", "string")
                                                .put("enum", new JsonArray().add("learner").add("author").add("admin"))))))))
                .put("Dashboard", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("learnerId", new JsonObject().put("type", "string"))
                        .put("mastery", new JsonObject().put("type", new JsonArray().add("object").add("null"))
                                .put("properties", new JsonObject()
                                        .put("skills", new JsonObject().put("type", "integer"))
                                        .put("mastered", new JsonObject().put("type", "integer"))
                                        .put("reviewDue", new JsonObject().put("type", "integer"))
                                        .put("items", list)))
                        .put("frontier", list)
                        .put("reviewsDue", list)
                        .put("nextLessons", list)
                        .put("nextQuizzes", list)
                        .put("recentAttempts", list)
                        .put("degraded", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string")))))
                .put("LearningPath", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("target", any)
                        .put("personalised", new JsonObject().put("type", "boolean"))
                        .put("steps", list)
                        .put("degraded", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string")))))
                .put("GatewayProblem", new JsonObject().put("type", "object").put("properties", new JsonObject()
                        .put("type", new JsonObject().put("type", "string"))
                        .put("title", new JsonObject().put("type", "string"))
                        .put("status", new JsonObject().put("type", "integer"))
                        .put("detail", new JsonObject().put("type", "string"))
                        .put("instance", new JsonObject().put("type", "string"))
                        .put("requestId", new JsonObject().put("type", "string"))));
        return new JsonObject()
                .put("tags", new JsonArray().add(new JsonObject().put("name", "Gateway")
                        .put("description", "What the gateway answers itself")))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas));
    }

    private static JsonArray tags(String tag) {
        return new JsonArray().add(tag);
    }

    private static JsonObject ref(String schema) {
        return new JsonObject().put("$ref", "#/components/schemas/" + schema);
    }

    private static JsonObject json(JsonObject schema) {
        return new JsonObject().put("application/json", new JsonObject().put("schema", schema));
    }

    private static JsonObject response(String description, JsonObject schema) {
        return new JsonObject().put("description", description).put("content", json(schema));
    }

    private static JsonObject problem(String description) {
        return new JsonObject().put("description", description).put("content", new JsonObject()
                .put("application/problem+json", new JsonObject().put("schema", ref("GatewayProblem"))));
    }
}
