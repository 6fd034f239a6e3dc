package dev.skillpath.gateway.resilience;

import io.vertx.core.http.HttpMethod;

/**
 * When the gateway may send a request to an upstream a second time (to another instance when the service has more
 * than one).
 * <ul>
 * <li>It could not connect (refused or reset while connecting): the service got nothing, not even the request line,
 * so any request may go again, a write with its body too (the body is only read from the client once a connection
 * is there). With several instances, each may be tried once; with one, it is tried once more.</li>
 * <li>It connected and sent, and the connection closed before the response began: only a read (GET or HEAD)
 * without a body, once. A read may be repeated without changing anything (RFC 9110, section 9.2.2, "idempotent
 * methods"); it is what a pooled keep-alive connection does when its instance has just gone away. A write may have
 * been applied and is never sent twice: its client gets a 502 and decides.</li>
 * <li>Never after a timeout: a second wait as long would make the caller wait twice the budget.</li>
 * </ul>
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

    /**
     * @param instances how many instances the service has (at least 1)
     */
    public static boolean mayRetry(HttpMethod method, boolean hasBody, int retriesSoFar, Failure failure, int instances) {
        if (retriesSoFar >= Math.max(MAX_RETRIES, instances - 1)) {
            return false;
        }
        return switch (failure) {
            case NOT_CONNECTED -> true;
            case HUNG_UP -> retriesSoFar < MAX_RETRIES && !hasBody && (method == HttpMethod.GET || method == HttpMethod.HEAD);
            case OTHER -> false;
        };
    }
}
