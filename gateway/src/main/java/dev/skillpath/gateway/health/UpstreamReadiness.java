package dev.skillpath.gateway.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.skillpath.gateway.compose.UpstreamCall;
import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.proxy.UpstreamChannel;
import dev.skillpath.gateway.proxy.UpstreamService;
import dev.skillpath.gateway.proxy.Upstreams;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;

/**
 * Readiness reports each upstream as data ({@code skills-service: UP}, {@code quiz-service: DOWN},
 * its circuit breaker's state), asked at {@code GET <url>/q/health/ready} of every instance with a short timeout and
 * cached for a few seconds so that probes do not multiply load on the services. A service with several instances is
 * UP while one of them is, and each instance is reported too ({@code quiz-service 127.0.0.1:8183: DOWN ...}).
 *
 * <p>The gateway itself stays UP when an upstream is down: it still answers every other route, the
 * composed views with {@code degraded}, and fast 503s for the missing service. Taking it out of the load
 * balancer would turn one service's outage into a whole-API outage.
 */
@Readiness
@Singleton
public class UpstreamReadiness implements AsyncHealthCheck {

    private record Status(UpstreamChannel instance, boolean up, String detail) {
    }

    private record Checked(List<Status> statuses, long at) {
    }

    private final Upstreams upstreams;
    private final Vertx vertx;
    private final long timeoutMillis;
    private final long cacheNanos;
    private volatile Checked last;

    UpstreamReadiness(Upstreams upstreams, Vertx vertx, GatewayConfig config) {
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.timeoutMillis = config.health().timeout().toMillis();
        this.cacheNanos = config.health().cacheFor().toNanos();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Checked cached = last;
        Future<Checked> checked = cached != null && System.nanoTime() - cached.at() < cacheNanos
                ? Future.succeededFuture(cached)
                : check();
        return Uni.createFrom().completionStage(() -> checked.map(this::response).toCompletionStage());
    }

    private Future<Checked> check() {
        List<Future<Status>> statuses = new ArrayList<>();
        for (UpstreamChannel instance : upstreams.instances()) {
            statuses.add(ask(vertx, instance, timeoutMillis).map(detail -> new Status(instance, detail == null, detail)));
        }
        return Future.all(statuses).map(done -> {
            Checked result = new Checked(statuses.stream().map(Future::result).toList(), System.nanoTime());
            last = result;
            return result;
        });
    }

    /** Asks one instance whether it is ready: null when it is, else why not. Never fails. */
    static Future<String> ask(Vertx vertx, UpstreamChannel instance, long timeoutMillis) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Accept", "application/json");
        return UpstreamCall.get(vertx, instance, "/q/health/ready", headers, timeoutMillis)
                .transform(result -> Future.succeededFuture(result.succeeded()
                        ? result.result().ok() ? null : "HTTP " + result.result().status()
                        : UpstreamCall.isTimeout(result.cause()) ? "no answer within " + timeoutMillis + " ms" : "not reachable"));
    }

    private HealthCheckResponse response(Checked checked) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
        for (UpstreamService service : upstreams.all()) {
            List<Status> of = checked.statuses().stream().filter(s -> s.instance().name().equals(service.name())).toList();
            if (service.size() == 1) {
                builder.withData(service.name(), describe(of.get(0)));
                continue;
            }
            long up = of.stream().filter(Status::up).count();
            builder.withData(service.name(), (up > 0 ? "UP" : "DOWN") + ", " + up + " of " + of.size() + " instances ready");
            for (Status status : of) {
                builder.withData(service.name() + " " + status.instance().upstream().authority(), describe(status));
            }
        }
        return builder.build();
    }

    private static String describe(Status status) {
        return (status.up() ? "UP" : "DOWN" + (status.detail() == null ? "" : " (" + status.detail() + ")"))
                + ", circuit " + status.instance().breaker().state().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
