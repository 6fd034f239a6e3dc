package dev.skillpath.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * Builds the Kafka clients of the event backbone from the service's {@code kafka.*} configuration, with the
 * settings the backbone depends on set explicitly rather than left to client defaults.
 */
@ApplicationScoped
public class KafkaClients {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    EventsConfig config;

    /** The base configuration: {@code kafka.*} properties (bootstrap servers, security, ...). */
    public Map<String, Object> base() {
        Map<String, Object> conf = new HashMap<>();
        kafkaConfig.forEach((k, v) -> conf.put(k, v));
        conf.remove("health.enabled");
        return conf;
    }

    /** An idempotent producer: no duplicates from its own retries, every write acknowledged by all replicas. */
    public KafkaProducer<String, byte[]> producer(String clientId) {
        Map<String, Object> conf = base();
        conf.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        conf.put(ProducerConfig.ACKS_CONFIG, "all");
        conf.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        conf.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        conf.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // Fail fast while the broker is away: the outbox keeps the rows and the relay tries again.
        conf.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        conf.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        conf.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaProducer<>(conf, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Creates the given topics unless they exist. The catalogue topic is compacted: it keeps the latest event
     * of every skill, lesson and quiz for good, so a new service's projection can always be built from it.
     */
    public void ensureTopics(Admin admin, Set<String> topics) throws Exception {
        for (String topic : topics) {
            NewTopic newTopic = new NewTopic(topic, config.partitions(), config.replicationFactor());
            if (Topics.CATALOG.equals(topic)) {
                newTopic.configs(Map.of("cleanup.policy", "compact"));
            }
            try {
                admin.createTopics(Set.of(newTopic)).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Creates the backbone's topics and their dead-letter topics, plus {@code extra}, unless they exist. */
    public void ensureTopics(Set<String> extra) throws Exception {
        Set<String> topics = new java.util.HashSet<>(extra);
        for (String topic : Topics.ALL) {
            topics.add(topic);
            topics.add(Topics.deadLetter(topic));
        }
        for (String topic : extra) {
            topics.add(Topics.deadLetter(topic));
        }
        try (Admin admin = admin()) {
            ensureTopics(admin, topics);
        }
    }

    public Admin admin() {
        Map<String, Object> conf = base();
        conf.put("request.timeout.ms", 5_000);
        conf.put("default.api.timeout.ms", 10_000);
        return Admin.create(conf);
    }
}
