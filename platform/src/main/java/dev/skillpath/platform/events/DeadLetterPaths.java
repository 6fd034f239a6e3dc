package dev.skillpath.platform.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Writes the dead-letter paths of the OpenAPI document as this service answers them: {@code {service}} is this
 * service's name (any other is a 404), so the document shows {@code /api/v1/admin/dead-letters/skills-service}, which
 * is also the prefix the gateway routes here and the path the gateway's merged document keeps. Every service has
 * these operations, so their operation ids name the service too ({@code listDeadLettersOfSkillsService}): ids are
 * unique in the merged document, as OpenAPI requires and a generated client needs.
 */
public class DeadLetterPaths implements OASFilter {

    static final String TEMPLATE = "/api/v1/admin/dead-letters/{service}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        Map<String, PathItem> rewritten = new LinkedHashMap<>();
        List<String> templates = new ArrayList<>();
        for (Map.Entry<String, PathItem> e : paths.getPathItems().entrySet()) {
            if (e.getKey().startsWith(TEMPLATE)) {
                e.getValue().getOperations().values().forEach(op -> {
                    if (op.getOperationId() != null) {
                        op.setOperationId(op.getOperationId() + "Of" + camelCase(service));
                    }
                    if (op.getParameters() != null) {
                        op.setParameters(withoutService(op.getParameters()));
                    }
                });
                if (e.getValue().getParameters() != null) {
                    e.getValue().setParameters(withoutService(e.getValue().getParameters()));
                }
                templates.add(e.getKey());
                rewritten.put(e.getKey().replace("{service}", service), e.getValue());
            }
        }
        templates.forEach(paths::removePathItem);
        rewritten.forEach(paths::addPathItem);
    }

    /** {@code skills-service} → {@code SkillsService}. */
    static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static List<Parameter> withoutService(List<Parameter> parameters) {
        return new ArrayList<>(parameters.stream()
                .filter(p -> !("service".equals(p.getName()) && p.getIn() == Parameter.In.PATH)).toList());
    }
}
