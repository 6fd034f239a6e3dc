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
            RouteClass.AUTH, new RateLimiter.Limit(0.5, 1),
            RouteClass.DOCS, new RateLimiter.Limit(1, 2)), 3, now::get);

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
    void moreDistinctClientsThanMaxClientsKeepTheCacheWithinItsBound() {
        for (int i = 0; i < 1_000; i++) {
            assertEquals(0, limiter.acquire(RouteClass.READ, "client-" + i), "a new client starts with a full bucket");
        }
        limiter.cleanUp();
        assertTrue(limiter.clients(RouteClass.READ) <= 3, "at most max-clients (3), kept " + limiter.clients(RouteClass.READ));
        assertTrue(limiter.clients(RouteClass.READ) >= 1, "the cache holds buckets at all");
        assertEquals(0, limiter.clients(RouteClass.WRITE), "each route class has a cache of its own");
    }

    @Test
    void aBucketIsKeptWhileItRefillsAndDroppedOnceItWouldBeFull() {
        // READ: burst 4 at 2 per second, so an empty bucket is full again after 2 s.
        for (int i = 0; i < 4; i++) {
            limiter.acquire(RouteClass.READ, "a");
        }
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_900));
        limiter.cleanUp();
        assertEquals(1, limiter.clients(RouteClass.READ), "not yet refilled: the bucket stays");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire(RouteClass.READ, "a"), "1.9 s refilled 3.8 tokens; request " + i);
        }
        assertTrue(limiter.acquire(RouteClass.READ, "a") > 0, "the bucket was kept, not replaced by a full one");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_100));
        limiter.cleanUp();
        assertEquals(0, limiter.clients(RouteClass.READ), "idle for as long as a refill takes: dropped");
        for (int i = 0; i < 4; i++) {
            assertEquals(0, limiter.acquire(RouteClass.READ, "a"), "a dropped bucket is a full one; request " + i);
        }
    }

    @Test
    void documentsAreAClassOfTheirOwn() {
        assertEquals(0, limiter.acquire(RouteClass.DOCS, "addr:1"));
        assertEquals(0, limiter.acquire(RouteClass.DOCS, "addr:1"));
        assertEquals(TimeUnit.SECONDS.toNanos(1), limiter.acquire(RouteClass.DOCS, "addr:1"));
        assertEquals(0, limiter.acquire(RouteClass.READ, "addr:1"));
        for (String path : new String[] {"/openapi", "/q/metrics", "/q/swagger-ui", "/q/swagger-ui/index.html", "/q/openapi"}) {
            assertTrue(RouteClass.isDocument(path), path);
        }
        for (String path : new String[] {"/q/health/ready", "/q/metricsfoo", "/openapix", "/api/v1/skills"}) {
            assertTrue(!RouteClass.isDocument(path), path);
        }
    }

    @Test
    void routeClasses() {
        assertEquals(RouteClass.READ, RouteClass.of(HttpMethod.GET, "/api/v1/skills"));
        assertEquals(RouteClass.READ, RouteClass.of(HttpMethod.HEAD, "/api/v1/skills"));
        assertEquals(RouteClass.WRITE, RouteClass.of(HttpMethod.DELETE, "/api/v1/skills/x"));
        assertEquals(RouteClass.AUTH, RouteClass.of(HttpMethod.POST, "/api/v1/auth/token"));
    }
}
