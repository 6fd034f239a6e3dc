package dev.skillpath.gateway.health;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.proxy.UpstreamChannel;
import dev.skillpath.gateway.proxy.UpstreamService;
import dev.skillpath.gateway.proxy.Upstreams;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Every {@code health.instance-check}, asks each instance of every service that has more than one whether it is
 * ready ({@code GET /q/health/ready}) and records the answer on its channel, which the balancing reads
 * ({@link UpstreamService#pick}): an instance that is starting, stopping, frozen or gone gets no new requests until
 * it is ready again. A service with one instance is not asked: it gets every request whatever it says, and its
 * circuit breaker speaks for it. A check that is still waiting when the next is due is not sent twice.
 */
@Singleton
public class InstanceChecks {

    private static final Logger LOG = Logger.getLogger(InstanceChecks.class);

    private final Upstreams upstreams;
    private final Vertx vertx;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final java.util.Set<UpstreamChannel> asking = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long timer = -1;

    InstanceChecks(Upstreams upstreams, Vertx vertx, GatewayConfig config) {
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.intervalMillis = config.health().instanceCheck().toMillis();
        this.timeoutMillis = Math.min(config.health().timeout().toMillis(), Math.max(intervalMillis, 1));
    }

    void start(@Observes StartupEvent event) {
        boolean several = upstreams.all().stream().anyMatch(service -> service.size() > 1);
        if (intervalMillis > 0 && several) {
            checkAll();
            timer = vertx.setPeriodic(intervalMillis, id -> checkAll());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void checkAll() {
        for (UpstreamService service : upstreams.all()) {
            if (service.size() < 2) {
                continue;
            }
            for (UpstreamChannel instance : service.instances()) {
                if (asking.add(instance)) {
                    UpstreamReadiness.ask(vertx, instance, timeoutMillis).onComplete(result -> {
                        asking.remove(instance);
                        String notReady = result.result();
                        if (instance.markReady(notReady == null)) {
                            if (notReady == null) {
                                LOG.infof("%s is ready: it gets requests again", instance);
                            } else {
                                LOG.warnf("%s is not ready (%s): its requests go to the other instances", instance, notReady);
                            }
                        }
                    });
                }
            }
        }
    }
}
