package dev.skillpath.events;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the service's link to the broker: DOWN when the broker does not describe its cluster within
 * {@link #TIMEOUT_MS}, whether it refuses connections, is gone, or accepts them and says nothing (a frozen host).
 * Quarkus's own Kafka check waits up to the admin client's default API timeout (60 s) for an answer, which leaves a
 * probe hanging exactly when it matters; this one is bounded, and keeps one admin client for all probes.
 * (docs/reliability.md, "Bounded waits".)
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    static final int TIMEOUT_MS = 2_000;

    @Inject
    KafkaClients clients;

    private Admin admin;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka connection health check");
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            StringBuilder listed = new StringBuilder();
            for (Node node : nodes) {
                listed.append(listed.length() == 0 ? "" : ",").append(node.host()).append(':').append(node.port());
            }
            return response.up().withData("nodes", listed.toString()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("reason", "the broker did not answer within " + TIMEOUT_MS + " ms: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = clients.admin();
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
            admin = null;
        }
    }
}
