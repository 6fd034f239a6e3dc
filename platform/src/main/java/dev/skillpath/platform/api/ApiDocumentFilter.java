package dev.skillpath.platform.api;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import dev.skillpath.platform.events.DeadLetterPaths;

/**
 * The one OpenAPI filter of every service ({@code mp.openapi.filter} takes one): the dead-letter paths as this
 * service answers them, the paging parameters as whole numbers, then the problem answers of every operation.
 */
public class ApiDocumentFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        new DeadLetterPaths().filterOpenAPI(openAPI);
        PagingParameters.describe(openAPI);
        ProblemResponses.addTo(openAPI);
    }
}
