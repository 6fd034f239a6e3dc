package dev.skillpath.gateway.proxy;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.ratelimit.RouteClass;
import dev.skillpath.gateway.resilience.CircuitBreaker;
import dev.skillpath.gateway.resilience.RetryPolicy;
import dev.skillpath.gateway.routing.LocationRewriter;
import dev.skillpath.gateway.routing.Upstream;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
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
 * <p>The service's next instance in turn is picked ({@link UpstreamService#pick}); its circuit breaker is asked first
 * (when every instance's is open, an immediate 503) and told the outcome once: a connection error, a timeout or a 5xx
 * is a failure, any other answer (404 included) a success; no free pooled connection within {@code pool-timeout} (a
 * 503 {@code upstream-busy}) and a request the gateway broke off (body too large or too slow) tell it nothing. A
 * request that could not connect, and a read without a body whose connection closed before the response began, go
 * again, to another instance when there is one ({@link RetryPolicy}).
 */
final class ProxyExchange {

    private static final Logger LOG = Logger.getLogger(ProxyExchange.class);

    private final UpstreamService service;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    /** The instance this try goes to, and the permit its breaker gave. */
    private UpstreamChannel channel;
    private Upstream upstream;
    private final String path;
    private final String requestId;
    private final LocationRewriter locations;
    private final RequestBodies bodies;
    private final long maxBodyBytes;
    private final RouteClass routeClass;
    private HttpClientRequest upstreamRequest;
    private boolean responseArrived;
    private boolean clientGone;
    /** The gateway broke the exchange off itself (body too large or too slow): nothing more goes either way. */
    private boolean cut;
    private boolean bodyEnded;
    private long bodyBytes;
    private long deadlineTimer = -1;
    private long permit = CircuitBreaker.DENIED;
    private int retries;

    ProxyExchange(UpstreamService service, HttpServerRequest request, String path, String requestId, LocationRewriter locations,
            RequestBodies bodies) {
        this.service = service;
        this.locations = locations;
        this.bodies = bodies;
        this.routeClass = RouteClass.of(request.method(), path);
        this.maxBodyBytes = bodies.maxBytes(request.method(), routeClass);
        this.request = request;
        this.response = request.response();
        this.path = path;
        this.requestId = requestId;
    }

    void start() {
        if (!use(service.pick(null))) {
            long seconds = service.retryAfterSeconds();
            answer(Problem.CIRCUIT_OPEN, service.name() + " is failing; the gateway holds requests to it back for "
                    + seconds + " s", "Retry-After", Long.toString(seconds));
            return;
        }
        response.closeHandler(this::onClientGone);
        if (!request.isEnded() && requestHasBody()) {
            // from now on, not from when the upstream connection is there: waiting for the pool counts too
            deadlineTimer = bodies.vertx().setTimer(bodies.deadlineMillis(), this::onBodyDeadline);
        }
        connect();
    }

    private boolean use(UpstreamService.Choice choice) {
        if (choice == null) {
            return false;
        }
        channel = choice.channel();
        upstream = channel.upstream();
        permit = choice.permit();
        return true;
    }

    private void connect() {
        channel.client().request(channel.options(request.method(), originForm(request))).onComplete(this::onUpstreamRequest);
    }

    /**
     * Sends the request again after {@code failure}, when the policy allows: to another instance when the service has
     * several (this one's breaker hears of the failure), else to the same one under the same permit. False when it
     * may not go again or no other instance will take it; the permit is then still this instance's, unsettled.
     */
    private boolean retry(RetryPolicy.Failure failure) {
        if (clientGone || !RetryPolicy.mayRetry(request.method(), requestHasBody(), retries, failure, service.size())) {
            return false;
        }
        if (service.size() > 1) {
            UpstreamChannel failed = channel;
            UpstreamService.Choice next = service.pick(failed);
            if (next == null) {
                return false;
            }
            settle(Boolean.TRUE);
            use(next);
            LOG.debugf("%s: %s failed (%s), trying %s", requestId, failed, failure, upstream);
        }
        retries++;
        connect();
        return true;
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
            if (cut) {
                return;
            }
            if (cause instanceof TimeoutException || cause instanceof ConnectionPoolTooBusyException) {
                // Vert.x's wait for a pooled connection ran out (opening one would have ended sooner, with a Netty
                // ConnectTimeoutException): every connection to the upstream is busy, which is no failure of it.
                settle(null);
                if (!clientGone) {
                    answer(Problem.UPSTREAM_BUSY, "Every connection to " + upstream.name() + " is busy; try again in 1 s",
                            "Retry-After", "1");
                }
                return;
            }
            boolean refused = cause instanceof ConnectException && !(cause instanceof io.netty.channel.ConnectTimeoutException);
            if (retry(refused ? RetryPolicy.Failure.NOT_CONNECTED : RetryPolicy.Failure.OTHER)) {
                return;
            }
            settle(clientGone ? null : Boolean.TRUE);
            if (!clientGone) {
                answer(Problem.SERVICE_UNAVAILABLE, upstream.name() + " is unavailable");
            }
            return;
        }
        upstreamRequest = result.result();
        // A reset (body cut, client gone) fails the request; without a handler Vert.x would log it as an error,
        // which any client trickling a body could then fill the log with. The response side reports what matters.
        upstreamRequest.exceptionHandler(e -> LOG.debugf("%s: request to %s ended: %s", requestId, upstream, e));
        if (clientGone || cut) {
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
        // Forwarded piece by piece with back-pressure (as a pipe would), counted against the limit on the way.
        request.handler(this::onRequestChunk);
        request.endHandler(this::onRequestEnd);
        request.exceptionHandler(this::onRequestFailed);
        upstreamRequest.drainHandler(this::onUpstreamDrained);
        request.resume();
    }

    private void onRequestChunk(Buffer chunk) {
        if (cut) {
            return;
        }
        bodyBytes += chunk.length();
        if (bodyBytes > maxBodyBytes) {
            breakOff(maxBodyBytes == 0 ? Problem.BAD_REQUEST : Problem.PAYLOAD_TOO_LARGE,
                    maxBodyBytes == 0 ? request.method() + " takes no body." : RequestBodies.tooLarge(routeClass, maxBodyBytes));
            return;
        }
        upstreamRequest.write(chunk, null);
        if (upstreamRequest.writeQueueFull()) {
            request.pause();
        }
    }

    private void onUpstreamDrained(Void ignored) {
        if (!cut && !bodyEnded) {
            request.resume();
        }
    }

    private void onRequestEnd(Void ignored) {
        bodyEnded = true;
        cancelDeadline();
        if (cut) {
            return;
        }
        upstreamRequest.end();
        startResponseTimeout();
    }

    private void onRequestFailed(Throwable cause) {
        // The client stopped sending: a truncated body must not look complete.
        LOG.debugf(cause, "%s: request body to %s failed", requestId, upstream);
        cancelDeadline();
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }

    private void onBodyDeadline(Long timer) {
        deadlineTimer = -1;
        if (!bodyEnded && !request.isEnded()) {
            breakOff(Problem.REQUEST_TIMEOUT, "The request body did not arrive within " + describe(bodies.deadlineMillis()) + ".");
        }
    }

    private void cancelDeadline() {
        if (deadlineTimer != -1) {
            bodies.vertx().cancelTimer(deadlineTimer);
            deadlineTimer = -1;
        }
    }

    /**
     * The body is over its limit or its deadline: the upstream request is reset (a service never sees a truncated
     * body end as if it were complete, and the reset connection leaves the pool), the breaker learns nothing, and the
     * client gets the problem, or a cut connection if the answer has already begun.
     */
    private void breakOff(Problem problem, String detail) {
        if (cut) {
            return;
        }
        cut = true;
        cancelDeadline();
        request.pause();
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
        settle(null);
        if (!clientGone) {
            bodies.refuse(request, problem, detail, path, requestId);
        }
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
        if (cut) {
            if (result.succeeded()) {
                upstreamRequest.reset();
            }
            return;
        }
        if (result.failed()) {
            Throwable cause = result.cause();
            LOG.debugf(cause, "%s: no answer from %s", requestId, upstream);
            // a read on a connection that closed under it (typically a pooled one whose instance just went away)
            if (!(cause instanceof TimeoutException) && !cut) {
                responseArrived = false;
                if (retry(RetryPolicy.Failure.HUNG_UP)) {
                    return;
                }
                responseArrived = true;
            }
            settle(clientGone ? null : Boolean.TRUE);
            if (clientGone) {
                return;
            }
            if (cause instanceof TimeoutException) {
                answer(Problem.GATEWAY_TIMEOUT, upstream.name() + " did not answer within " + describe(channel.timeoutMillis()));
            } else {
                answer(Problem.BAD_GATEWAY, upstream.name() + " closed the connection without an answer");
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

    /** A problem of the gateway's; while the client is still sending its body, the connection ends after it. */
    private void answer(Problem problem, String detail, String... headers) {
        cancelDeadline();
        if (bodyEnded || request.isEnded() || !requestHasBody()) {
            problem.send(response, detail, path, requestId, headers);
        } else {
            bodies.refuse(request, problem, detail, path, requestId, headers);
        }
    }

    private void onClientGone(Void ignored) {
        cancelDeadline();
        clientGone = true;
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }
}
