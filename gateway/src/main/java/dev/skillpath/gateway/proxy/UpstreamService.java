package dev.skillpath.gateway.proxy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.skillpath.gateway.resilience.CircuitBreaker;

/**
 * A service and its instances, balanced round robin: each request takes the next instance in turn that is ready (its
 * latest readiness check) and whose circuit breaker lets the call through. When no instance is ready, the breakers
 * alone decide (readiness may lag, and a request that may succeed beats a sure 503); when every breaker refuses, there
 * is no instance to call. One instance is the common case and costs one breaker check, as before there were several.
 */
public final class UpstreamService {

    /** An instance to call and the permit its breaker gave; the permit is settled on that instance's breaker. */
    public record Choice(UpstreamChannel channel, long permit) {
    }

    private final String name;
    private final UpstreamChannel[] instances;
    private final AtomicInteger turn = new AtomicInteger();

    public UpstreamService(String name, List<UpstreamChannel> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException(name + ": no instances");
        }
        this.name = name;
        this.instances = instances.toArray(new UpstreamChannel[0]);
    }

    public String name() {
        return name;
    }

    public List<UpstreamChannel> instances() {
        return List.of(instances);
    }

    public int size() {
        return instances.length;
    }

    /**
     * The next instance in turn, other than {@code avoid} (the one a request just failed on; null for none) unless it
     * is the only one, with a permit from its breaker; null when every breaker refused.
     */
    public Choice pick(UpstreamChannel avoid) {
        if (instances.length == 1) {
            UpstreamChannel only = instances[0];
            long permit = only.breaker().acquire();
            return permit == CircuitBreaker.DENIED ? null : new Choice(only, permit);
        }
        int start = Math.floorMod(turn.getAndIncrement(), instances.length);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < instances.length; i++) {
                UpstreamChannel channel = instances[(start + i) % instances.length];
                if (channel == avoid || pass == 0 && !channel.ready()) {
                    continue;
                }
                long permit = channel.breaker().acquire();
                if (permit != CircuitBreaker.DENIED) {
                    if (i > 0) {
                        // the turn moves past the instances passed over, or the one after them would get their share
                        turn.addAndGet(i);
                    }
                    return new Choice(channel, permit);
                }
            }
        }
        return null;
    }

    /** The next ready instance in turn (the next in turn when none is ready), for a call no breaker guards. */
    public UpstreamChannel next() {
        int start = Math.floorMod(turn.getAndIncrement(), instances.length);
        for (int i = 0; i < instances.length; i++) {
            UpstreamChannel channel = instances[(start + i) % instances.length];
            if (channel.ready()) {
                return channel;
            }
        }
        return instances[start];
    }

    /** The soonest any instance's breaker may let a call through again, in whole seconds. */
    public long retryAfterSeconds() {
        long soonest = Long.MAX_VALUE;
        for (UpstreamChannel channel : instances) {
            soonest = Math.min(soonest, channel.breaker().retryAfterSeconds());
        }
        return soonest;
    }

    @Override
    public String toString() {
        return name;
    }
}
