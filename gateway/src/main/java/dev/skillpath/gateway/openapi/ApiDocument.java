package dev.skillpath.gateway.openapi;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.skillpath.gateway.auth.TokenEndpoint;
import dev.skillpath.gateway.compose.UpstreamCall;
import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.proxy.ApiProxy;
import dev.skillpath.gateway.proxy.Problem;
import dev.skillpath.gateway.proxy.UpstreamChannel;
import dev.skillpath.gateway.proxy.UpstreamService;
import dev.skillpath.gateway.proxy.Upstreams;
import dev.skillpath.gateway.routing.Route;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /openapi}: one OpenAPI document for the whole API. Each service's {@code /q/openapi} is
 * fetched (in parallel, with a timeout) and merged by {@link OpenApiMerger} with the gateway's own
 * operations. The result is kept and built again after {@code refresh}, sooner ({@code retry-missing})
 * while a service's document is missing, or when asked with {@code ?refresh=true}. A service that does
 * not answer is listed in {@code info.x-degraded}; the document is served without it.
 */
@Singleton
public class ApiDocument {

    private static final Logger LOG = Logger.getLogger(ApiDocument.class);

    private record Built(JsonObject document, String json, String yaml, long builtAt, boolean complete) {
    }

    /** Writes the document's JSON text as YAML: the same tree, whatever Java types the merged document holds. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Upstreams upstreams;
    private final Vertx vertx;
    private final boolean localIssuer;
    private final long timeoutMillis;
    private final long refreshNanos;
    private final long retryMissingNanos;
    private volatile Built built;
    private Future<Built> building; // only touched on the event loop that builds, guarded by this

    ApiDocument(Upstreams upstreams, Vertx vertx, TokenEndpoint tokenEndpoint, GatewayConfig config) {
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.localIssuer = tokenEndpoint.enabled();
        this.timeoutMillis = config.openapi().timeout().toMillis();
        this.refreshNanos = config.openapi().refresh().toNanos();
        this.retryMissingNanos = config.openapi().retryMissing().toNanos();
    }

    void warmUp(@Observes StartupEvent event) {
        // Build once in the background so that the first reader does not wait; services may not be up yet.
        vertx.runOnContext(ignored -> rebuild());
    }

    public void serve(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            ApiProxy.problem(context, Problem.METHOD_NOT_ALLOWED, method + " is not allowed on /openapi", "Allow", "GET, HEAD");
            return;
        }
        Built current = built;
        boolean forced = "true".equals(context.request().getParam("refresh"));
        Future<Built> document = forced || isStale(current) ? rebuild() : Future.succeededFuture(current);
        document.onComplete(result -> {
            if (result.failed()) {
                context.fail(result.cause());
                return;
            }
            String format = context.request().getParam("format");
            if ("yaml".equalsIgnoreCase(format)) {
                context.response().putHeader("Content-Type", "application/yaml;charset=UTF-8").end(result.result().yaml());
                return;
            }
            context.response().putHeader("Content-Type", "application/json;charset=UTF-8").end(result.result().json());
        });
    }

    private boolean isStale(Built current) {
        if (current == null) {
            return true;
        }
        long age = System.nanoTime() - current.builtAt();
        return age >= refreshNanos || !current.complete() && age >= retryMissingNanos;
    }

    /** Fetches every service's document and merges them; concurrent callers share one build. */
    synchronized Future<Built> rebuild() {
        if (building != null) {
            return building;
        }
        // one instance of each service (the next ready one in turn): every instance serves the same document
        List<UpstreamChannel> channels = upstreams.all().stream().map(UpstreamService::next).toList();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Accept", "application/json");
        List<Future<JsonObject>> fetched = new ArrayList<>();
        for (UpstreamChannel channel : channels) {
            fetched.add(UpstreamCall.get(vertx, channel, "/q/openapi?format=json", headers, timeoutMillis)
                    .map(answer -> {
                        if (!answer.ok()) {
                            throw new IllegalStateException("status " + answer.status());
                        }
                        Object json = answer.body().toJson();
                        if (!(json instanceof JsonObject document) || !document.containsKey("openapi")) {
                            throw new IllegalStateException("not an OpenAPI document");
                        }
                        return document;
                    }));
        }
        Future<Built> result = Future.join(fetched).transform(ignored -> {
            List<OpenApiMerger.ServiceDocument> documents = new ArrayList<>();
            documents.add(new OpenApiMerger.ServiceDocument("gateway", GatewayOperations.document(localIssuer)));
            List<String> degraded = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                Future<JsonObject> f = fetched.get(i);
                if (f.succeeded()) {
                    documents.add(new OpenApiMerger.ServiceDocument(channels.get(i).name(), f.result()));
                } else {
                    LOG.debugf(f.cause(), "no OpenAPI document from %s", channels.get(i).name());
                    degraded.add(channels.get(i).name());
                }
            }
            JsonObject merged = OpenApiMerger.merge(GatewayOperations.info(), documents, this::routedTo, degraded);
            String json = merged.encode();
            Built next = new Built(merged, json, yaml(json), System.nanoTime(), degraded.isEmpty());
            built = next;
            return Future.succeededFuture(next);
        });
        building = result;
        result.onComplete(ignored -> {
            synchronized (this) {
                building = null;
            }
        });
        return result;
    }

    /**
     * The YAML form, from the JSON text rather than the merged {@code JsonObject}: nested {@code JsonObject}s and
     * {@code JsonArray}s are not maps and lists to Jackson, which would write them as beans ({@code map:},
     * {@code empty:}).
     */
    static String yaml(String json) {
        try {
            return YAML.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the merged document cannot be written as YAML", e);
        }
    }

    private boolean routedTo(String service, String path) {
        if (service.equals("gateway")) {
            return true;
        }
        Route route = upstreams.match(path);
        return route != null && route.service().equals(service);
    }
}
