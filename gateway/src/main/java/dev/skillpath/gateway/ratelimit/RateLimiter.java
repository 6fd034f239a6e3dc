package dev.skillpath.gateway.ratelimit;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per client and route class, in memory: a client may send {@code burst} requests at
 * once, then {@code perSecond} on average. Each gateway replica counts for itself.
 *
 * <p>Memory stays bounded: a bucket that has refilled completely is the same as no bucket, so idle
 * clients are dropped; beyond {@code maxClients} new clients share one overflow bucket per route class
 * until idle ones have been dropped (under a flood of distinct clients that is fairer than failing).
 */
public final class RateLimiter {

    public record Limit(double perSecond, int burst) {
        public Limit {
            if (!(perSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs per-second > 0 and burst >= 1");
            }
        }
    }

    static final String OVERFLOW = "\u0000overflow";

    private final Map<RouteClass, Limit> limits;
    private final Map<RouteClass, ConcurrentHashMap<String, Bucket>> buckets = new EnumMap<>(RouteClass.class);
    private final int maxClients;
    private final LongSupplier nanoClock;

    public RateLimiter(Map<RouteClass, Limit> limits, int maxClients, LongSupplier nanoClock) {
        if (!limits.keySet().containsAll(java.util.EnumSet.allOf(RouteClass.class))) {
            throw new IllegalArgumentException("a rate limit is needed for every route class");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("max-clients must be at least 1");
        }
        this.limits = new EnumMap<>(limits);
        this.maxClients = maxClients;
        this.nanoClock = nanoClock;
        for (RouteClass c : RouteClass.values()) {
            buckets.put(c, new ConcurrentHashMap<>());
        }
    }

    /** Takes one request from the client's bucket: 0 when allowed, else the nanoseconds until one would be. */
    public long acquire(RouteClass routeClass, String client) {
        Limit limit = limits.get(routeClass);
        ConcurrentHashMap<String, Bucket> map = buckets.get(routeClass);
        long now = nanoClock.getAsLong();
        Bucket bucket = map.get(client);
        if (bucket == null) {
            if (map.size() >= maxClients) {
                evictIdle(now);
            }
            String key = map.size() >= maxClients ? OVERFLOW : client;
            bucket = map.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        }
        return bucket.take(limit, now);
    }

    /** Drops the buckets that have refilled completely; returns how many are left. */
    public int evictIdle() {
        return evictIdle(nanoClock.getAsLong());
    }

    private int evictIdle(long now) {
        int left = 0;
        for (RouteClass c : RouteClass.values()) {
            Limit limit = limits.get(c);
            ConcurrentHashMap<String, Bucket> map = buckets.get(c);
            map.entrySet().removeIf(e -> e.getValue().isFull(limit, now));
            left += map.size();
        }
        return left;
    }

    int clients(RouteClass routeClass) {
        return buckets.get(routeClass).size();
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(Limit limit, long now) {
            refill(limit, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9);
        }

        synchronized boolean isFull(Limit limit, long now) {
            refill(limit, now);
            return tokens >= limit.burst();
        }

        private void refill(Limit limit, long now) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(limit.burst(), tokens + elapsed / 1e9 * limit.perSecond());
                updatedAt = now;
            }
        }
    }
}
