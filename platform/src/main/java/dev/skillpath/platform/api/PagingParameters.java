package dev.skillpath.platform.api;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The paging parameters {@code page} and {@code size} as {@link PageRequest} reads them: whole numbers in its range,
 * with its defaults. The resources take them as raw strings (so that a bad value is a 400 problem naming the
 * parameter), which the scanner would document as any string.
 */
final class PagingParameters {

    private PagingParameters() {
    }

    static void describe(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            describe(item.getParameters());
            for (Operation operation : item.getOperations().values()) {
                describe(operation.getParameters());
            }
        }
    }

    private static void describe(List<Parameter> parameters) {
        if (parameters == null) {
            return;
        }
        for (Parameter p : parameters) {
            if (p.getIn() != Parameter.In.QUERY) {
                continue;
            }
            if ("page".equals(p.getName())) {
                p.setSchema(whole(0, PageRequest.MAX_PAGE, 0));
                describeIfUndescribed(p, "The page, from 0");
            } else if ("size".equals(p.getName())) {
                p.setSchema(whole(1, PageRequest.MAX_SIZE, PageRequest.DEFAULT_SIZE));
                describeIfUndescribed(p, "Items per page, 1 to " + PageRequest.MAX_SIZE);
            }
        }
    }

    private static Schema whole(int minimum, int maximum, int fallback) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                .minimum(BigDecimal.valueOf(minimum)).maximum(BigDecimal.valueOf(maximum)).defaultValue(fallback);
    }

    private static void describeIfUndescribed(Parameter p, String description) {
        if (p.getDescription() == null || p.getDescription().isBlank()) {
            p.setDescription(description);
        }
    }
}
