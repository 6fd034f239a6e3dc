package dev.skillpath.gateway.proxy;

import dev.skillpath.gateway.resilience.CircuitBreaker;
import dev.skillpath.gateway.routing.Upstream;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Everything the gateway keeps per upstream service: its own connection pool (so a slow service can
 * only use up its own connections), its circuit breaker and its timeouts. Opening a connection is bounded by the
 * client's own connect timeout ({@code connectTimeoutMillis}, a Netty {@code ConnectTimeoutException}); getting one
 * from the pool by {@code poolTimeoutMillis}, which is longer, so that a request whose wait ends with a Vert.x
 * {@code TimeoutException} was waiting for a busy pool, not for the upstream.
 */
public record UpstreamChannel(Upstream upstream, HttpClient client, CircuitBreaker breaker, long timeoutMillis,
        long connectTimeoutMillis, long poolTimeoutMillis) {

    public String name() {
        return upstream.name();
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
}
