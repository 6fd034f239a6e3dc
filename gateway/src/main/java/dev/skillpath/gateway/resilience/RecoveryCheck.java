package dev.skillpath.gateway.resilience;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.skillpath.gateway.compose.UpstreamCall;
import dev.skillpath.gateway.config.GatewayConfig;
import dev.skillpath.gateway.proxy.UpstreamChannel;
import dev.skillpath.gateway.proxy.Upstreams;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;

/**
 * While an instance's circuit breaker is open, asks that instance every {@code circuit-breaker.recovery-check} whether
 * it is ready ({@code GET /q/health/ready}, the same request Kubernetes and {@code ./skillpath up} make). When it
 * says so, the breaker lets the next call through as its probe at once (see {@link CircuitBreaker#readyAgain()}):
 * a restarted service gets its traffic back within about a second instead of after the rest of {@code open-for}.
 * A service that answers its readiness but keeps failing requests only gets one probe request per check.
 * Nothing is asked while every breaker is closed.
 */
@Singleton
public class RecoveryCheck {

    private static final Logger LOG = Logger.getLogger(RecoveryCheck.class);

    private final Upstreams upstreams;
    private final Vertx vertx;
    private final long intervalMillis;
    private final long timeoutMillis;
    private long timer = -1;

    RecoveryCheck(Upstreams upstreams, Vertx vertx, GatewayConfig config) {
        this.upstreams = upstreams;
        this.vertx = vertx;
        this.intervalMillis = config.circuitBreaker().recoveryCheck().toMillis();
        this.timeoutMillis = config.health().timeout().toMillis();
    }

    void start(@Observes StartupEvent event) {
        if (intervalMillis > 0) {
            timer = vertx.setPeriodic(intervalMillis, id -> checkOpenBreakers());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void checkOpenBreakers() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Accept", "application/json");
        for (UpstreamChannel channel : upstreams.instances()) {
            if (channel.breaker().state() != CircuitBreaker.State.OPEN) {
                continue;
            }
            // unguarded: the breaker is open, and this request is not a call it should count
            UpstreamCall.get(vertx, channel, "/q/health/ready", headers, Math.min(timeoutMillis, intervalMillis))
                    .onSuccess(answer -> {
                        if (answer.ok() && channel.breaker().readyAgain()) {
                            LOG.infof("%s reports ready again: its circuit breaker lets the next call through", channel);
                        }
                    });
        }
    }
}
