package dev.skillpath.platform.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.skillpath.platform.api.Problem;
import dev.skillpath.problems.ProblemType;

/**
 * A NUL character (U+0000) can be no slug, id or search term, and PostgreSQL refuses it in a query: a path with
 * one is a 404 problem, a query parameter with one a 400 problem, before anything reaches the database.
 */
public class NulFilter {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.indexOf('\u0000') >= 0) {
            return problem(ProblemType.NOT_FOUND, "There is nothing at this path.", List.of());
        }
        for (Map.Entry<String, List<String>> param : request.getUriInfo().getQueryParameters().entrySet()) {
            if (param.getKey().indexOf('\u0000') >= 0
                    || param.getValue().stream().anyMatch(v -> v != null && v.indexOf('\u0000') >= 0)) {
                return problem(ProblemType.VALIDATION, "A query parameter contains the NUL character.", List.of(
                        new Problem.Violation(param.getKey().replace('\u0000', '?'), "must not contain the NUL character (U+0000)")));
            }
        }
        return null;
    }

    private static Response problem(ProblemType kind, String detail, List<Problem.Violation> violations) {
        return Response.status(kind.status()).type(Problem.MEDIA_TYPE).entity(Problem.of(kind, detail, null, violations))
                .build();
    }
}
