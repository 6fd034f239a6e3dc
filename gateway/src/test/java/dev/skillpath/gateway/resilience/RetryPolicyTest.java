package dev.skillpath.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.resilience.RetryPolicy.Failure;
import io.vertx.core.http.HttpMethod;

class RetryPolicyTest {

    @Test
    void onlyABodilessReadThatGotNoAnswerIsRetriedOnce() {
        for (Failure noAnswer : new Failure[] {Failure.NOT_CONNECTED, Failure.HUNG_UP}) {
            assertTrue(RetryPolicy.mayRetry(HttpMethod.GET, false, 0, noAnswer), noAnswer.toString());
            assertTrue(RetryPolicy.mayRetry(HttpMethod.HEAD, false, 0, noAnswer), noAnswer.toString());
            assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 1, noAnswer), "only once");
            assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, true, 0, noAnswer), "a body may have been sent");
            for (HttpMethod write : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
                assertFalse(RetryPolicy.mayRetry(write, false, 0, noAnswer), write + " could happen twice");
            }
        }
        assertFalse(RetryPolicy.mayRetry(HttpMethod.GET, false, 0, Failure.OTHER), "not after a timeout");
    }
}
