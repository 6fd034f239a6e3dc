package dev.skillpath.gateway.proxy;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's own error answers, as RFC 9457 {@code application/problem+json}. Each kind has a
 * stable {@code type} URI so that clients can tell "no such route" from an upstream's own 404.
 */
public enum Problem {

    BAD_REQUEST(400, "Bad Request", "bad-request"),
    UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
    INVALID_TOKEN(401, "Unauthorized", "invalid-token"),
    FORBIDDEN(403, "Forbidden", "forbidden"),
    NO_ROUTE(404, "Not Found", "no-route"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "method-not-allowed"),
    REQUEST_TIMEOUT(408, "Request Timeout", "request-timeout"),
    PAYLOAD_TOO_LARGE(413, "Content Too Large", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type", "unsupported-media-type"),
    TOO_MANY_REQUESTS(429, "Too Many Requests", "rate-limited"),
    INTERNAL_ERROR(500, "Internal Server Error", "internal-error"),
    BAD_GATEWAY(502, "Bad Gateway", "bad-gateway"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable", "service-unavailable"),
    CIRCUIT_OPEN(503, "Service Unavailable", "circuit-open"),
    UPSTREAM_BUSY(503, "Service Unavailable", "upstream-busy"),
    GATEWAY_TIMEOUT(504, "Gateway Timeout", "gateway-timeout");

    public static final String TYPE_BASE = "https://skillpath.dev/problems/";
    public static final String CONTENT_TYPE = "application/problem+json";

    public final int status;
    public final String title;
    public final String type;

    Problem(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.type = TYPE_BASE + slug;
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
