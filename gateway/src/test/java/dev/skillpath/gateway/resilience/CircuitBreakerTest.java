package dev.skillpath.gateway.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.resilience.CircuitBreaker.State;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreaker.Settings(20, 10, 0.5, Duration.ofSeconds(10)), now::get);

    private void calls(int n, boolean fail) {
        for (int i = 0; i < n; i++) {
            long permit = breaker.acquire();
            assertNotEquals(CircuitBreaker.DENIED, permit, "call " + i + " was refused");
            if (fail) {
                breaker.onFailure(permit);
            } else {
                breaker.onSuccess(permit);
            }
        }
    }

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        calls(9, true);
        assertEquals(State.CLOSED, breaker.state());
        calls(1, true);
        assertEquals(State.OPEN, breaker.state());
    }

    @Test
    void opensAtHalfOfTheWindowFailing() {
        calls(10, false);
        calls(9, true);
        assertEquals(State.CLOSED, breaker.state(), "9 of 19 failed");
        calls(1, true);
        assertEquals(State.OPEN, breaker.state(), "10 of 20 failed");
        assertEquals(CircuitBreaker.DENIED, breaker.acquire());
        assertEquals(10, breaker.retryAfterSeconds());
    }

    @Test
    void onlyTheLatestWindowCounts() {
        calls(9, true);
        calls(20, false);
        calls(9, true);
        assertEquals(State.CLOSED, breaker.state(), "the early failures have left the window");
    }

    @Test
    void failuresBelowTheRatioKeepItClosedOneMoreOpensItAndAProbeClosesItAgain() {
        // The proxy reports any status below 500 as a success. A stream of them with failures mixed in (9 of every
        // 20, just under the ratio) keeps the breaker closed, however long it goes on ...
        for (int round = 0; round < 5; round++) {
            calls(11, false);
            calls(9, true);
            assertEquals(State.CLOSED, breaker.state(), "round " + round + ": 9 of the latest 20 failed");
        }
        // ... one failure more in the window is half of it: open, and calls are refused.
        calls(1, true);
        assertEquals(State.OPEN, breaker.state(), "10 of the latest 20 failed");
        assertEquals(CircuitBreaker.DENIED, breaker.acquire());
        // After open-for, the probe's success closes it, and the same mixed stream keeps it closed again.
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        breaker.onSuccess(breaker.acquire());
        assertEquals(State.CLOSED, breaker.state());
        calls(11, false);
        calls(9, true);
        assertEquals(State.CLOSED, breaker.state());
        calls(1, true);
        assertEquals(State.OPEN, breaker.state(), "and it opens again");
    }

    @Test
    void afterTheOpenPeriodOneProbePassesAndItsSuccessCloses() {
        calls(10, true);
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(CircuitBreaker.DENIED, breaker.acquire());
        assertEquals(1, breaker.retryAfterSeconds());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        long probe = breaker.acquire();
        assertNotEquals(CircuitBreaker.DENIED, probe);
        assertEquals(State.HALF_OPEN, breaker.state());
        assertEquals(CircuitBreaker.DENIED, breaker.acquire(), "only one probe at a time");
        breaker.onSuccess(probe);
        assertEquals(State.CLOSED, breaker.state());
        calls(9, true);
        assertEquals(State.CLOSED, breaker.state(), "a closed breaker starts counting afresh");
    }

    @Test
    void aFailedProbeOpensAgain() {
        calls(10, true);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        long probe = breaker.acquire();
        breaker.onFailure(probe);
        assertEquals(State.OPEN, breaker.state());
        assertEquals(CircuitBreaker.DENIED, breaker.acquire());
    }

    @Test
    void anIgnoredProbeLetsTheNextOneThrough() {
        calls(10, true);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        long probe = breaker.acquire();
        breaker.onIgnored(probe);
        assertNotEquals(CircuitBreaker.DENIED, breaker.acquire());
    }

    @Test
    void aSlowCallFromBeforeTheBreakerOpenedCannotCloseIt() {
        long slow = breaker.acquire();
        calls(10, true);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        long probe = breaker.acquire();
        breaker.onSuccess(slow);
        assertEquals(State.HALF_OPEN, breaker.state(), "the stale success did not count as the probe");
        breaker.onFailure(probe);
        assertEquals(State.OPEN, breaker.state());
    }

    @Test
    void readyAgainLetsTheNextCallThroughAsTheProbeBeforeOpenForHasPassed() {
        calls(10, true);
        assertEquals(State.OPEN, breaker.state());
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(true, breaker.readyAgain());
        assertEquals(State.HALF_OPEN, breaker.state());
        long probe = breaker.acquire();
        assertNotEquals(CircuitBreaker.DENIED, probe, "the probe passes at once");
        assertEquals(CircuitBreaker.DENIED, breaker.acquire(), "one probe at a time");
        breaker.onSuccess(probe);
        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void aFailedProbeAfterReadyAgainOpensForAFullPeriod() {
        calls(10, true);
        breaker.readyAgain();
        breaker.onFailure(breaker.acquire());
        assertEquals(State.OPEN, breaker.state());
        assertEquals(10, breaker.retryAfterSeconds(), "open-for starts again");
    }

    @Test
    void readyAgainChangesNothingUnlessTheBreakerIsOpen() {
        assertEquals(false, breaker.readyAgain(), "closed");
        assertEquals(State.CLOSED, breaker.state());
        calls(10, true);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(false, breaker.readyAgain(), "open-for has passed: half-open already");
        long probe = breaker.acquire();
        assertEquals(false, breaker.readyAgain(), "half-open with its probe out");
        assertEquals(CircuitBreaker.DENIED, breaker.acquire(), "still one probe at a time");
        breaker.onSuccess(probe);
        assertEquals(State.CLOSED, breaker.state());
    }
}
