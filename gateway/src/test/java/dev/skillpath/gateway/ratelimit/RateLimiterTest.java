package dev.skillpath.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(Map.of(
            RouteClass.READ, new RateLimiter.Limit(2, 4),
            RouteClass.WRITE, new RateLimiter.Limit(1, 1),
            RouteClass.AUTH, new RateLimiter.Limit(0.5, 1)), 3, now::get);

    @Test
    void aBurstThenTheSustainedRate() {
        for (int i = 0; i < 4; i++) {
            assertEquals(0, limiter.acquire(RouteClass.READ, "a"), "request " + i);
        }
        long wait = limiter.acquire(RouteClass.READ, "a");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), wait, "one token every 500 ms");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals(0, limiter.acquire(RouteClass.READ, "a"));
        assertTrue(limiter.acquire(RouteClass.READ, "a") > 0);
    }

    @Test
    void clientsAndRouteClassesHaveTheirOwnBuckets() {
        assertEquals(0, limiter.acquire(RouteClass.WRITE, "a"));
        assertTrue(limiter.acquire(RouteClass.WRITE, "a") > 0);
        assertEquals(0, limiter.acquire(RouteClass.WRITE, "b"));
        assertEquals(0, limiter.acquire(RouteClass.READ, "a"));
        assertEquals(0, limiter.acquire(RouteClass.AUTH, "a"));
        assertEquals(TimeUnit.SECONDS.toNanos(2), limiter.acquire(RouteClass.AUTH, "a"));
    }

    @Test
    void memoryStaysBoundedAndIdleClientsAreDropped() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire(RouteClass.READ, "client-" + i);
        }
        assertTrue(limiter.clients(RouteClass.READ) <= 4, "at most max-clients plus the overflow bucket");
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertEquals(0, limiter.evictIdle(), "refilled buckets are dropped");
        assertEquals(0, limiter.clients(RouteClass.READ));
    }

    @Test
    void routeClasses() {
        assertEquals(RouteClass.READ, RouteClass.of(HttpMethod.GET, "/api/v1/skills"));
        assertEquals(RouteClass.READ, RouteClass.of(HttpMethod.HEAD, "/api/v1/skills"));
        assertEquals(RouteClass.WRITE, RouteClass.of(HttpMethod.DELETE, "/api/v1/skills/x"));
        assertEquals(RouteClass.AUTH, RouteClass.of(HttpMethod.POST, "/api/v1/auth/token"));
    }
}
