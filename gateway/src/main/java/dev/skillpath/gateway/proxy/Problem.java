package dev.skillpath.gateway.proxy;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The gateway's own error answers, as RFC 9457 {@code application/problem+json}. Each kind has a
 * stable {@code type} URI so that clients can tell "no such route" from an upstream's own 404.
 */
enum Problem {

    NO_ROUTE(404, "Not Found", "no-route"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "method-not-allowed"),
    INTERNAL_ERROR(500, "Internal Server Error", "internal-error"),
    BAD_GATEWAY(502, "Bad Gateway", "bad-gateway"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable", "service-unavailable"),
    GATEWAY_TIMEOUT(504, "Gateway Timeout", "gateway-timeout");

    static final String TYPE_BASE = "https://skillpath.dev/problems/";
    static final String CONTENT_TYPE = "application/problem+json";

    final int status;
    final String title;
    final String type;

    Problem(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.type = TYPE_BASE + slug;
    }

    /** The problem document; {@code instance} is the request path and {@code requestId} the X-Request-Id. */
    String body(String detail, String instance, String requestId) {
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
    void send(HttpServerResponse response, String detail, String instance, String requestId) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.headers().clear();
        response.setStatusCode(status)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("Cache-Control", "no-store");
        if (requestId != null) {
            response.putHeader(ProxyHeaders.X_REQUEST_ID, requestId);
        }
        response.end(body(detail, instance, requestId));
    }
}
