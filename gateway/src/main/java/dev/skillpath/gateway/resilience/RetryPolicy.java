package dev.skillpath.gateway.resilience;

import io.vertx.core.http.HttpMethod;

/**
 * When the gateway may send a request to an upstream a second time: only a read (GET or HEAD) without a body, only
 * once, and only when the first try got no answer at all: it could not connect (refused or reset), or the
 * connection closed before the response began. A read may be repeated without changing anything (RFC 9110, section
 * 9.2.2, "idempotent methods"); the second case is what a pooled keep-alive connection does when its service has
 * just gone away, and the retry then finds the service down and answers 503 like every request after it. A write
 * is never retried (it could happen twice), nor is a timeout (a second wait as long would make the caller wait
 * twice the budget).
 */
public final class RetryPolicy {

    public static final int MAX_RETRIES = 1;

    /** How the first try failed. */
    public enum Failure {
        /** No connection: refused or reset while connecting. */
        NOT_CONNECTED,
        /** Connected and sent, then the connection closed before any byte of an answer. */
        HUNG_UP,
        /** A timeout (to connect or to answer), or any other failure. */
        OTHER
    }

    private RetryPolicy() {
    }

    public static boolean mayRetry(HttpMethod method, boolean hasBody, int retriesSoFar, Failure failure) {
        return failure != Failure.OTHER
                && retriesSoFar < MAX_RETRIES
                && !hasBody
                && (method == HttpMethod.GET || method == HttpMethod.HEAD);
    }
}
