package dev.skillpath.events.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.KafkaClients;
import dev.skillpath.events.MalformedEventException;
import dev.skillpath.events.Topics;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The dead letters of this service's consumer groups: listed from the dead-letter topics (where they are kept
 * whole), and replayed through the group's own handler, exactly as the consumer would have applied them.
 * <p>
 * A replay reads {@code <topic>.dlq} of every topic the group reads, keeps the records the group sent there
 * ({@code dlq.consumer.group}), and takes them partition by partition in offset order: a key's dead letters are on
 * one partition in the order they died, so they are applied in that order. Each is applied in one transaction
 * with its {@code processed_event} row and its {@code dead_letter} row marked replayed, so a replay is idempotent
 * (a second one finds everything applied) and never applies an event twice. A dead letter whose handler fails
 * again stays, and the later dead letters of its key wait behind it (they are reported, not applied).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** What became of a dead letter. */
    public enum Status {
        /** Dead-lettered and not applied: a replay would apply it. */
        WAITING,
        /** Applied by this replay. */
        APPLIED,
        /** Applied before (by an earlier replay, or its event applied under another copy). */
        ALREADY_APPLIED,
        /** Its handler failed again in this replay; it stays. */
        FAILED,
        /** An earlier dead letter of its key failed again in this replay: it waits behind it. */
        BEHIND_FAILED,
        /** Not a CloudEvent: nothing can apply it (its bytes are in the dead-letter topic). */
        UNPARSEABLE
    }

    /** One dead letter: where it is, what it is, why it died, and its status (with the new failure, if any). */
    public record Entry(String topic, int partition, long offset, String eventId, String type, String key,
            String reason, Status status, String error) {
    }

    @Inject
    Instance<EventHandler> handlers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaClients clients;

    @Inject
    MeterRegistry registry;

    /** The consumer groups of this service, sorted. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (EventHandler h : handlers) {
            groups.add(h.consumerGroup());
        }
        groups.sort(Comparator.naturalOrder());
        return groups;
    }

    /** The group's dead letters with their status, oldest first per partition; empty when the group is unknown. */
    public Optional<List<Entry>> list(String group) throws SQLException {
        Optional<EventHandler> handler = handler(group);
        if (handler.isEmpty()) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read(handler.get())) {
            entries.add(entry(record, group, null, null));
        }
        return Optional.of(entries);
    }

    /** Applies the group's waiting dead letters in order per key; what became of each. Empty when the group is unknown. */
    public Optional<List<Entry>> replay(String group) throws SQLException {
        Optional<EventHandler> found = handler(group);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        EventHandler handler = found.get();
        List<Entry> entries = new ArrayList<>();
        Set<String> failedKeys = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : read(handler)) {
            Entry before = entry(record, group, null, null);
            if (before.status() != Status.WAITING) {
                entries.add(before);
                continue;
            }
            String keyOnPartition = record.partition() + "/" + record.key();
            if (failedKeys.contains(keyOnPartition)) {
                entries.add(entry(record, group, Status.BEHIND_FAILED, null));
                continue;
            }
            CloudEvent event = CloudEventCodec.parse(record.value());
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    ConsumerLedger.markReplayed(dataSource, group, event.id());
                    if (!ConsumerLedger.markApplied(dataSource, group, event, true)) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
                entries.add(entry(record, group, applied ? Status.APPLIED : Status.ALREADY_APPLIED, null));
                registry.counter("skillpath.events.replayed", "group", group, "outcome",
                        applied ? "applied" : "already-applied").increment();
            } catch (Exception e) {
                failedKeys.add(keyOnPartition);
                String error = IdempotentConsumer.rootMessage(e);
                LOG.warnf("replay of %s: event %s failed again, it stays a dead letter: %s", group, event.id(), error);
                entries.add(entry(record, group, Status.FAILED, error));
                registry.counter("skillpath.events.replayed", "group", group, "outcome", "failed").increment();
            }
        }
        return Optional.of(entries);
    }

    private Optional<EventHandler> handler(String group) {
        for (EventHandler h : handlers) {
            if (h.consumerGroup().equals(group)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** The group's records in the dead-letter topics of its topics, partition by partition, in offset order. */
    private List<ConsumerRecord<String, byte[]>> read(EventHandler handler) {
        Map<String, Object> conf = new HashMap<>(clients.base());
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        conf.put(ConsumerConfig.CLIENT_ID_CONFIG, handler.consumerGroup() + "-dlq-reader");
        conf.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_TIMEOUT.toMillis());
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : handler.topics().stream().sorted().toList()) {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.deadLetter(topic));
                if (infos != null) {
                    infos.stream().sorted(Comparator.comparingInt(PartitionInfo::partition))
                            .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dead-letter topics could not be read to their end in "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (handler.consumerGroup().equals(header(r, "dlq.consumer.group"))) {
                        mine.add(r);
                    }
                }
            }
        }
        mine.sort(Comparator.<ConsumerRecord<String, byte[]>, String>comparing(ConsumerRecord::topic)
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        return mine;
    }

    private Entry entry(ConsumerRecord<String, byte[]> record, String group, Status status, String error)
            throws SQLException {
        String reason = header(record, "dlq.reason");
        CloudEvent event;
        try {
            event = CloudEventCodec.parse(record.value());
        } catch (MalformedEventException e) {
            return new Entry(record.topic(), record.partition(), record.offset(), null, null, record.key(), reason,
                    Status.UNPARSEABLE, null);
        }
        Status s = status != null ? status : ConsumerLedger.applied(dataSource, group, event.id()) ? Status.ALREADY_APPLIED : Status.WAITING;
        return new Entry(record.topic(), record.partition(), record.offset(), event.id().toString(), event.type(),
                record.key(), reason, s, error);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
