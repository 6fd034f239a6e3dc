package dev.skillpath.gateway.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import dev.skillpath.gateway.auth.AccessRules;
import dev.skillpath.gateway.auth.AccessRules.Access;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Merges the services' OpenAPI documents into the one document of the gateway.
 *
 * <ul>
 * <li>Paths: each service's paths that the gateway routes to that service (the gateway forwards paths
 *     unchanged, so they are the gateway's paths too); a path the gateway would not route there is left
 *     out, since it cannot be called through the gateway.</li>
 * <li>Components (schemas, parameters, responses, ...): a name that two documents define differently is
 *     prefixed with the service's name in every document that defines it ({@code skills-service.Problem}),
 *     and that document's {@code $ref}s follow; identical definitions are kept once.</li>
 * <li>Answers of the gateway's own (401, 429, 502, 503, 504) on every operation that does not document them.</li>
 * <li>Security: one {@code bearer} scheme (HTTP bearer, JWT). Operations that need a token (by the
 *     gateway's {@link AccessRules}) require it; public ones accept it optionally, so "Try it out" sends
 *     the token whenever one is set. The services' own schemes and requirements are replaced.</li>
 * </ul>
 */
public final class OpenApiMerger {

    public record ServiceDocument(String service, JsonObject document) {
    }

    public static final String SCHEME = "bearer";

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiMerger() {
    }

    /**
     * @param info the merged document's {@code info}
     * @param documents the documents, in order of precedence (a path in two documents is taken from the first)
     * @param routedTo whether the gateway routes a path to a service: {@code (service, path)}
     * @param degraded the services whose document is missing; listed in {@code info.x-degraded}
     */
    public static JsonObject merge(JsonObject info, List<ServiceDocument> documents, BiPredicate<String, String> routedTo,
            List<String> degraded) {
        Map<String, Map<String, String>> renames = new HashMap<>();
        JsonObject components = mergeComponents(documents, renames);
        components.put("securitySchemes", new JsonObject().put(SCHEME, new JsonObject()
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "A token from the identity provider (locally: POST /api/v1/auth/token).")));

        JsonObject paths = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        for (ServiceDocument document : documents) {
            JsonObject doc = (JsonObject) rewriteRefs(document.document(), renames.getOrDefault(document.service(), Map.of()));
            if (doc.getValue("paths") instanceof JsonObject servicePaths) {
                for (String path : servicePaths.fieldNames()) {
                    if (paths.containsKey(path) || !routedTo.test(document.service(), path)
                            || !(servicePaths.getValue(path) instanceof JsonObject item)) {
                        continue;
                    }
                    paths.put(path, secure(path, item, document.service()));
                }
            }
            if (doc.getValue("tags") instanceof JsonArray serviceTags) {
                for (Object tag : serviceTags) {
                    if (tag instanceof JsonObject t && t.getValue("name") instanceof String name) {
                        tags.putIfAbsent(name, t);
                    }
                }
            }
        }
        JsonObject merged = new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", info.copy().put("x-degraded", new JsonArray(new ArrayList<>(degraded))))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/").put("description", "this gateway")));
        if (!tags.isEmpty()) {
            merged.put("tags", new JsonArray(new ArrayList<>(tags.values())));
        }
        return merged.put("paths", paths).put("components", components);
    }

    private static JsonObject mergeComponents(List<ServiceDocument> documents, Map<String, Map<String, String>> renames) {
        // section -> name -> service -> definition
        Map<String, Map<String, Map<String, Object>>> all = new LinkedHashMap<>();
        for (ServiceDocument document : documents) {
            if (!(document.document().getValue("components") instanceof JsonObject components)) {
                continue;
            }
            for (String section : components.fieldNames()) {
                if (section.equals("securitySchemes") || !(components.getValue(section) instanceof JsonObject entries)) {
                    continue;
                }
                for (String name : entries.fieldNames()) {
                    all.computeIfAbsent(section, s -> new LinkedHashMap<>())
                            .computeIfAbsent(name, n -> new LinkedHashMap<>())
                            .put(document.service(), entries.getValue(name));
                }
            }
        }
        // First decide every rename, then copy the definitions with their references rewritten.
        all.forEach((section, names) -> names.forEach((name, byService) -> {
            Set<Object> distinct = new LinkedHashSet<>(byService.values());
            if (distinct.size() > 1) {
                byService.keySet().forEach(service -> renames.computeIfAbsent(service, s -> new HashMap<>())
                        .put(ref(section, name), ref(section, prefixed(service, name))));
            }
        }));
        JsonObject merged = new JsonObject();
        all.forEach((section, names) -> {
            JsonObject entries = new JsonObject();
            names.forEach((name, byService) -> byService.forEach((service, definition) -> {
                Map<String, String> serviceRenames = renames.getOrDefault(service, Map.of());
                String renamed = serviceRenames.get(ref(section, name));
                String key = renamed == null ? name : renamed.substring(renamed.lastIndexOf('/') + 1);
                entries.put(key, rewriteRefs(definition, serviceRenames));
            }));
            merged.put(section, entries);
        });
        return merged;
    }

    private static String ref(String section, String name) {
        return "#/components/" + section + "/" + name;
    }

    static String prefixed(String service, String name) {
        return service.replaceAll("[^A-Za-z0-9._-]", "_") + "." + name;
    }

    private static Object rewriteRefs(Object value, Map<String, String> renames) {
        if (value instanceof JsonObject o) {
            JsonObject copy = new JsonObject();
            for (String key : o.fieldNames()) {
                Object v = o.getValue(key);
                if (key.equals("$ref") && v instanceof String ref && renames.containsKey(ref)) {
                    copy.put(key, renames.get(ref));
                } else {
                    copy.put(key, rewriteRefs(v, renames));
                }
            }
            return copy;
        }
        if (value instanceof JsonArray a) {
            JsonArray copy = new JsonArray();
            for (Object v : a) {
                copy.add(rewriteRefs(v, renames));
            }
            return copy;
        }
        return value;
    }

    /** What the gateway itself may answer on any route it forwards, as problem documents. */
    static final Map<String, String> GATEWAY_ANSWERS = Map.of(
            "400", "A malformed request (a GET or HEAD with a body, a Content-Length that is not a number)",
            "401", "No token, or a bad one (expired, wrongly signed, another issuer or audience)",
            "429", "Too many requests from this client (Retry-After says when to try again)",
            "502", "The service answered with something the gateway cannot pass on",
            "503", "The service cannot be reached, or its circuit breaker is open (Retry-After)",
            "504", "The service did not answer in time");

    /** What the gateway answers to an operation that takes a body, besides {@link #GATEWAY_ANSWERS}. */
    static final Map<String, String> GATEWAY_BODY_ANSWERS = Map.of(
            "408", "The whole body did not arrive within the gateway's body deadline",
            "413", "The body is larger than the gateway accepts for this route class");

    private static void gatewayAnswers(JsonObject operation) {
        JsonObject responses = operation.getJsonObject("responses");
        if (responses == null) {
            responses = new JsonObject();
            operation.put("responses", responses);
        }
        Map<String, String> answers = new java.util.TreeMap<>(GATEWAY_ANSWERS);
        if (operation.containsKey("requestBody")) {
            answers.putAll(GATEWAY_BODY_ANSWERS);
        }
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            if (!responses.containsKey(answer.getKey())) {
                responses.put(answer.getKey(), new JsonObject().put("description", answer.getValue())
                        .put("content", new JsonObject().put("application/problem+json", new JsonObject()
                                .put("schema", new JsonObject().put("$ref", "#/components/schemas/GatewayProblem")))));
            }
        }
    }

    /** The gateway's security requirement on each operation of a path, and which service answers it. */
    private static JsonObject secure(String path, JsonObject item, String service) {
        JsonObject copy = item.copy();
        for (String method : METHODS) {
            if (!(copy.getValue(method) instanceof JsonObject operation)) {
                continue;
            }
            Access access = AccessRules.of(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path);
            JsonArray security = new JsonArray();
            if (access == Access.PUBLIC) {
                security.add(new JsonObject());
            }
            security.add(new JsonObject().put(SCHEME, new JsonArray()));
            operation.put("security", security);
            operation.put("x-service", service);
            gatewayAnswers(operation);
            if (access == Access.AUTHOR) {
                operation.put("x-roles", new JsonArray().add("author").add("admin"));
            } else if (access == Access.SIGNED_IN) {
                operation.put("x-roles", new JsonArray().add("learner").add("author").add("admin"));
            }
        }
        return copy;
    }
}
