package dev.skillpath.gateway.proxy;

import jakarta.inject.Singleton;

import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.ratelimit.RouteClass;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * What a client may send as a request body, and how long it may take: a limit per route class (reads and the
 * token endpoint small, writes as much as the services accept), none at all for {@code GET} and {@code HEAD}, and a
 * deadline for the whole body. A declared length is checked before anything else happens ({@link #refused}); a
 * streamed body is counted as it is forwarded ({@link ProxyExchange}).
 */
@Singleton
public class RequestBodies {

    private final long readMax;
    private final long writeMax;
    private final long authMax;
    private final long deadlineMillis;
    private final Vertx vertx;

    /** How long a refused request's connection still reads (and drops) what the client sends before it is closed. */
    static final long LINGER_MILLIS = 2_000;

    RequestBodies(GatewayConfig config, Vertx vertx) {
        GatewayConfig.Limits limits = config.limits();
        this.readMax = atLeast("skillpath.gateway.limits.read-body", limits.readBody().asLongValue(), 0);
        this.writeMax = atLeast("skillpath.gateway.limits.write-body", limits.writeBody().asLongValue(), 1);
        this.authMax = atLeast("skillpath.gateway.limits.auth-body", limits.authBody().asLongValue(), 1);
        this.deadlineMillis = limits.bodyDeadline().toMillis();
        if (deadlineMillis <= 0) {
            throw new IllegalArgumentException("skillpath.gateway.limits.body-deadline must be positive");
        }
        this.vertx = vertx;
    }

    private static long atLeast(String property, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(property + " must be at least " + minimum + " bytes");
        }
        return value;
    }

    /** The largest body a request of this method and route class may have; 0 for {@code GET} and {@code HEAD}. */
    public long maxBytes(HttpMethod method, RouteClass routeClass) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return 0;
        }
        return switch (routeClass) {
            case AUTH -> authMax;
            case WRITE -> writeMax;
            case READ, DOCS -> readMax;
        };
    }

    public long deadlineMillis() {
        return deadlineMillis;
    }

    Vertx vertx() {
        return vertx;
    }

    /**
     * Answers a request whose framing already says it is refused: a body on {@code GET} or {@code HEAD}
     * ({@code Content-Length} above 0 or any {@code Transfer-Encoding}), or a declared length above the limit.
     * Returns whether it answered.
     */
    boolean refused(HttpServerRequest request, RouteClass routeClass, String path, String requestId) {
        if (request.version() == HttpVersion.HTTP_2) {
            return false; // no framing headers to go by; the body is counted as it arrives
        }
        MultiMap headers = request.headers();
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        HttpMethod method = request.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            if (headers.contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.trim().equals("0")) {
                refuse(request, Problem.BAD_REQUEST, method + " takes no body; this one has "
                        + (length != null ? "Content-Length " + length.trim() : "Transfer-Encoding") + ".", path, requestId);
                return true;
            }
            return false;
        }
        if (length == null || headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            return false; // streamed (a Content-Length beside Transfer-Encoding is void): counted as it arrives
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            refuse(request, Problem.BAD_REQUEST, "Content-Length must be a number of bytes.", path, requestId);
            return true;
        }
        long max = maxBytes(method, routeClass);
        if (declared > max) {
            refuse(request, Problem.PAYLOAD_TOO_LARGE, tooLarge(routeClass, max), path, requestId);
            return true;
        }
        return false;
    }

    static String tooLarge(RouteClass routeClass, long max) {
        return "Bodies of " + routeClass.tag + " requests may have at most " + max + " bytes.";
    }

    /**
     * Answers with a problem while (part of) the request body has not been read, then ends the connection: what is
     * left of the body would otherwise be read as the next request. HTTP/1.x gets {@code Connection: close}; what
     * the client goes on sending is read and dropped until its request ends, for at most {@link #LINGER_MILLIS},
     * and only then is the connection closed (a "lingering close", as nginx does it): closing a socket with unread
     * bytes makes TCP reset it, and a reset destroys the answer before a client busy sending has read it. HTTP/2 ends
     * the stream with {@code RST_STREAM(NO_ERROR)} after the answer, which asks the client to stop sending (RFC 9113
     * section 8.1).
     */
    public void refuse(HttpServerRequest request, Problem problem, String detail, String path, String requestId,
            String... headers) {
        HttpServerResponse response = request.response();
        if (request.version() == HttpVersion.HTTP_2) {
            problem.send(response, detail, path, requestId, headers);
            response.reset(0);
            return;
        }
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Connection";
        all[headers.length + 1] = "close";
        problem.send(response, detail, path, requestId, all);
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long linger = vertx.setTimer(LINGER_MILLIS, id -> connection.close());
        request.exceptionHandler(ignored -> {
        });
        request.handler(dropped -> {
        });
        request.endHandler(ignored -> {
            vertx.cancelTimer(linger);
            connection.close();
        });
        request.resume();
    }
}
