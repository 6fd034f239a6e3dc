package dev.skillpath.gateway.health;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.skillpath.gateway.compose.UpstreamCall;
import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.proxy.UpstreamChannel;
import dev.skillpath.gateway.proxy.Upstreams;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;

/**
 * Readiness reports each upstream as data ({@code skills-service: UP}, {@code quiz-service: DOWN},
 * its circuit breaker's state), asked at {@code GET <url>/q/health/ready} with a short timeout and
 * cached for a few seconds so that probes do not multiply load on the services.
 *
 * <p>The gateway itself stays UP when an upstream is down: it still answers every other route, the
 * composed views with {@code degraded}, and fast 503s for the missing service. Taking it out of the load
 * balancer would turn one service's outage into a whole-API outage.
 */
@Readiness
@Singleton
public class UpstreamReadiness implements AsyncHealthCheck {

    private record Status(String name, boolean up, String detail) {
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
        List<UpstreamChannel> channels = new ArrayList<>(upstreams.all());
        List<Future<Status>> statuses = new ArrayList<>();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Accept", "application/json");
        for (UpstreamChannel channel : channels) {
            statuses.add(UpstreamCall.get(vertx, channel, "/q/health/ready", headers, timeoutMillis, false)
                    .transform(result -> Future.succeededFuture(result.succeeded()
                            ? new Status(channel.name(), result.result().ok(), result.result().ok() ? null : "HTTP " + result.result().status())
                            : new Status(channel.name(), false, UpstreamCall.isTimeout(result.cause()) ? "no answer within "
                                    + timeoutMillis + " ms" : "not reachable"))));
        }
        return Future.all(statuses).map(done -> {
            Checked result = new Checked(statuses.stream().map(Future::result).toList(), System.nanoTime());
            last = result;
            return result;
        });
    }

    private HealthCheckResponse response(Checked checked) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("upstreams").up();
        for (Status status : checked.statuses()) {
            UpstreamChannel channel = upstreams.all().stream().filter(c -> c.name().equals(status.name())).findFirst().orElseThrow();
            builder.withData(status.name(), (status.up() ? "UP" : "DOWN" + (status.detail() == null ? "" : " (" + status.detail() + ")"))
                    + ", circuit " + channel.breaker().state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return builder.build();
    }
}
