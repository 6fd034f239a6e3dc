package dev.skillpath.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.resilience.RetryPolicy.Failure;
import io.vertx.core.http.HttpMethod;

class RetryPolicyTest {

    private static final HttpMethod[] WRITES = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE};

    @Test
    void aBodilessReadThatGotNoAnswerIsRetriedOnce() {
        for (Failure noAnswer : new Failure[] {Failure.NOT_CONNECTED, Failure.HUNG_UP}) {
            assertTrue(RetryPolicy.mayRetry(HttpMethod.GET, false, 0, noAnswer, 1), noAnswer.toString());
            assertTrue(RetryPolicy.mayRetry(HttpMethod.HEAD, false, 0, noAnswer, 1), noAnswer.toString());
            assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 1, noAnswer, 1), "only once");
        }
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 0, Failure.OTHER, 1), "not after a timeout");
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 0, Failure.OTHER, 3), "not after a timeout");
    }

    @Test
    void aWriteGoesAgainOnlyWhenItNeverReachedTheService() {
        for (HttpMethod write : WRITES) {
            assertTrue(RetryPolicy.mayRetry(write, true, 0, Failure.NOT_CONNECTED, 2), write + " was never sent");
            assertFalse(RetryPolicy.mayRetry(write, true, 0, Failure.HUNG_UP, 2), write + " could happen twice");
            assertFalse(RetryPolicy.mayRetry(write, false, 0, Failure.HUNG_UP, 2), write + " could happen twice");
        }
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, true, 0, Failure.HUNG_UP, 2), "a body may have been sent");
    }

    @Test
    void eachOtherInstanceIsTriedOnceWhenNoneConnects() {
        assertTrue(RetryPolicy.mayRetry(HttpMethod.POST, true, 1, Failure.NOT_CONNECTED, 3), "the third instance");
        assertFalse(RetryPolicy.mayRetry(HttpMethod.POST, true, 2, Failure.NOT_CONNECTED, 3), "all three were tried");
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 1, Failure.HUNG_UP, 3), "a hung-up read goes again once");
    }
}
