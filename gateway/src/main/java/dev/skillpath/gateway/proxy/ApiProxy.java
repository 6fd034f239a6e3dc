package dev.skillpath.gateway.proxy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.routing.RequestIds;
import dev.skillpath.gateway.routing.Route;
import dev.skillpath.gateway.routing.RouteTable;
import dev.skillpath.gateway.routing.Upstream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards {@code /api/v1/**} to the service that owns the path prefix. A plain Vert.x route, not a
 * REST resource: it streams bodies and costs little per request.
 */
@Singleton
public class ApiProxy {

    static final String API_ROOT = "/api/v1";

    /** The context-local key under which Quarkus' request metrics look for a path template. */
    private static final String METRICS_URL_TEMPLATE = "UrlPathTemplate";

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    private final RouteTable routes;
    private final long timeoutMillis;
    private final long connectTimeoutMillis;
    private final int maxConnectionsPerService;
    private volatile HttpClient client;

    ApiProxy(GatewayConfig config) {
        this.routes = routeTable(config);
        this.timeoutMillis = positiveMillis("skillpath.gateway.timeout", config.timeout().toMillis());
        this.connectTimeoutMillis = positiveMillis("skillpath.gateway.connect-timeout", config.connectTimeout().toMillis());
        if (config.maxConnectionsPerService() < 1) {
            throw new IllegalArgumentException("skillpath.gateway.max-connections-per-service must be at least 1");
        }
        this.maxConnectionsPerService = config.maxConnectionsPerService();
    }

    static RouteTable routeTable(GatewayConfig config) {
        Map<Upstream, List<String>> prefixes = new LinkedHashMap<>();
        config.routes().forEach((name, service) -> prefixes.put(Upstream.parse(name, service.url()), service.prefixes()));
        return RouteTable.of(prefixes);
    }

    private static long positiveMillis(String property, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException(property + " must be positive");
        }
        return millis;
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                // The gateway passes bodies through as they are; decompressing would only cost time.
                .setDecompressionSupported(false);
        client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxConnectionsPerService));
        router.route(API_ROOT + "/*").handler(this::handle).failureHandler(ApiProxy::internalError);
        // Whatever no route serves gets a problem document too, never the router's HTML page.
        router.errorHandler(404, ApiProxy::notFound);
        router.errorHandler(405, ApiProxy::methodNotAllowed);
        Map<Upstream, List<String>> byUpstream = new LinkedHashMap<>();
        routes.routes().forEach(route -> byUpstream.computeIfAbsent(route.upstream(), u -> new ArrayList<>()).add(route.prefix()));
        byUpstream.forEach((upstream, prefixes) -> LOG.infof("%s serves %s", upstream, String.join(", ", prefixes)));
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = RequestIds.keepOrGenerate(request.getHeader(ProxyHeaders.X_REQUEST_ID));
        // Match on the normalized path (dot segments removed) so that /api/v1/skills/../lessons
        // reaches the service that will, after its own normalization, answer it.
        String path = context.normalizedPath();
        Route route = routes.match(path);
        if (route == null) {
            Problem.NO_ROUTE.send(request.response(), "No service answers " + path, path, requestId);
            return;
        }
        nameForMetrics(route);
        new ProxyExchange(this, request, route.upstream(), path, requestId).start();
    }

    /** Request metrics then count all paths under a prefix as one {@code uri}, not one per slug. */
    private static void nameForMetrics(Route route) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(METRICS_URL_TEMPLATE, route.pattern());
        }
    }

    private static void notFound(RoutingContext context) {
        String path = context.normalizedPath();
        Problem.NO_ROUTE.send(context.response(), "Nothing answers " + path, path, requestId(context));
    }

    private static void methodNotAllowed(RoutingContext context) {
        String path = context.normalizedPath();
        Problem.METHOD_NOT_ALLOWED.send(context.response(),
                context.request().method() + " is not allowed on " + path, path, requestId(context));
    }

    private static void internalError(RoutingContext context) {
        LOG.errorf(context.failure(), "gateway failure on %s", context.normalizedPath());
        String path = context.normalizedPath();
        Problem.INTERNAL_ERROR.send(context.response(), "The gateway failed to handle the request", path, requestId(context));
    }

    private static String requestId(RoutingContext context) {
        return RequestIds.keepOrGenerate(context.request().getHeader(ProxyHeaders.X_REQUEST_ID));
    }

    HttpClient client() {
        return client;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    @PreDestroy
    void close() {
        HttpClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
