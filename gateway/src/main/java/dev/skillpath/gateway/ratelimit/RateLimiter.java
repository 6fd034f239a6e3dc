package dev.skillpath.gateway.ratelimit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Token buckets per client and route class, in memory: a client may send {@code burst} requests at
 * once, then {@code perSecond} on average. Each gateway replica counts for itself.
 *
 * <p>Memory stays bounded: the buckets of each route class live in a Caffeine cache of at most
 * {@code maxClients} entries, evicted in constant time. A bucket that has refilled completely is the same as no
 * bucket, so one expires after {@code burst / perSecond} without a request (the time an empty bucket takes to
 * refill). Beyond {@code maxClients}, Caffeine evicts the bucket least worth keeping (its W-TinyLFU policy keeps
 * clients that call often over one-off ones); a client whose bucket was evicted starts again with a full one.
 */
public final class RateLimiter {

    public record Limit(double perSecond, int burst) {
        public Limit {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs per-second > 0 and burst >= 1");
            }
        }

        /** How long an empty bucket takes to refill: after this long without a request it is as good as none. */
        Duration refill() {
            return Duration.ofNanos((long) Math.ceil(burst / perSecond * 1e9));
        }
    }

    private final Map<RouteClass, Limit> limits;
    private final Map<RouteClass, Cache<String, Bucket>> buckets = new EnumMap<>(RouteClass.class);
    private final LongSupplier nanoClock;

    public RateLimiter(Map<RouteClass, Limit> limits, int maxClients, LongSupplier nanoClock) {
        if (!limits.keySet().containsAll(java.util.EnumSet.allOf(RouteClass.class))) {
            throw new IllegalArgumentException("a rate limit is needed for every route class");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("max-clients must be at least 1");
        }
        this.limits = new EnumMap<>(limits);
        this.nanoClock = nanoClock;
        for (RouteClass c : RouteClass.values()) {
            buckets.put(c, Caffeine.newBuilder()
                    .maximumSize(maxClients)
                    .expireAfterAccess(this.limits.get(c).refill())
                    .ticker(nanoClock::getAsLong)
                    .build());
        }
    }

    /** Takes one request from the client's bucket: 0 when allowed, else the nanoseconds until one would be. */
    public long acquire(RouteClass routeClass, String client) {
        Limit limit = limits.get(routeClass);
        Cache<String, Bucket> cache = buckets.get(routeClass);
        long now = nanoClock.getAsLong();
        Bucket bucket = cache.getIfPresent(client);
        if (bucket == null) {
            // only a new client pays for the capturing lambda
            bucket = cache.get(client, k -> new Bucket(limit.burst(), now));
        }
        return bucket.take(limit, now);
    }

    /** Runs the caches' pending maintenance (eviction, expiry) now; Caffeine otherwise does it as it goes. */
    void cleanUp() {
        buckets.values().forEach(Cache::cleanUp);
    }

    /** The buckets kept for a route class (Caffeine's estimate; exact after {@link #cleanUp()}). */
    long clients(RouteClass routeClass) {
        return buckets.get(routeClass).estimatedSize();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(Limit limit, long now) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(limit.burst(), tokens + elapsed / 1e9 * limit.perSecond());
                updatedAt = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9);
        }
    }
}
