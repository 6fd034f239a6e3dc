package dev.skillpath.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

class RetryPolicyTest {

    @Test
    void onlyABodilessReadThatCouldNotConnectIsRetriedOnce() {
        assertTrue(RetryPolicy.mayRetry(HttpMethod.GET, false, 0, true));
        assertTrue(RetryPolicy.mayRetry(HttpMethod.HEAD, false, 0, true));
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 1, true), "only once");
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, true, 0, true), "a body may have been sent");
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 0, false), "not after a timeout or a lost answer");
        for (HttpMethod write : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            assertFalse(RetryPolicy.mayRetry(write, false, 0, true), write + " could happen twice");
        }
    }
}
