package dev.skillpath.events.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the service's event consumers: DOWN while any of them is not polling (starting, or waiting to be
 * started again after it died) or is stalled (no progress for {@code stall-timeout}). Each consumer group's state,
 * lag, restarts and seconds since its last progress are in the check's data.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {

    @Inject
    EventConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Event consumers").up();
        for (ConsumerSupervisor c : consumers.consumers()) {
            String state = c.state() == ConsumerSupervisor.State.RUNNING && c.stalled() ? "STALLED" : c.state().name();
            response.withData(c.group(), state + ", lag " + c.lag() + ", restarts " + c.restarts() + ", last progress "
                    + c.silentSeconds() + " s ago");
            if (!c.healthy()) {
                response.down();
            }
        }
        return response.build();
    }
}
