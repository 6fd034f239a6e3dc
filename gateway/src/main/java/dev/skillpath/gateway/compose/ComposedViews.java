package dev.skillpath.gateway.compose;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.auth.Caller;
import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.proxy.ApiGuard;
import dev.skillpath.gateway.proxy.ApiProxy;
import dev.skillpath.gateway.proxy.Problem;
import dev.skillpath.gateway.proxy.UpstreamService;
import dev.skillpath.gateway.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own views over several services, called in parallel with the caller's token:
 * {@code GET /api/v1/me/dashboard} and {@code GET /api/v1/me/path/{skill}}. A service that fails or
 * does not answer within {@code skillpath.gateway.compose.timeout} is named in {@code degraded} and its
 * part is left empty; the view is still a 200.
 *
 * <p>Services are found through the route table, like any proxied request, so a view follows the
 * routing configuration and names a service by its route name.
 */
@Singleton
public class ComposedViews {

    private static final Logger LOG = Logger.getLogger(ComposedViews.class);
    private static final Pattern SKILL_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,199}");
    private static final List<String> FORWARDED = List.of("Authorization", "X-Request-Id", "traceparent", "tracestate",
            "Accept-Language");

    private final Upstreams upstreams;
    private final Vertx vertx;
    private final long timeoutMillis;

    ComposedViews(Upstreams upstreams, Vertx vertx, GatewayConfig config) {
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.timeoutMillis = config.compose().timeout().toMillis();
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("skillpath.gateway.compose.timeout must be positive");
        }
    }

    public void dashboard(RoutingContext context) {
        if (!isGet(context)) {
            return;
        }
        Set<String> degraded = Collections.synchronizedSet(new TreeSet<>());
        MultiMap headers = forwardedHeaders(context);
        Future<JsonObject> mastery = part("/api/v1/learners/me/mastery", headers, degraded);
        Future<JsonObject> frontier = part("/api/v1/learners/me/frontier", headers, degraded);
        Future<JsonObject> attempts = part("/api/v1/learners/me/attempts?size=" + Views.RECENT_ATTEMPTS, headers, degraded);
        Future<List<List<Views.ForSkill>>> next = frontier.compose(f -> {
            List<String> skills = Views.frontierSkills(f, Views.MAX_NEXT);
            List<Future<Views.ForSkill>> lessons = new ArrayList<>();
            List<Future<Views.ForSkill>> quizzes = new ArrayList<>();
            for (String skill : skills) {
                lessons.add(forSkill("/api/v1/lessons", skill, headers, degraded));
                quizzes.add(forSkill("/api/v1/quizzes", skill, headers, degraded));
            }
            return Future.all(Future.all(lessons), Future.all(quizzes))
                    .map(done -> List.of(results(lessons), results(quizzes)));
        });
        Future.all(mastery, frontier, attempts, next).onComplete(done -> {
            if (done.failed()) {
                context.fail(done.cause());
                return;
            }
            Caller caller = ApiGuard.caller(context);
            JsonObject view = Views.dashboard(caller == null ? null : caller.subject(), mastery.result(), frontier.result(),
                    next.result().get(0), next.result().get(1), attempts.result(), degraded);
            ApiProxy.json(context, 200, view.encode(), "Cache-Control", "private, no-store");
        });
    }

    public void path(RoutingContext context) {
        if (!isGet(context)) {
            return;
        }
        String skill = context.pathParam("skill");
        if (skill == null || !SKILL_REF.matcher(skill).matches()) {
            ApiProxy.problem(context, Problem.BAD_REQUEST, "A skill is named by its slug or id.");
            return;
        }
        MultiMap headers = forwardedHeaders(context);
        String pathUri = "/api/v1/skills/" + skill + "/path";
        UpstreamService skills = upstreams.serviceFor(pathUri);
        if (skills == null) {
            ApiProxy.problem(context, Problem.NO_ROUTE, "No service answers " + pathUri);
            return;
        }
        UpstreamCall.get(vertx, skills, pathUri, headers, timeoutMillis).onComplete(result -> {
            if (result.failed()) {
                Throwable cause = result.cause();
                LOG.debugf(cause, "path of %s: %s did not answer", skill, skills.name());
                if (UpstreamCall.isTimeout(cause)) {
                    ApiProxy.problem(context, Problem.GATEWAY_TIMEOUT, skills.name() + " did not answer within " + timeoutMillis + " ms");
                } else {
                    ApiProxy.problem(context, Problem.SERVICE_UNAVAILABLE, skills.name() + " is unavailable");
                }
                return;
            }
            UpstreamCall.Answer answer = result.result();
            JsonObject path = answer.ok() ? parseObject(answer) : null;
            if (!answer.ok()) {
                // The service's own answer (404 for an unknown skill, with its problem document) is the answer.
                context.response().setStatusCode(answer.status())
                        .putHeader("Content-Type", Problem.CONTENT_TYPE)
                        .putHeader("X-Request-Id", ApiGuard.requestId(context))
                        .end(answer.body());
                return;
            }
            if (path == null) {
                ApiProxy.problem(context, Problem.BAD_GATEWAY, skills.name() + " answered something other than a path");
                return;
            }
            composePath(context, path, headers);
        });
    }

    private void composePath(RoutingContext context, JsonObject path, MultiMap headers) {
        Set<String> degraded = Collections.synchronizedSet(new TreeSet<>());
        List<String> skills = Views.pathSkills(path);
        List<Future<Views.ForSkill>> lessons = new ArrayList<>();
        List<Future<Views.ForSkill>> quizzes = new ArrayList<>();
        for (String skill : skills) {
            lessons.add(forSkill("/api/v1/lessons", skill, headers, degraded));
            quizzes.add(forSkill("/api/v1/quizzes", skill, headers, degraded));
        }
        Future.all(Future.all(lessons), Future.all(quizzes)).onComplete(done -> {
            if (done.failed()) {
                context.fail(done.cause());
                return;
            }
            JsonObject view = Views.path(path, bySkill(results(lessons)), bySkill(results(quizzes)), degraded);
            ApiProxy.json(context, 200, view.encode(), "Cache-Control", "private, no-store");
        });
    }

    private boolean isGet(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return true;
        }
        ApiProxy.problem(context, Problem.METHOD_NOT_ALLOWED, method + " is not allowed on " + context.normalizedPath(),
                "Allow", "GET, HEAD");
        return false;
    }

    private Future<Views.ForSkill> forSkill(String collection, String skill, MultiMap headers, Set<String> degraded) {
        String uri = collection + "?skill=" + URLEncoder.encode(skill, StandardCharsets.UTF_8) + "&size=" + Views.PER_SKILL;
        return part(uri, headers, degraded).map(answer -> new Views.ForSkill(skill, answer == null ? null : Views.items(answer)));
    }

    /** One service's part of a view: its JSON object, or null (and its name in degraded). Never fails. */
    private Future<JsonObject> part(String uri, MultiMap headers, Set<String> degraded) {
        int query = uri.indexOf('?');
        UpstreamService channel = upstreams.serviceFor(query < 0 ? uri : uri.substring(0, query));
        if (channel == null) {
            degraded.add("no service for " + uri);
            return Future.succeededFuture(null);
        }
        return UpstreamCall.get(vertx, channel, uri, headers, timeoutMillis).transform(result -> {
            if (result.succeeded() && result.result().ok()) {
                JsonObject json = parseObject(result.result());
                if (json != null) {
                    return Future.succeededFuture(json);
                }
            }
            LOG.debugf(result.cause(), "%s: %s", channel.name(), result.succeeded() ? "status " + result.result().status() : "failed");
            degraded.add(channel.name());
            return Future.succeededFuture(null);
        });
    }

    private static JsonObject parseObject(UpstreamCall.Answer answer) {
        try {
            Object json = answer.body().toJson();
            if (json instanceof JsonObject o) {
                return o;
            }
            // A bare array is a list; present it as a page of items.
            return json instanceof JsonArray a ? new JsonObject().put("items", a) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MultiMap forwardedHeaders(RoutingContext context) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : FORWARDED) {
            String value = context.request().getHeader(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        headers.set("X-Request-Id", ApiGuard.requestId(context));
        headers.set("Accept", "application/json");
        return headers;
    }

    private static <T> List<T> results(List<Future<T>> futures) {
        return futures.stream().map(Future::result).toList();
    }

    private static Map<String, JsonArray> bySkill(List<Views.ForSkill> found) {
        Map<String, JsonArray> map = new LinkedHashMap<>();
        found.forEach(f -> map.put(f.skill(), f.items()));
        return map;
    }
}
