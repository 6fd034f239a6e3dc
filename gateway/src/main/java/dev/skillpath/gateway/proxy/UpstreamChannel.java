package dev.skillpath.gateway.proxy;

import dev.skillpath.gateway.resilience.CircuitBreaker;
import dev.skillpath.gateway.routing.Upstream;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Everything the gateway keeps per instance of an upstream service: its own connection pool (so a slow instance can
 * only use up its own connections), its circuit breaker, its timeouts and whether its latest readiness check said it
 * is ready. Opening a connection is bounded by the client's own connect timeout ({@code connectTimeoutMillis}, a Netty
 * {@code ConnectTimeoutException}); getting one from the pool by {@code poolTimeoutMillis}, which is longer, so that a
 * request whose wait ends with a Vert.x {@code TimeoutException} was waiting for a busy pool, not for the upstream.
 */
public final class UpstreamChannel {

    private final Upstream upstream;
    private final HttpClient client;
    private final CircuitBreaker breaker;
    private final long timeoutMillis;
    private final long connectTimeoutMillis;
    private final long poolTimeoutMillis;
    /** Written by the instance checks (an event loop), read by every request: no lock, just the latest word. */
    private volatile boolean ready = true;

    public UpstreamChannel(Upstream upstream, HttpClient client, CircuitBreaker breaker, long timeoutMillis,
            long connectTimeoutMillis, long poolTimeoutMillis) {
        this.upstream = upstream;
        this.client = client;
        this.breaker = breaker;
        this.timeoutMillis = timeoutMillis;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.poolTimeoutMillis = poolTimeoutMillis;
    }

    /** The service's name (for answers and logs); {@link #upstream()} says which instance. */
    public String name() {
        return upstream.name();
    }

    public Upstream upstream() {
        return upstream;
    }

    public HttpClient client() {
        return client;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public long poolTimeoutMillis() {
        return poolTimeoutMillis;
    }

    /** Whether the latest readiness check of this instance said ready (true until one says otherwise). */
    public boolean ready() {
        return ready;
    }

    /** Records the outcome of a readiness check; returns whether that changed what was known. */
    public boolean markReady(boolean now) {
        boolean before = ready;
        ready = now;
        return before != now;
    }

    /**
     * Options for a request to this upstream; {@code uri} is the path and query. The request's "connect timeout" is
     * Vert.x's limit on getting a connection at all, waiting in the pool's queue included.
     */
    public RequestOptions options(HttpMethod method, String uri) {
        return new RequestOptions()
                .setMethod(method)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(uri)
                .setConnectTimeout(poolTimeoutMillis);
    }

    @Override
    public String toString() {
        return upstream.toString();
    }
}
