package dev.skillpath.gateway.proxy;

import dev.skillpath.problems.ProblemType;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's own error answers, as RFC 9457 {@code application/problem+json}, in the vocabulary the services
 * share ({@link ProblemType}: the same type URIs, titles and statuses). Each kind has a stable {@code type} URI so
 * that clients can tell "no such route" from an upstream's own 404.
 */
public enum Problem {

    BAD_REQUEST(ProblemType.BAD_REQUEST),
    UNAUTHORIZED(ProblemType.UNAUTHENTICATED),
    INVALID_TOKEN(ProblemType.INVALID_TOKEN),
    FORBIDDEN(ProblemType.FORBIDDEN),
    NO_ROUTE(ProblemType.NO_ROUTE),
    METHOD_NOT_ALLOWED(ProblemType.METHOD_NOT_ALLOWED),
    REQUEST_TIMEOUT(ProblemType.REQUEST_TIMEOUT),
    PAYLOAD_TOO_LARGE(ProblemType.PAYLOAD_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(ProblemType.UNSUPPORTED_MEDIA_TYPE),
    TOO_MANY_REQUESTS(ProblemType.RATE_LIMITED),
    INTERNAL_ERROR(ProblemType.INTERNAL_ERROR),
    BAD_GATEWAY(ProblemType.BAD_GATEWAY),
    SERVICE_UNAVAILABLE(ProblemType.SERVICE_UNAVAILABLE),
    CIRCUIT_OPEN(ProblemType.CIRCUIT_OPEN),
    UPSTREAM_BUSY(ProblemType.UPSTREAM_BUSY),
    GATEWAY_TIMEOUT(ProblemType.GATEWAY_TIMEOUT);

    public static final String TYPE_BASE = ProblemType.TYPE_BASE;
    public static final String CONTENT_TYPE = ProblemType.MEDIA_TYPE;

    public final int status;
    public final String title;
    public final String type;

    Problem(ProblemType kind) {
        this.status = kind.status();
        this.title = kind.title();
        this.type = kind.type().toString();
    }

    /** The problem document; {@code instance} is the request path and {@code requestId} the X-Request-Id. */
    public String body(String detail, String instance, String requestId) {
        JsonObject json = new JsonObject()
                .put("type", type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (instance != null) {
            json.put("instance", instance);
        }
        if (requestId != null) {
            json.put("requestId", requestId);
        }
        return json.encode();
    }

    /**
     * Answers with this problem unless the response has already started, in which case the only
     * honest signal left is to cut the connection.
     */
    public void send(HttpServerResponse response, String detail, String instance, String requestId) {
        send(response, detail, instance, requestId, NO_HEADERS);
    }

    private static final String[] NO_HEADERS = {};

    /** As {@link #send(HttpServerResponse, String, String, String)}, with extra headers as name, value pairs. */
    public void send(HttpServerResponse response, String detail, String instance, String requestId, String... headers) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        // Whatever was copied from an upstream goes; what the CORS filter added stays, or a browser could
        // not read the problem.
        for (String name : new java.util.ArrayList<>(response.headers().names())) {
            if (!isCorsHeader(name)) {
                response.headers().remove(name);
            }
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store");
        if (requestId != null) {
            response.putHeader(ProxyHeaders.X_REQUEST_ID, requestId);
        }
        response.end(body(detail, instance, requestId));
    }

    private static boolean isCorsHeader(String name) {
        return name.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length()) || name.equalsIgnoreCase("Vary");
    }
}
