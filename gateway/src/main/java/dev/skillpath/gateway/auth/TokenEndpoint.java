package dev.skillpath.gateway.auth;

import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.proxy.ApiGuard;
import dev.skillpath.gateway.proxy.ApiProxy;
import dev.skillpath.gateway.proxy.Problem;
import dev.skillpath.gateway.proxy.RequestBodies;
import dev.skillpath.gateway.ratelimit.RouteClass;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/auth/token} with {@code {"user": "demo-learner"}}: a token for a demo user from the
 * {@link LocalTokenIssuer}. Registered only when {@code skillpath.gateway.auth.local-issuer.enabled=true};
 * otherwise the path is unknown (404) like any other. An enabled issuer refuses to start where it does not belong
 * ({@link LocalIssuerPolicy}).
 */
@Singleton
public class TokenEndpoint {

    private static final Logger LOG = Logger.getLogger(TokenEndpoint.class);

    private final LocalTokenIssuer issuer;
    private final Vertx vertx;
    private final RequestBodies bodies;

    TokenEndpoint(GatewayConfig config, Vertx vertx, RequestBodies bodies) {
        this.vertx = vertx;
        this.bodies = bodies;
        GatewayConfig.Auth.LocalIssuer settings = config.auth().localIssuer();
        if (settings.enabled()) {
            SmallRyeConfig all = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
            String keyLocation = all.getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse(null);
            LocalIssuerPolicy.refusal(settings.force(), all.getProfiles(), keyLocation).ifPresent(reason -> {
                throw new IllegalStateException(reason);
            });
            if (settings.force()) {
                LOG.warnf("the local token issuer is forced on (%s): anyone who can reach the gateway gets a token",
                        LocalIssuerPolicy.envName(LocalIssuerPolicy.FORCE_PROPERTY));
            }
        }
        this.issuer = settings.enabled()
                ? new LocalTokenIssuer(LocalTokenIssuer.readPrivateKey(settings.privateKeyLocation()), settings.issuer(),
                        settings.audience(), settings.lifetime(), settings.users())
                : null;
    }

    public boolean enabled() {
        return issuer != null;
    }

    public Set<String> users() {
        return issuer == null ? Set.of() : issuer.users();
    }

    /** {@code GET /api/v1/auth/demo-users}: whom the local issuer signs for, so a sign-in page can offer them. */
    public void demoUsers(RoutingContext context) {
        if (context.request().method() != HttpMethod.GET && context.request().method() != HttpMethod.HEAD) {
            ApiProxy.problem(context, Problem.METHOD_NOT_ALLOWED, context.request().method() + " is not allowed here; use GET.",
                    "Allow", "GET, HEAD");
            return;
        }
        io.vertx.core.json.JsonArray users = new io.vertx.core.json.JsonArray();
        issuer.roles().forEach((user, role) -> users.add(new JsonObject().put("user", user).put("role", role)));
        ApiProxy.json(context, 200, new JsonObject().put("users", users).encode(), "Cache-Control", "no-store");
    }

    public void handle(RoutingContext context) {
        if (context.request().method() != HttpMethod.POST) {
            ApiProxy.problem(context, Problem.METHOD_NOT_ALLOWED, context.request().method() + " is not allowed here; use POST.",
                    "Allow", "POST");
            return;
        }
        String contentType = context.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            ApiProxy.problem(context, Problem.UNSUPPORTED_MEDIA_TYPE, "Send {\"user\": \"demo-learner\"} as application/json.");
            return;
        }
        // A declared length over the limit never gets here (ApiGuard); a streamed body is counted, and the whole of it
        // must arrive within the body deadline.
        long max = bodies.maxBytes(HttpMethod.POST, RouteClass.AUTH);
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        long deadline = vertx.setTimer(bodies.deadlineMillis(), id -> {
            if (!refused[0] && !request.isEnded()) {
                refused[0] = true;
                bodies.refuse(request, Problem.REQUEST_TIMEOUT, "The request body did not arrive within "
                        + bodies.deadlineMillis() + " ms.", context.normalizedPath(), ApiGuard.requestId(context));
            }
        });
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            body.appendBuffer(chunk);
            if (body.length() > max) {
                refused[0] = true;
                vertx.cancelTimer(deadline);
                bodies.refuse(request, Problem.PAYLOAD_TOO_LARGE, "The body may have at most " + max + " bytes.",
                        context.normalizedPath(), ApiGuard.requestId(context));
            }
        });
        request.endHandler(ignored -> {
            vertx.cancelTimer(deadline);
            if (!refused[0]) {
                answer(context, body);
            }
        });
        request.resume();
    }

    private void answer(RoutingContext context, Buffer body) {
        String user;
        try {
            JsonObject json = body.length() == 0 ? null : body.toJsonObject();
            Object value = json == null ? null : json.getValue("user");
            // exactly one field: an unknown one (a "role", say) is refused, not ignored
            user = value instanceof String s && json.size() == 1 ? s : null;
        } catch (DecodeException | ClassCastException e) {
            user = null;
        }
        if (user == null || user.isBlank()) {
            ApiProxy.problem(context, Problem.BAD_REQUEST, "The body must be {\"user\": \"<demo user>\"}; demo users: "
                    + String.join(", ", issuer.users()) + ".");
            return;
        }
        String name = user;
        vertx.executeBlocking(() -> issuer.issue(name), false).onComplete(result -> {
            if (result.failed()) {
                context.fail(result.cause());
                return;
            }
            LocalTokenIssuer.IssuedToken token = result.result();
            if (token == null) {
                ApiProxy.problem(context, Problem.BAD_REQUEST, "There is no demo user '" + name + "'; demo users: "
                        + String.join(", ", issuer.users()) + ".");
                return;
            }
            ApiProxy.json(context, 200, new JsonObject()
                    .put("access_token", token.accessToken())
                    .put("token_type", "Bearer")
                    .put("expires_in", token.expiresIn())
                    .encode(), "Cache-Control", "no-store");
        });
    }
}
