package dev.skillpath.gateway.proxy;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.resilience.CircuitBreaker;
import dev.skillpath.gateway.resilience.RetryPolicy;
import dev.skillpath.gateway.routing.LocationRewriter;
import dev.skillpath.gateway.routing.Upstream;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;

/**
 * One request on its way through the gateway: client request to upstream, upstream response back
 * to the client, both bodies streamed with back-pressure and never buffered whole.
 *
 * <p>All callbacks run on the event loop that received the request, so the fields need no locking.
 *
 * <p>The upstream's circuit breaker is asked first (an open breaker is an immediate 503) and told the
 * outcome once: a connection error, a timeout or a 5xx is a failure, any other answer (404 included) a
 * success. A read without a body that got no answer (no connection, or a connection that closed before the
 * response began) is tried once more ({@link RetryPolicy}).
 */
final class ProxyExchange {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    private final UpstreamChannel channel;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Upstream upstream;
    private final String path;
    private final String requestId;
    private final LocationRewriter locations;
    private HttpClientRequest upstreamRequest;
    private boolean responseArrived;
    private boolean clientGone;
    private long permit = CircuitBreaker.DENIED;
    private int retries;

    ProxyExchange(UpstreamChannel channel, HttpServerRequest request, String path, String requestId, LocationRewriter locations) {
        this.channel = channel;
        this.locations = locations;
        this.request = request;
        this.response = request.response();
        this.upstream = channel.upstream();
        this.path = path;
        this.requestId = requestId;
    }

    void start() {
        permit = channel.breaker().acquire();
        if (permit == CircuitBreaker.DENIED) {
            long seconds = channel.breaker().retryAfterSeconds();
            Problem.CIRCUIT_OPEN.send(response, upstream.name() + " is failing; the gateway holds requests to it back for "
                    + seconds + " s", path, requestId, "Retry-After", Long.toString(seconds));
            return;
        }
        response.closeHandler(this::onClientGone);
        connect();
    }

    private void connect() {
        channel.client().request(channel.options(request.method(), originForm(request))).onComplete(this::onUpstreamRequest);
    }

    /** Tells the breaker what this exchange showed about the upstream, once. */
    private void settle(Boolean failed) {
        if (permit == CircuitBreaker.DENIED) {
            return;
        }
        if (failed == null) {
            channel.breaker().onIgnored(permit);
        } else if (failed) {
            channel.breaker().onFailure(permit);
        } else {
            channel.breaker().onSuccess(permit);
        }
        permit = CircuitBreaker.DENIED;
    }

    private boolean requestHasBody() {
        MultiMap headers = request.headers();
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded();
        }
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        return headers.contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.trim().equals("0");
    }

    /** The path and query exactly as the client sent them, also when it used the absolute form. */
    private static String originForm(HttpServerRequest request) {
        String uri = request.uri();
        if (uri.startsWith("/")) {
            return uri;
        }
        String query = request.query();
        return query == null ? request.path() : request.path() + "?" + query;
    }

    private void onUpstreamRequest(AsyncResult<HttpClientRequest> result) {
        if (result.failed()) {
            Throwable cause = result.cause();
            LOG.debugf(cause, "%s: no connection to %s", requestId, upstream);
            boolean refused = cause instanceof ConnectException && !(cause instanceof io.netty.channel.ConnectTimeoutException);
            if (!clientGone && RetryPolicy.mayRetry(request.method(), requestHasBody(), retries,
                    refused ? RetryPolicy.Failure.NOT_CONNECTED : RetryPolicy.Failure.OTHER)) {
                retries++;
                connect();
                return;
            }
            settle(clientGone ? null : Boolean.TRUE);
            if (!clientGone) {
                Problem.SERVICE_UNAVAILABLE.send(response, upstream.name() + " is unavailable", path, requestId);
            }
            return;
        }
        upstreamRequest = result.result();
        if (clientGone) {
            settle(null);
            upstreamRequest.reset();
            return;
        }
        MultiMap incoming = request.headers();
        MultiMap outgoing = upstreamRequest.headers();
        ProxyHeaders.copyRequestHeaders(incoming, outgoing);
        String clientAddress = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String forwardedFor = ProxyHeaders.forwardedFor(incoming, clientAddress);
        if (forwardedFor != null) {
            outgoing.set(ProxyHeaders.X_FORWARDED_FOR, forwardedFor);
        }
        outgoing.set(ProxyHeaders.X_FORWARDED_PROTO, request.scheme());
        HostAndPort authority = request.authority();
        if (authority != null) {
            outgoing.set(ProxyHeaders.X_FORWARDED_HOST, authority.toString());
        }
        outgoing.set(ProxyHeaders.X_REQUEST_ID, requestId);

        upstreamRequest.response().onComplete(this::onUpstreamResponse);

        if (!hasBody(incoming, outgoing)) {
            upstreamRequest.end();
            startResponseTimeout();
            return;
        }
        if (request.version() == HttpVersion.HTTP_1_1 && incoming.contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            response.writeContinue();
        }
        request.pipe().endOnFailure(false).to(upstreamRequest, this::onRequestBodyForwarded);
    }

    /** Decides how the body is framed upstream: same length when known, chunked when streamed. */
    private boolean hasBody(MultiMap incoming, MultiMap outgoing) {
        boolean chunked = request.version() == HttpVersion.HTTP_2
                ? !request.isEnded() && !outgoing.contains(HttpHeaders.CONTENT_LENGTH)
                : incoming.contains(HttpHeaders.TRANSFER_ENCODING);
        if (chunked) {
            // A Content-Length beside Transfer-Encoding is void (RFC 9112 section 6.3).
            outgoing.remove(HttpHeaders.CONTENT_LENGTH);
            upstreamRequest.setChunked(true);
            return true;
        }
        return outgoing.contains(HttpHeaders.CONTENT_LENGTH);
    }

    private void onRequestBodyForwarded(AsyncResult<Void> result) {
        if (result.failed()) {
            // The client stopped sending or the upstream stopped reading: a truncated body must not look complete.
            LOG.debugf(result.cause(), "%s: request body to %s failed", requestId, upstream);
            upstreamRequest.reset();
            return;
        }
        startResponseTimeout();
    }

    /**
     * The upstream's time to answer runs from the moment the whole request has been forwarded, so a
     * slow client upload does not count against it. Vert.x ends the timer when the response head
     * arrives (and fails the response with a TimeoutException if it does not).
     */
    private void startResponseTimeout() {
        if (!responseArrived) {
            upstreamRequest.idleTimeout(channel.timeoutMillis());
        }
    }

    private void onUpstreamResponse(AsyncResult<HttpClientResponse> result) {
        responseArrived = true;
        if (result.failed()) {
            Throwable cause = result.cause();
            LOG.debugf(cause, "%s: no answer from %s", requestId, upstream);
            if (!clientGone && !(cause instanceof TimeoutException) && RetryPolicy.mayRetry(request.method(),
                    requestHasBody(), retries, RetryPolicy.Failure.HUNG_UP)) {
                // a read on a connection that closed under it (typically a pooled one whose service just went away)
                retries++;
                responseArrived = false;
                connect();
                return;
            }
            settle(clientGone ? null : Boolean.TRUE);
            if (clientGone) {
                return;
            }
            if (cause instanceof TimeoutException) {
                Problem.GATEWAY_TIMEOUT.send(response,
                        upstream.name() + " did not answer within " + describe(channel.timeoutMillis()), path, requestId);
            } else {
                Problem.BAD_GATEWAY.send(response,
                        upstream.name() + " closed the connection without an answer", path, requestId);
            }
            return;
        }
        HttpClientResponse upstreamResponse = result.result();
        int status = upstreamResponse.statusCode();
        settle(status >= 500);
        if (clientGone) {
            upstreamRequest.reset();
            return;
        }
        response.setStatusCode(status);
        MultiMap headers = response.headers();
        ProxyHeaders.copyResponseHeaders(upstreamResponse.headers(), headers);
        rewriteLocation(headers, HttpHeaders.LOCATION);
        rewriteLocation(headers, HttpHeaders.CONTENT_LOCATION);
        headers.set(ProxyHeaders.X_REQUEST_ID, requestId);
        if (mayHaveBody(status) && !headers.contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        upstreamResponse.pipe().endOnFailure(false).to(response, this::onResponseBodyForwarded);
    }

    /** A service's own address must not reach the client: a {@code Location} naming an upstream becomes a path. */
    private void rewriteLocation(MultiMap headers, CharSequence name) {
        String location = headers.get(name);
        if (location != null) {
            String rewritten = locations.rewrite(location);
            if (rewritten != location) {
                headers.set(name, rewritten);
            }
        }
    }

    private static String describe(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private boolean mayHaveBody(int status) {
        return status >= 200 && status != 204 && status != 304 && request.method() != HttpMethod.HEAD;
    }

    private void onResponseBodyForwarded(AsyncResult<Void> result) {
        if (result.failed()) {
            // Cut both connections: ending normally would pass a truncated body off as complete.
            LOG.debugf(result.cause(), "%s: response body from %s failed", requestId, upstream);
            response.reset();
            upstreamRequest.reset();
        }
    }

    private void onClientGone(Void ignored) {
        clientGone = true;
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }
}
