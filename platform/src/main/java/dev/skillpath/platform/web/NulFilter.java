package dev.skillpath.platform.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.skillpath.platform.api.Problem;

/**
 * A NUL character (U+0000) can be no slug, id or search term, and PostgreSQL refuses it in a query: a path with
 * one is a 404 problem, a query parameter with one a 400 problem, before anything reaches the database.
 */
public class NulFilter {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.indexOf('\u0000') >= 0) {
            return problem(404, "Not Found", "There is nothing at this path.", null);
        }
        for (Map.Entry<String, List<String>> param : request.getUriInfo().getQueryParameters().entrySet()) {
            if (param.getKey().indexOf('\u0000') >= 0
                    || param.getValue().stream().anyMatch(v -> v != null && v.indexOf('\u0000') >= 0)) {
                return problem(400, "Invalid request", "A query parameter contains the NUL character.",
                        new Problem.Violation(param.getKey().replace('\u0000', '?'), "must not contain the NUL character (U+0000)"));
            }
        }
        return null;
    }

    private static Response problem(int status, String title, String detail, Problem.Violation violation) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status == 404 ? dev.skillpath.problems.ProblemType.NOT_FOUND
                        : dev.skillpath.problems.ProblemType.VALIDATION, detail, null,
                        violation == null ? List.of() : List.of(violation)))
                .build();
    }
}
