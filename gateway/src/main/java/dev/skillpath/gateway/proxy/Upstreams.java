package dev.skillpath.gateway.proxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.resilience.CircuitBreaker;
import dev.skillpath.gateway.routing.LocationRewriter;
import dev.skillpath.gateway.routing.Route;
import dev.skillpath.gateway.routing.RouteTable;
import dev.skillpath.gateway.routing.Upstream;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/** The upstream services: the route table that picks one for a path, and a {@link UpstreamChannel} for each. */
@Singleton
public class Upstreams {

    private final RouteTable routes;
    private final Map<String, UpstreamChannel> channels;
    private final Map<Upstream, List<String>> prefixes = new LinkedHashMap<>();
    private final LocationRewriter locations;

    Upstreams(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        long timeout = positiveMillis("skillpath.gateway.timeout", config.timeout().toMillis());
        long connectTimeout = positiveMillis("skillpath.gateway.connect-timeout", config.connectTimeout().toMillis());
        long poolTimeout = positiveMillis("skillpath.gateway.pool-timeout", config.poolTimeout().toMillis());
        if (config.maxConnectionsPerService() < 1) {
            throw new IllegalArgumentException("skillpath.gateway.max-connections-per-service must be at least 1");
        }
        GatewayConfig.CircuitBreakerSettings breaker = config.circuitBreaker();
        CircuitBreaker.Settings breakerSettings = new CircuitBreaker.Settings(breaker.window(), breaker.minimumCalls(),
                breaker.failureRatio(), breaker.openFor());

        Map<Upstream, List<String>> byUpstream = new LinkedHashMap<>();
        Map<String, UpstreamChannel> byName = new LinkedHashMap<>();
        config.routes().forEach((name, service) -> {
            Upstream upstream = Upstream.parse(name, service.url());
            byUpstream.put(upstream, service.prefixes());
            long serviceConnectTimeout = service.connectTimeout()
                    .map(d -> positiveMillis("skillpath.gateway.routes." + name + ".connect-timeout", d.toMillis()))
                    .orElse(connectTimeout);
            if (poolTimeout <= serviceConnectTimeout) {
                throw new IllegalArgumentException("skillpath.gateway.pool-timeout (" + poolTimeout + " ms) must be longer than "
                        + name + "'s connect-timeout (" + serviceConnectTimeout + " ms), or a slow connect would pass for a busy pool");
            }
            HttpClientOptions options = new HttpClientOptions()
                    .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, serviceConnectTimeout))
                    .setKeepAlive(true)
                    .setTcpNoDelay(true)
                    // The gateway passes bodies through as they are; decompressing would only cost time.
                    .setDecompressionSupported(false);
            UpstreamChannel channel = new UpstreamChannel(upstream,
                    vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService())),
                    new CircuitBreaker(breakerSettings),
                    service.timeout().map(d -> positiveMillis("skillpath.gateway.routes." + name + ".timeout", d.toMillis())).orElse(timeout),
                    serviceConnectTimeout, poolTimeout);
            byName.put(name, channel);
            Gauge.builder("skillpath.gateway.circuit.breaker.state", channel, c -> c.breaker().state().gauge)
                    .description("Circuit breaker per upstream: 0 closed, 1 half-open, 2 open")
                    .tag("upstream", name)
                    .register(registry);
        });
        this.routes = RouteTable.of(byUpstream);
        this.locations = new LocationRewriter(byUpstream.keySet());
        this.channels = Collections.unmodifiableMap(byName);
        routes.routes().forEach(route -> prefixes.computeIfAbsent(route.upstream(), u -> new ArrayList<>()).add(route.prefix()));
    }

    private static long positiveMillis(String property, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException(property + " must be positive");
        }
        return millis;
    }

    public Route match(String path) {
        return routes.match(path);
    }

    public UpstreamChannel channel(Upstream upstream) {
        return channels.get(upstream.name());
    }

    /** The channel of the service that answers a path, or null. */
    public UpstreamChannel channelFor(String path) {
        Route route = routes.match(path);
        return route == null ? null : channels.get(route.upstream().name());
    }

    /** Rewrites a {@code Location} that names an upstream into the gateway's relative path. */
    public LocationRewriter locations() {
        return locations;
    }

    public Collection<UpstreamChannel> all() {
        return channels.values();
    }

    /** Each upstream with its path prefixes, in configuration order. */
    public Map<Upstream, List<String>> prefixes() {
        return prefixes;
    }

    @PreDestroy
    void close() {
        channels.values().forEach(c -> c.client().close());
    }
}
