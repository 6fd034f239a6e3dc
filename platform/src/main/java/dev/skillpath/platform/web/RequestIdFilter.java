package dev.skillpath.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the request id the gateway gave a request ({@code X-Request-Id}) into the logging context, so every log
 * line of that request names it, and hands it back on the response.
 */
public class RequestIdFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";

    @ServerRequestFilter(preMatching = true)
    public void enter(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null && id.length() <= 128 && id.chars().allMatch(c -> c > 32 && c < 127)) {
            MDC.put(MDC_KEY, id);
        } else {
            MDC.remove(MDC_KEY);
        }
    }

    @ServerResponseFilter
    public void leave(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = MDC.get(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id.toString());
        }
        MDC.remove(MDC_KEY);
    }
}
