package dev.skillpath.skills.xapi;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.skillpath.platform.api.ProblemException;

/**
 * The xAPI version header: on every answer under {@link #PATH}, errors (401s and 400s among them) included, as xAPI
 * 1.0.3 asks of an LRS; and the check of the version a client says it speaks.
 */
public class XapiHeaders {

    public static final String PATH = "/api/v1/xapi";
    public static final String VERSION = "X-Experience-API-Version";
    public static final String CONSISTENT_THROUGH = "X-Experience-API-Consistent-Through";

    @ServerResponseFilter
    public void version(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.equals(PATH) || path.startsWith(PATH + "/")) {
            response.getHeaders().putSingle(VERSION, MappedStatement.VERSION);
        }
    }

    /**
     * A client's {@code X-Experience-API-Version}: 1.0 and 1.0.x are answered as 1.0.3 (xAPI: "MUST accept 1.0 as
     * 1.0.3"), any other version is a 400. No header at all is accepted, so a plain HTTP client (the dashboard, curl)
     * can read its records; a conformance suite always sends one.
     */
    public static void checkVersion(String version) {
        if (version != null && !version.trim().matches("1\\.0(\\.[0-9]+)?")) {
            throw ProblemException.badRequest("This LRS speaks xAPI 1.0.3; " + VERSION + " " + version
                    + " is not a 1.0.x version.");
        }
    }
}
