package dev.skillpath.gateway.resilience;

import io.vertx.core.http.HttpMethod;

/**
 * When the gateway may send a request to an upstream a second time: only a read (GET or HEAD)
 * without a body, only once, and only when the first try could not connect (refused or reset), so
 * that no byte of it can have reached the service. Anything else could do a write twice. A connect
 * timeout is not retried either: a second wait as long would make the caller wait twice the budget.
 */
public final class RetryPolicy {

    public static final int MAX_RETRIES = 1;

    private RetryPolicy() {
    }

    public static boolean mayRetry(HttpMethod method, boolean hasBody, int retriesSoFar, boolean connectionRefused) {
        return connectionRefused
                && retriesSoFar < MAX_RETRIES
                && !hasBody
                && (method == HttpMethod.GET || method == HttpMethod.HEAD);
    }
}
