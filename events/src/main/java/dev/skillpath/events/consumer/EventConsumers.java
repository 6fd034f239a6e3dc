package dev.skillpath.events.consumer;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;

import dev.skillpath.events.EventsConfig;
import dev.skillpath.events.KafkaClients;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts one consumer thread for every {@link EventHandler} bean of the service: an {@link IdempotentConsumer} loop
 * kept alive by a {@link ConsumerSupervisor}.
 */
@ApplicationScoped
public class EventConsumers {

    @Inject
    Instance<EventHandler> handlers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaClients clients;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    /** Present when the service has quarkus-opentelemetry; otherwise consumption is not traced. */
    @Inject
    Instance<OpenTelemetry> telemetry;

    private final List<ConsumerSupervisor> running = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private KafkaProducer<String, byte[]> deadLetters;

    void onStart(@Observes StartupEvent event) {
        Tracer tracer = (telemetry.isResolvable() ? telemetry.get() : OpenTelemetry.noop())
                .getTracer("dev.skillpath.events");
        for (EventHandler handler : handlers) {
            if (deadLetters == null) {
                deadLetters = clients.producer(config.source().replace("/", "") + "-dlq");
            }
            KafkaProducer<String, byte[]> dlq = deadLetters;
            ConsumerSupervisor[] supervisor = new ConsumerSupervisor[1];
            supervisor[0] = new ConsumerSupervisor(handler.consumerGroup(),
                    () -> new IdempotentConsumer(handler, dataSource, clients.base(), dlq, config.consumer(), registry,
                            () -> clients.ensureTopics(handler.topics()), tracer, supervisor[0].progress()),
                    config.consumer().restartBackoff(), config.consumer().stallTimeout(), registry);
            ConsumerSupervisor consumer = supervisor[0];
            Thread t = new Thread(consumer, "consumer-" + handler.consumerGroup());
            t.setDaemon(true);
            running.add(consumer);
            threads.add(t);
            t.start();
        }
    }

    /** The consumers of this service, for readiness. */
    List<ConsumerSupervisor> consumers() {
        return List.copyOf(running);
    }

    void onStop(@Observes ShutdownEvent event) {
        running.forEach(ConsumerSupervisor::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }
}
