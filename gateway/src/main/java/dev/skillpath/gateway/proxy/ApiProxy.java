package dev.skillpath.gateway.proxy;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.auth.AccessRules;
import dev.skillpath.gateway.auth.TokenEndpoint;
import dev.skillpath.gateway.compose.ComposedViews;
import dev.skillpath.gateway.openapi.ApiDocument;
import dev.skillpath.gateway.routing.Route;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Registers the gateway's routes and forwards {@code /api/v1/**} to the service that owns the path
 * prefix. Plain Vert.x routes, not REST resources: the proxy streams bodies and costs little per request.
 *
 * <p>Order of the handlers of an {@code /api/v1} request: {@link ApiGuard} (request id, token, rate
 * limit, access rules), then the gateway's own routes (token, composed views), then the proxy.
 */
@Singleton
public class ApiProxy {

    static final String API_ROOT = "/api/v1";

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);

    private final Upstreams upstreams;
    private final ApiGuard guard;
    private final TokenEndpoint tokenEndpoint;
    private final ComposedViews views;
    private final ApiDocument document;
    private final RequestBodies bodies;

    ApiProxy(Upstreams upstreams, ApiGuard guard, TokenEndpoint tokenEndpoint, ComposedViews views, ApiDocument document,
            RequestBodies bodies) {
        this.upstreams = upstreams;
        this.bodies = bodies;
        this.guard = guard;
        this.tokenEndpoint = tokenEndpoint;
        this.views = views;
        this.document = document;
    }

    void register(@Observes Router router) {
        router.route(API_ROOT + "/*").handler(guard::handle).failureHandler(ApiProxy::internalError);
        if (tokenEndpoint.enabled()) {
            router.route(AccessRules.TOKEN_PATH).handler(tokenEndpoint::handle).failureHandler(ApiProxy::internalError);
            router.route(AccessRules.DEMO_USERS_PATH).handler(tokenEndpoint::demoUsers).failureHandler(ApiProxy::internalError);
            LOG.infof("local token issuer enabled at POST %s for %s", AccessRules.TOKEN_PATH, String.join(", ", tokenEndpoint.users()));
        }
        router.route(OwnRoutes.DASHBOARD).handler(views::dashboard).failureHandler(ApiProxy::internalError);
        router.route(OwnRoutes.PATH_PREFIX + ":skill").handler(views::path).failureHandler(ApiProxy::internalError);
        router.route(API_ROOT + "/*").handler(this::handle).failureHandler(ApiProxy::internalError);
        router.route("/openapi").handler(document::serve).failureHandler(ApiProxy::internalError);
        // Whatever no route serves gets a problem document too, never the router's HTML page.
        router.errorHandler(404, ApiProxy::notFound);
        router.errorHandler(405, ApiProxy::methodNotAllowed);
        upstreams.prefixes().forEach((service, prefixes) -> LOG.infof("%s serves %s", upstreams.service(service).instances(),
                String.join(", ", prefixes)));
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requestId = ApiGuard.requestId(context);
        // Match on the normalized path (dot segments removed) so that /api/v1/skills/../lessons
        // reaches the service that will, after its own normalization, answer it.
        String path = context.normalizedPath();
        Route route = upstreams.match(path);
        if (route == null) {
            Problem.NO_ROUTE.send(request.response(), "No service answers " + path, path, requestId);
            return;
        }
        new ProxyExchange(upstreams.service(route.service()), request, path, requestId, upstreams.locations(), bodies).start();
    }

    private static void notFound(RoutingContext context) {
        String path = context.normalizedPath();
        Problem.NO_ROUTE.send(context.response(), "Nothing answers " + path, path, ApiGuard.requestId(context));
    }

    private static void methodNotAllowed(RoutingContext context) {
        String path = context.normalizedPath();
        Problem.METHOD_NOT_ALLOWED.send(context.response(),
                context.request().method() + " is not allowed on " + path, path, ApiGuard.requestId(context));
    }

    static void internalError(RoutingContext context) {
        LOG.errorf(context.failure(), "gateway failure on %s", context.normalizedPath());
        String path = context.normalizedPath();
        Problem.INTERNAL_ERROR.send(context.response(), "The gateway failed to handle the request", path,
                ApiGuard.requestId(context));
    }

    /** For the gateway's own handlers: a JSON answer carrying the request's id. */
    public static void json(RoutingContext context, int status, String body, String... headers) {
        var response = context.response();
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader(ProxyHeaders.X_REQUEST_ID, ApiGuard.requestId(context));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        response.end(body);
    }

    /** For the gateway's own handlers: a problem answer with the request's id and path. */
    public static void problem(RoutingContext context, Problem problem, String detail, String... headers) {
        problem.send(context.response(), detail, context.normalizedPath(), ApiGuard.requestId(context), headers);
    }
}
