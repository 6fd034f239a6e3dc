package dev.skillpath.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's configuration: which service answers which {@code /api/v1} path prefixes, how long the
 * gateway waits for it and when it stops asking, who may call what, and how often.
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

    /** How long the gateway tries to open a connection to an upstream before it answers 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long a request waits for a pooled connection when all {@code max-connections-per-service} of its upstream
     * are busy, before it is answered 503 {@code upstream-busy}; not counted by the circuit breaker (the upstream
     * did nothing wrong). Must be longer than every {@code connect-timeout}: opening a connection always ends first,
     * so a request still waiting at this point was waiting for the pool.
     */
    @WithDefault("3s")
    Duration poolTimeout();

    /** Pooled keep-alive connections per instance of an upstream service (each instance has its own pool). */
    @WithDefault("128")
    int maxConnectionsPerService();

    Limits limits();

    CircuitBreakerSettings circuitBreaker();

    Auth auth();

    RateLimit rateLimit();

    Compose compose();

    UpstreamChecks health();

    ApiDocument openapi();

    WebApp webapp();

    /** The learner web app served at {@code /}. */
    interface WebApp {

        /**
         * A folder to serve the app from instead of the gateway's jar, read again on every request: for working on
         * the app (edit, reload). Unset in every deployment.
         */
        Optional<String> dir();
    }

    interface Service {

        /**
         * Base URL, scheme, host and port only (e.g. {@code http://127.0.0.1:8082}); the path is forwarded unchanged.
         * Several, separated by commas, are instances of the service: the gateway balances between them round robin,
         * passing over an instance that is not ready or whose circuit breaker is open (see {@code health.instance-check}).
         */
        List<String> url();

        /** Path prefixes this service answers; each matches itself and anything below it at a {@code /}. */
        List<String> prefixes();

        /** This service's own answer timeout, instead of {@code skillpath.gateway.timeout}. */
        Optional<Duration> timeout();

        /** This service's own connect timeout, instead of {@code skillpath.gateway.connect-timeout}. */
        Optional<Duration> connectTimeout();
    }

    /** What a client may send: body sizes per route class, and how long the whole body may take. */
    interface Limits {

        /**
         * The largest body of a write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}); never below what the
         * services accept ({@code skillpath.http.max-body-bytes}, 1 MiB), or the gateway would refuse what they take.
         */
        @WithDefault("1M")
        MemorySize writeBody();

        /** The largest body of a read that may have one ({@code OPTIONS}); {@code GET} and {@code HEAD} take none. */
        @WithDefault("4K")
        MemorySize readBody();

        /** The largest body for the local token endpoint ({@code {"user": "..."}}). */
        @WithDefault("4K")
        MemorySize authBody();

        /**
         * How long a client may take, from the moment its request head has arrived, to send the whole body; then 408,
         * and the upstream request is reset, so that a client trickling a body cannot hold an upstream connection.
         */
        @WithDefault("10s")
        Duration bodyDeadline();
    }

    /** One breaker per upstream; these settings apply to each. */
    interface CircuitBreakerSettings {

        /** How many of the latest calls the failure ratio is computed over. */
        @WithDefault("20")
        int window();

        /** No decision before this many calls are in the window. */
        @WithDefault("10")
        int minimumCalls();

        /** The breaker opens when at least this share of the window failed (0 < ratio <= 1). */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker refuses calls before it lets one probe through. */
        @WithDefault("10s")
        Duration openFor();

        /**
         * How often the gateway asks the service behind an open breaker for its readiness
         * ({@code GET /q/health/ready}); a 2xx lets the next call through as the probe before {@code open-for} has
         * passed, so a restarted service gets its traffic back within about this long. {@code 0s} turns it off.
         */
        @WithDefault("1s")
        Duration recoveryCheck();
    }

    interface Auth {

        LocalIssuer localIssuer();

        interface LocalIssuer {

            /** {@code POST /api/v1/auth/token} exists only when this is true (local runs; never in production). */
            @WithDefault("false")
            boolean enabled();

            /**
             * Runs the enabled issuer even under the {@code prod} profile or beside a JWKS key source, where it
             * otherwise refuses to start ({@link dev.skillpath.gateway.auth.LocalIssuerPolicy}).
             */
            @WithDefault("false")
            boolean force();

            /** PKCS#8 PEM private key the local issuer signs with. */
            @WithDefault(".skillpath/keys/jwt-private.pem")
            String privateKeyLocation();

            /** The issuer ({@code iss}) of the tokens it makes; the same value the services verify. */
            @WithDefault("skillpath-local")
            String issuer();

            /** The audience ({@code aud}) of the tokens it makes; the one the gateway and the services require. */
            @WithDefault("skillpath")
            String audience();

            @WithDefault("1h")
            Duration lifetime();

            /** Demo users and their role: {@code users.demo-learner=learner}. */
            Map<String, String> users();
        }
    }

    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** GET, HEAD and OPTIONS. */
        Limit read();

        /** Every other method. */
        Limit write();

        /** The local token endpoint. */
        Limit auth();

        /** {@code /openapi}, {@code /q/metrics}, {@code /q/swagger-ui}: per client address, token or not. */
        DocsLimit docs();

        /** Clients kept in memory at most, per route class (a bounded cache; see {@code RateLimiter}). */
        @WithDefault("100000")
        int maxClients();

        /** The documents' limit: enough for Swagger UI's page load and a scraper, not for a flood. */
        interface DocsLimit {

            @WithDefault("2")
            double perSecond();

            @WithDefault("30")
            int burst();
        }

        interface Limit {

            /** Sustained requests per second. */
            double perSecond();

            /** Requests allowed at once after a quiet period. */
            int burst();
        }
    }

    /** The gateway's own views that call several services ({@code /api/v1/me/...}). */
    interface Compose {

        /** How long each service call of a composed view may take before that part is reported as degraded. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** Readiness checks of the upstreams ({@code GET <url>/q/health/ready}). */
    interface UpstreamChecks {

        @WithDefault("1s")
        Duration timeout();

        /** How long a result is reused before the next readiness request asks again. */
        @WithDefault("5s")
        Duration cacheFor();

        /**
         * How often the gateway asks each instance of a service that has more than one for its readiness
         * ({@code GET /q/health/ready}); an instance that does not answer 2xx within {@code timeout} gets no requests
         * until it does (unless no instance of its service is ready). {@code 0s} turns it off: then only the circuit
         * breakers and refused connections steer the balancing.
         */
        @WithDefault("1s")
        Duration instanceCheck();
    }

    /** The merged OpenAPI document at {@code /openapi}. */
    interface ApiDocument {

        /** How long to wait for each service's {@code /q/openapi}. */
        @WithDefault("3s")
        Duration timeout();

        /** How long a merged document is served before it is built again (sooner while a service is missing). */
        @WithDefault("5m")
        Duration refresh();

        /** While a service's document is missing, how long before it is asked again. */
        @WithDefault("10s")
        Duration retryMissing();
    }
}
