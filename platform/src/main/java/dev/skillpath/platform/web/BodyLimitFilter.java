package dev.skillpath.platform.web;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.skillpath.platform.api.Problem;

/**
 * Refuses a body larger than {@code skillpath.http.max-body-bytes} with a 413 problem before it is read. The HTTP
 * layer's own limit ({@code quarkus.http.limits.max-body-size}) sits higher, as a backstop, because it answers
 * with an empty 413 rather than a problem.
 */
public class BodyLimitFilter {

    @ConfigProperty(name = "skillpath.http.max-body-bytes", defaultValue = "1048576")
    long maxBytes;

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // the HTTP layer refuses a malformed length itself
        }
        if (bytes <= maxBytes) {
            return null;
        }
        return Response.status(413).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(dev.skillpath.problems.ProblemType.PAYLOAD_TOO_LARGE,
                        "The body has " + bytes + " bytes; at most " + maxBytes + " are accepted.",
                        "/" + request.getUriInfo().getPath().replaceFirst("^/", ""), List.of()))
                .build();
    }
}
