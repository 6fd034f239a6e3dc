package dev.skillpath.gateway.proxy;

import dev.skillpath.gateway.resilience.CircuitBreaker;
import dev.skillpath.gateway.routing.Upstream;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Everything the gateway keeps per upstream service: its own connection pool (so a slow service can
 * only use up its own connections), its circuit breaker and its timeouts.
 */
public record UpstreamChannel(Upstream upstream, HttpClient client, CircuitBreaker breaker, long timeoutMillis,
        long connectTimeoutMillis) {

    public String name() {
        return upstream.name();
    }

    /** Options for a request to this upstream; {@code uri} is the path and query. */
    public RequestOptions options(HttpMethod method, String uri) {
        return new RequestOptions()
                .setMethod(method)
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(uri)
                .setConnectTimeout(connectTimeoutMillis);
    }
}
