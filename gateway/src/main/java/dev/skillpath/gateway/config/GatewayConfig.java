package dev.skillpath.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's routing configuration: which service answers which {@code /api/v1} path prefixes,
 * and how long the gateway waits for it.
 */
@ConfigMapping(prefix = "skillpath.gateway")
public interface GatewayConfig {

    /** Services by name (the name appears in error answers, e.g. "skills-service is unavailable"). */
    Map<String, Service> routes();

    /**
     * How long an upstream may take, once the whole request has reached it, to start its answer
     * (status line and headers) before the gateway answers 504.
     */
    @WithDefault("10s")
    Duration timeout();

    /** How long the gateway tries to get a connection to an upstream before it answers 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Pooled keep-alive connections per upstream service. */
    @WithDefault("128")
    int maxConnectionsPerService();

    interface Service {

        /** Base URL, scheme, host and port only (e.g. {@code http://127.0.0.1:8082}); the path is forwarded unchanged. */
        String url();

        /** Path prefixes this service answers; each matches itself and anything below it at a {@code /}. */
        List<String> prefixes();
    }
}
