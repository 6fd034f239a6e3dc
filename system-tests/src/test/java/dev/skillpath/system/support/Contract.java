package dev.skillpath.system.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

/**
 * What an OpenAPI 3.1 document promises, checked against real answers: the operation exists, the status is one it
 * documents, the content type is one documented for that status, and the body validates against that response's
 * schema (JSON Schema 2020-12 with the OpenAPI 3.1 dialect, by networknt's json-schema-validator, formats asserted).
 */
public final class Contract {

    /** Where the document is registered for {@code $ref} resolution (never fetched). */
    static final String DOCUMENT_URI = "https://contract.skillpath.test/openapi.json";

    /** One operation of the document: {@code GET /api/v1/skills/{slug}}. */
    public record Operation(String method, String template, JsonNode node) {

        public String key() {
            return method + " " + template;
        }
    }

    private record Template(String template, Pattern pattern, int literalSegments, String method, JsonNode operation) {
    }

    private final JsonNode document;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    public Contract(JsonNode document) {
        this.document = document;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            String template = path.getKey();
            StringBuilder regex = new StringBuilder();
            int literal = 0;
            for (String segment : template.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(segment));
                    literal++;
                }
            }
            Pattern pattern = Pattern.compile(regex.toString());
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(op.getKey())) {
                    templates.add(new Template(template, pattern, literal, op.getKey().toUpperCase(Locale.ROOT), op.getValue()));
                }
            }
        }
        // the most literal template first: /skills/{slug}/path before /skills/{slug}/{anything}
        templates.sort(Comparator.comparingInt(Template::literalSegments).reversed());
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        String text = document.toString();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemaRegistryConfig(config).schemas(Map.of(DOCUMENT_URI, text)));
    }

    public JsonNode document() {
        return document;
    }

    /** Every operation the document lists. */
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        templates.forEach(t -> all.add(new Operation(t.method(), t.template(), t.operation())));
        all.sort(Comparator.comparing(Operation::key));
        return all;
    }

    /** The operation a request calls ({@code path} may carry a query), if the document has it. */
    public Optional<Operation> operation(String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (Template t : templates) {
            if (t.method().equals(method) && t.pattern().matcher(bare).matches()) {
                return Optional.of(new Operation(t.method(), t.template(), t.operation()));
            }
        }
        return Optional.empty();
    }

    /** What is wrong with this answer to this request by the document; empty when it keeps every promise. */
    public List<String> violations(String method, String path, Http.Answer answer) {
        List<String> found = new ArrayList<>();
        Optional<Operation> operation = operation(method, path);
        if (operation.isEmpty()) {
            found.add(method + " " + path + ": no such operation in the document");
            return found;
        }
        String where = operation.get().key() + " → " + answer.status();
        JsonNode responses = operation.get().node().path("responses");
        JsonNode response = responses.get(String.valueOf(answer.status()));
        if (response == null) {
            response = responses.get(answer.status() / 100 + "XX");
        }
        if (response == null) {
            response = responses.get("default");
        }
        if (response == null) {
            found.add(where + ": status not documented (documented: " + fieldNames(responses) + ")");
            return found;
        }
        response = resolve(response);
        JsonNode content = response.path("content");
        boolean hasBody = answer.body() != null && !answer.body().isEmpty();
        if (!hasBody) {
            return found;
        }
        if (content.isMissingNode() || content.isEmpty()) {
            found.add(where + ": a body where the document promises none: " + answer.abbreviated());
            return found;
        }
        String type = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.get(type);
        if (media == null) {
            media = content.get(type.substring(0, Math.max(0, type.indexOf('/') + 1)) + "*");
        }
        if (media == null) {
            media = content.get("*/*");
        }
        if (media == null) {
            found.add(where + ": content type '" + answer.contentType() + "' not documented (documented: "
                    + fieldNames(content) + ")");
            return found;
        }
        if (!type.endsWith("json") || media.path("schema").isMissingNode()) {
            return found;
        }
        JsonNode body;
        try {
            body = Http.JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            found.add(where + ": not JSON: " + answer.abbreviated());
            return found;
        }
        for (Error error : schema(media.path("schema")).validate(body)) {
            found.add(where + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return found;
    }

    /** What a set of exchanges found: each distinct violation (with how often it was seen), and what was covered. */
    public record Report(int exchanges, Map<String, Integer> violations, Set<String> succeeded, Set<String> problems) {

        /** The document's operations that no exchange answered with a 2xx, or with a 4xx problem. */
        public List<String> uncovered(Contract contract) {
            List<String> missing = new ArrayList<>();
            for (Operation o : contract.operations()) {
                if (!succeeded.contains(o.key())) {
                    missing.add(o.key() + " (no 2xx)");
                }
                if (!problems.contains(o.key())) {
                    missing.add(o.key() + " (no 4xx problem)");
                }
            }
            return missing;
        }
    }

    public Report check(List<Http.Exchange> exchanges) {
        Map<String, Integer> violations = new java.util.TreeMap<>();
        Set<String> succeeded = new TreeSet<>();
        Set<String> problems = new TreeSet<>();
        for (Http.Exchange e : exchanges) {
            if (e.answer().status() < 0) {
                continue; // no answer at all: nothing the document could promise
            }
            List<String> found = violations(e.method(), e.path(), e.answer());
            // the same broken promise in every item of a list is one finding
            found.stream().map(v -> v.replaceAll("/\\d+/", "/*/")).distinct().forEach(v -> violations.merge(v, 1, Integer::sum));
            Optional<Operation> op = operation(e.method(), e.path());
            if (op.isPresent() && found.isEmpty()) {
                int status = e.answer().status();
                if (status >= 200 && status < 300) {
                    succeeded.add(op.get().key());
                } else if (status >= 400 && status < 500 && e.answer().isProblem()) {
                    problems.add(op.get().key());
                }
            }
        }
        return new Report(exchanges.size(), violations, succeeded, problems);
    }

    /** A response given as {@code $ref} to {@code #/components/responses/...}. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.asText().startsWith("#/")) {
            return document.at(ref.asText().substring(1));
        }
        return node;
    }

    private synchronized Schema schema(JsonNode inline) {
        String key = inline.toString();
        return schemas.computeIfAbsent(key, k -> registry.getSchema(SchemaLocation.of(DOCUMENT_URI + "#inline-" + schemas.size()),
                absoluteRefs(inline.deepCopy())));
    }

    /** {@code #/components/...} made absolute, so that an inline schema resolves into the registered document. */
    private static JsonNode absoluteRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
                object.set("$ref", TextNode.valueOf(DOCUMENT_URI + ref.asText()));
            }
            object.fields().forEachRemaining(e -> absoluteRefs(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(Contract::absoluteRefs);
        }
        return node;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
