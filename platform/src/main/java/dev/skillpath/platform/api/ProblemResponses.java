package dev.skillpath.platform.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The problem answers of every operation, written into the service's OpenAPI document: the scanner sees only the
 * success answer of a resource method, while the mappers ({@link ProblemMappers}) and the platform's filters can
 * answer each of these. What an operation can get follows from its shape:
 * <ul>
 * <li>every operation: 401 (a bad token is refused even where none is needed) and 503 (database unavailable or busy);</li>
 * <li>with parameters or a body: 400 (validation, malformed JSON);</li>
 * <li>with a path parameter: 404 (no such thing);</li>
 * <li>with a body: 413 (too large) and 415 (not JSON);</li>
 * <li>a write (POST, PUT, DELETE): 403 (role or owner), 409 (conflicts with the current state) and 422 (names
 *     something unknown, or is not ready);</li>
 * <li>a read filtered by {@code learner}, or one that needs a token: 403 (only that learner or an admin; a role
 *     the read needs, such as author).</li>
 * </ul>
 * A 4xx or 5xx an operation declares itself keeps its description and gets the problem body if it has none.
 */
public final class ProblemResponses {

    static final String SCHEMA = "Problem";

    private ProblemResponses() {
    }

    static void addTo(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(SCHEMA, problemSchema());
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            boolean pathParameter = item.getParameters() != null
                    && item.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                document(e.getKey(), e.getValue(), pathParameter);
            }
        }
    }

    private static void document(PathItem.HttpMethod method, Operation operation, boolean pathParameter) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean hasPathParameter = pathParameter || parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean hasBody = operation.getRequestBody() != null;
        boolean write = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.DELETE,
                PathItem.HttpMethod.PATCH).contains(method);
        add(responses, "401", "No token, or a bad one (expired, wrongly signed, another issuer or audience)");
        add(responses, "503", "The service cannot answer now (its database is unavailable or busy); try again");
        if (!parameters.isEmpty() || hasPathParameter || hasBody) {
            add(responses, "400", "Invalid parameters or body (the violations say which)");
        }
        if (hasPathParameter) {
            add(responses, "404", "No such resource");
        }
        if (hasBody) {
            add(responses, "413", "The body is too large");
            add(responses, "415", "The body is not application/json");
        }
        if (write) {
            add(responses, "403", "The caller's role, or ownership, does not allow this");
            add(responses, "409", "The change conflicts with the current state");
            add(responses, "422", "The change names something unknown, or is not ready");
        } else if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY && "learner".equals(p.getName()))) {
            add(responses, "403", "Another learner's data: only that learner or an admin");
        } else if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            add(responses, "403", "The caller's role does not allow this");
        }
        // declared problem answers without a body description get the problem body
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((code, response) -> {
                if ((code.startsWith("4") || code.startsWith("5")) && response.getRef() == null
                        && (response.getContent() == null || response.getContent().getMediaTypes() == null
                                || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(problemContent());
                }
            });
        }
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    /** {@link Problem} as JSON Schema: what every problem answer of a service holds. */
    static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(SchemaType.STRING);
        Schema violation = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING))
                .addRequired("field").addRequired("message");
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem detail (application/problem+json)")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("requestId", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY).items(violation))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
