package dev.skillpath.gateway.proxy;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.skillpath.gateway.auth.AccessRules;
import dev.skillpath.gateway.auth.AccessRules.Access;
import dev.skillpath.gateway.auth.Caller;
import dev.skillpath.gateway.auth.TokenVerifier;
import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.ratelimit.RateLimiter;
import dev.skillpath.gateway.ratelimit.RouteClass;
import dev.skillpath.gateway.routing.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every {@code /api/v1} request: request id, body framing ({@link RequestBodies}), token, rate
 * limit, access rules. A
 * request without a token goes on to public reads; a request with a bad token is a 401 on every route;
 * a learner's data needs a valid token; other writes need the role author or admin.
 */
@Singleton
public class ApiGuard {

    static final String REQUEST_ID = "skillpath.requestId";
    static final String CALLER = "skillpath.caller";

    private final TokenVerifier verifier;
    private final RateLimiter limiter;
    private final Map<RouteClass, Counter> rejections = new EnumMap<>(RouteClass.class);
    private final Vertx vertx;
    private final Upstreams upstreams;
    private final RequestBodies bodies;

    ApiGuard(TokenVerifier verifier, GatewayConfig config, MeterRegistry registry, Vertx vertx, Upstreams upstreams,
            RequestBodies bodies) {
        this.verifier = verifier;
        this.bodies = bodies;
        this.vertx = vertx;
        this.upstreams = upstreams;
        GatewayConfig.RateLimit limits = config.rateLimit();
        if (limits.enabled()) {
            Map<RouteClass, RateLimiter.Limit> byClass = new EnumMap<>(RouteClass.class);
            byClass.put(RouteClass.READ, limit(limits.read()));
            byClass.put(RouteClass.WRITE, limit(limits.write()));
            byClass.put(RouteClass.AUTH, limit(limits.auth()));
            byClass.put(RouteClass.DOCS, new RateLimiter.Limit(limits.docs().perSecond(), limits.docs().burst()));
            this.limiter = new RateLimiter(byClass, limits.maxClients(), System::nanoTime);
        } else {
            this.limiter = null;
        }
        for (RouteClass c : RouteClass.values()) {
            rejections.put(c, Counter.builder("skillpath.gateway.rate.limited")
                    .description("Requests answered 429 by the gateway's rate limit")
                    .tag("route_class", c.tag)
                    .register(registry));
        }
    }

    private static RateLimiter.Limit limit(GatewayConfig.RateLimit.Limit limit) {
        return new RateLimiter.Limit(limit.perSecond(), limit.burst());
    }

    /** The request id of a request the guard has seen (or a usable one from its header). */
    public static String requestId(RoutingContext context) {
        String id = context.get(REQUEST_ID);
        return id != null ? id : RequestIds.keepOrGenerate(context.request().getHeader(ProxyHeaders.X_REQUEST_ID));
    }

    /** The verified caller, or null for a request without a token. */
    public static Caller caller(RoutingContext context) {
        return context.get(CALLER);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = RequestIds.keepOrGenerate(request.getHeader(ProxyHeaders.X_REQUEST_ID));
        context.put(REQUEST_ID, requestId);
        String path = context.normalizedPath();
        nameForMetrics(path);
        // a body the request may not have is refused before anything else is done for it
        if (bodies.refused(request, RouteClass.of(request.method(), path), path, requestId)) {
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            decide(context, null, null);
            return;
        }
        verifier.verify(vertx, authorization).onComplete(result -> decide(context, result, authorization));
    }

    private void decide(RoutingContext context, AsyncResult<Caller> verified, String authorization) {
        HttpServerRequest request = context.request();
        String path = context.normalizedPath();
        String requestId = context.get(REQUEST_ID);
        Caller caller = verified != null && verified.succeeded() ? verified.result() : null;
        HttpMethod method = request.method();

        if (limiter != null) {
            String client = caller != null ? "sub:" + caller.subject() : "addr:" + address(request);
            if (limited(request, RouteClass.of(method, path), client, path, requestId)) {
                return;
            }
        }
        if (verified != null && verified.failed()) {
            String detail = verified.cause() instanceof TokenVerifier.InvalidToken ? verified.cause().getMessage()
                    : "The token could not be verified.";
            Problem.INVALID_TOKEN.send(request.response(), detail, path, requestId,
                    "WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return;
        }
        Access access = AccessRules.of(method, path);
        if (access != Access.PUBLIC && caller == null) {
            Problem.UNAUTHORIZED.send(request.response(), "This needs a bearer token.", path, requestId,
                    "WWW-Authenticate", "Bearer");
            return;
        }
        if (access == Access.AUTHOR && !caller.canWrite()) {
            Problem.FORBIDDEN.send(request.response(), "This needs the role author or admin.", path, requestId);
            return;
        }
        if (caller != null) {
            context.put(CALLER, caller);
        }
        context.next();
    }

    /**
     * The documents outside {@code /api/v1} ({@code /openapi}, {@code /q/metrics}, {@code /q/swagger-ui}) have a
     * rate limit of their own, per address: a filter, because Quarkus serves most of them from its own routes.
     * It runs after the CORS filter (lower priority), so that a browser can read the 429.
     */
    void registerDocumentLimit(@Observes Filters filters) {
        if (limiter != null) {
            filters.register(this::limitDocuments, 10);
        }
    }

    private void limitDocuments(RoutingContext context) {
        String path = context.normalizedPath();
        if (!RouteClass.isDocument(path)) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        if (!limited(request, RouteClass.DOCS, "addr:" + address(request), path, requestId(context))) {
            context.next();
        }
    }

    /** Takes a request from the client's bucket; answers 429 (and returns true) when it is empty. */
    private boolean limited(HttpServerRequest request, RouteClass routeClass, String client, String path, String requestId) {
        long waitNanos = limiter.acquire(routeClass, client);
        if (waitNanos <= 0) {
            return false;
        }
        rejections.get(routeClass).increment();
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        Problem.TOO_MANY_REQUESTS.send(request.response(),
                "Too many " + routeClass.tag + " requests; try again in " + seconds + " s.", path, requestId,
                "Retry-After", Long.toString(seconds));
        return true;
    }

    /**
     * Request metrics count all paths under a route as one {@code uri} ({@code /api/v1/skills/**}), not
     * one per slug; set here so that the guard's own answers (401, 429) are counted under the route too.
     */
    private void nameForMetrics(String path) {
        String pattern = OwnRoutes.pattern(path);
        if (pattern == null) {
            var route = upstreams.match(path);
            pattern = route == null ? null : route.pattern();
        }
        io.vertx.core.Context current = Vertx.currentContext();
        if (pattern != null && current != null) {
            current.putLocal(METRICS_URL_TEMPLATE, pattern);
        }
    }

    /** The context-local key under which Quarkus' request metrics look for a path template. */
    private static final String METRICS_URL_TEMPLATE = "UrlPathTemplate";

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
