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

/**
 * The upstream services: the route table that picks one for a path, and for each its instances ({@link UpstreamService}),
 * each with its own {@link UpstreamChannel}.
 */
@Singleton
public class Upstreams {

    private final RouteTable routes;
    private final Map<String, UpstreamService> services;
    private final Map<String, List<String>> prefixes = new LinkedHashMap<>();
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

        Map<String, List<String>> byService = new LinkedHashMap<>();
        Map<String, UpstreamService> byName = new LinkedHashMap<>();
        List<Upstream> addresses = new ArrayList<>();
        config.routes().forEach((name, service) -> {
            List<Upstream> instances = instances(name, service.url());
            addresses.addAll(instances);
            byService.put(name, service.prefixes());
            long serviceConnectTimeout = service.connectTimeout()
                    .map(d -> positiveMillis("skillpath.gateway.routes." + name + ".connect-timeout", d.toMillis()))
                    .orElse(connectTimeout);
            if (poolTimeout <= serviceConnectTimeout) {
                throw new IllegalArgumentException("skillpath.gateway.pool-timeout (" + poolTimeout + " ms) must be longer than "
                        + name + "'s connect-timeout (" + serviceConnectTimeout + " ms), or a slow connect would pass for a busy pool");
            }
            long serviceTimeout = service.timeout()
                    .map(d -> positiveMillis("skillpath.gateway.routes." + name + ".timeout", d.toMillis())).orElse(timeout);
            List<UpstreamChannel> channels = new ArrayList<>();
            for (Upstream instance : instances) {
                HttpClientOptions options = new HttpClientOptions()
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, serviceConnectTimeout))
                        .setKeepAlive(true)
                        .setTcpNoDelay(true)
                        // The gateway passes bodies through as they are; decompressing would only cost time.
                        .setDecompressionSupported(false);
                UpstreamChannel channel = new UpstreamChannel(instance,
                        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService())),
                        new CircuitBreaker(breakerSettings), serviceTimeout, serviceConnectTimeout, poolTimeout);
                channels.add(channel);
                Gauge.builder("skillpath.gateway.circuit.breaker.state", channel, c -> c.breaker().state().gauge)
                        .description("Circuit breaker per upstream instance: 0 closed, 1 half-open, 2 open")
                        .tag("upstream", name)
                        .tag("instance", instance.authority())
                        .register(registry);
            }
            byName.put(name, new UpstreamService(name, channels));
        });
        this.routes = RouteTable.of(byService);
        this.locations = new LocationRewriter(addresses);
        this.services = Collections.unmodifiableMap(byName);
        routes.routes().forEach(route -> prefixes.computeIfAbsent(route.service(), u -> new ArrayList<>()).add(route.prefix()));
    }

    /** A service's instances from its {@code url} (one, or several separated by commas), each listed once. */
    static List<Upstream> instances(String name, List<String> urls) {
        List<Upstream> instances = new ArrayList<>();
        for (String url : urls) {
            if (url == null || url.isBlank()) {
                continue;
            }
            Upstream instance = Upstream.parse(name, url);
            if (instances.contains(instance)) {
                throw new IllegalArgumentException(name + ": " + url + " is listed twice");
            }
            instances.add(instance);
        }
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("skillpath.gateway.routes." + name + ".url is empty");
        }
        return instances;
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

    public UpstreamService service(String name) {
        return services.get(name);
    }

    /** The service that answers a path, or null. */
    public UpstreamService serviceFor(String path) {
        Route route = routes.match(path);
        return route == null ? null : services.get(route.service());
    }

    /** Rewrites a {@code Location} that names an upstream into the gateway's relative path. */
    public LocationRewriter locations() {
        return locations;
    }

    public Collection<UpstreamService> all() {
        return services.values();
    }

    /** Every instance of every service. */
    public List<UpstreamChannel> instances() {
        List<UpstreamChannel> all = new ArrayList<>();
        services.values().forEach(service -> all.addAll(service.instances()));
        return all;
    }

    /** Each service's name with its path prefixes, in configuration order. */
    public Map<String, List<String>> prefixes() {
        return prefixes;
    }

    @PreDestroy
    void close() {
        instances().forEach(c -> c.client().close());
    }
}
