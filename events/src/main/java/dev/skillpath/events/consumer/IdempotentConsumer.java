package dev.skillpath.events.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventsConfig;
import dev.skillpath.events.MalformedEventException;
import dev.skillpath.events.Topics;
import dev.skillpath.events.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The poll loop of one {@link EventHandler}: each record is parsed, its id recorded in {@code processed_event}
 * in the same transaction as the handler's effect (a duplicate is skipped), and the offsets of a poll's records
 * committed only after their transactions (once per poll, see {@link PollWalk}). Records of types the handler does
 * not {@linkplain EventHandler#accepts accept} are passed over without a transaction. A record that cannot be
 * parsed, or whose handler keeps failing, goes to {@code <topic>.dlq} and consumption goes on. While the database
 * is unreachable nothing is dead-lettered: the record is retried.
 */
final class IdempotentConsumer implements ConsumerSupervisor.Loop {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final EventHandler handler;
    private final AgroalDataSource dataSource;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration dedupRetention;
    private final long cleanupIntervalNanos;
    private long lastCleanup;
    private boolean cleanedOnce;
    private final MeterRegistry registry;
    private final TopicsReady topicsReady;
    private final Tracer tracer;
    private final KafkaClientMetrics clientMetrics;
    private final ConsumerSupervisor.Progress progress;
    private volatile boolean running = true;

    /** Commits and seeks on this consumer; a failed commit is not fatal (see {@link #commit}). */
    private final PollWalk.Offsets offsets = new PollWalk.Offsets() {
        @Override
        public void commit(Map<TopicPartition, OffsetAndMetadata> applied) {
            IdempotentConsumer.this.commit(applied);
        }

        @Override
        public void seek(TopicPartition partition, long offset) {
            consumer.seek(partition, offset);
        }
    };

    /** Creates the topics the consumer reads (and their dead-letter topics) unless they exist. */
    interface TopicsReady {
        void ensure() throws Exception;
    }

    IdempotentConsumer(EventHandler handler, AgroalDataSource dataSource, Map<String, Object> kafkaBase,
            KafkaProducer<String, byte[]> deadLetters, EventsConfig.Consumer settings, MeterRegistry registry,
            TopicsReady topicsReady, Tracer tracer, ConsumerSupervisor.Progress progress) {
        this.progress = progress;
        this.topicsReady = topicsReady;
        this.tracer = tracer;
        this.handler = handler;
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
        this.maxAttempts = settings.maxAttempts();
        this.retryBackoff = settings.retryBackoff();
        this.dedupRetention = settings.dedupRetention();
        this.cleanupIntervalNanos = settings.cleanupInterval().toNanos();
        this.registry = registry;
        Map<String, Object> conf = new HashMap<>(kafkaBase);
        conf.put(ConsumerConfig.GROUP_ID_CONFIG, handler.consumerGroup());
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        conf.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        conf.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        // bounded waits (docs/reliability.md): a request to the broker 15 s, a blocking call (commit, position) 15 s,
        // a member silent for 30 s leaves the group, one that does not poll for 5 min too
        conf.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        conf.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        conf.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 30_000);
        conf.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);
        conf.put(ConsumerConfig.CLIENT_ID_CONFIG, handler.consumerGroup() + "-" + ProcessHandle.current().pid());
        // topics are created by the backbone with their settings (the catalogue is compacted), never by accident
        conf.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(conf, new StringDeserializer(), new ByteArrayDeserializer());
        // the client's own metrics, consumer lag among them (kafka_consumer_fetch_manager_records_lag_max)
        this.clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /**
     * Polls and applies until stopped. Anything that escapes (a bug, an error of the client) ends the loop with the
     * consumer closed; the {@link ConsumerSupervisor} logs it and starts a new one.
     */
    @Override
    public void run() {
        try {
            awaitTopics();
            consumer.subscribe(List.copyOf(handler.topics()));
            while (running) {
                forgetOldIdsIfDue();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                progress.running();
                progress.lag(lag());
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll = new LinkedHashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    poll.put(partition, records.records(partition));
                }
                if (records.count() > 1 && applyTogether(poll)) {
                    continue;
                }
                if (!PollWalk.walk(poll, this::apply, () -> running, offsets) && running) {
                    sleep(retryBackoff.multipliedBy(10)); // the database is away: the records are fetched again
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            clientMetrics.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Records behind the end of the assigned partitions, as the client last saw them (no request). */
    private long lag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        return total;
    }

    private void awaitTopics() {
        int tries = 0;
        while (running) {
            progress.alive();
            try {
                topicsReady.ensure();
                return;
            } catch (Exception e) {
                if (++tries == 1) {
                    LOG.warnf("consumer %s cannot reach the broker yet, will keep trying: %s", handler.consumerGroup(),
                            e.getMessage());
                }
                sleep(Duration.ofMillis(Math.min(5_000, 200L * tries)));
            }
        }
    }

    /**
     * Commits the offsets of applied records. If the broker cannot take the commit (it is away, or the partition
     * moved to another replica), the records stay applied and a later commit covers them; whoever reads them again
     * finds them in {@code processed_event} and skips them. The consumer goes on either way.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> applied) {
        try {
            consumer.commitSync(applied);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("consumer %s: offset commit failed, the records will be skipped as duplicates if read again: %s",
                    handler.consumerGroup(), e.getMessage());
        }
    }

    /**
     * Applies a poll's records in one transaction (one {@code processed_event} statement, the handler's
     * {@link EventHandler#handleAll}, one commit) and then commits their offsets. Answers false, having changed
     * nothing, when that cannot be done: a record does not parse, the handler or the database fails. The caller then
     * walks the poll record by record, where a poison record is retried and dead-lettered on its own.
     */
    private boolean applyTogether(Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> poll) {
        progress.alive();
        List<CloudEvent> events = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> done = new LinkedHashMap<>();
        int ignored = 0;
        for (Map.Entry<TopicPartition, List<ConsumerRecord<String, byte[]>>> entry : poll.entrySet()) {
            for (ConsumerRecord<String, byte[]> record : entry.getValue()) {
                String type = typeHeader(record);
                if (type != null && !handler.accepts(type)) {
                    ignored++;
                } else {
                    CloudEvent event;
                    try {
                        event = CloudEventCodec.parse(record.value());
                    } catch (MalformedEventException e) {
                        return false; // the walk dead-letters it
                    }
                    if (handler.accepts(event.type())) {
                        events.add(event);
                    } else {
                        ignored++;
                    }
                }
                done.put(entry.getKey(), new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!running) {
            return false;
        }
        int[] applied = {0};
        List<UUID> skipped = new ArrayList<>();
        if (!events.isEmpty()) {
            Span span = batchSpan(poll.keySet().iterator().next().topic(), events);
            try (Scope scope = span.makeCurrent()) {
                QuarkusTransaction.requiringNew().run(() -> {
                    Set<UUID> fresh;
                    try {
                        fresh = ConsumerLedger.markAllApplied(dataSource, handler.consumerGroup(), events);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    List<CloudEvent> toApply = new ArrayList<>(fresh.size());
                    skipped.clear();
                    for (CloudEvent event : events) {
                        if (fresh.remove(event.id())) { // the first of an id the poll holds twice, only
                            toApply.add(event);
                        } else {
                            skipped.add(event.id());
                        }
                    }
                    try {
                        handler.handleAll(toApply);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    applied[0] = toApply.size();
                });
            } catch (RuntimeException e) {
                LOG.debugf("consumer %s: %d events not applied together (%s), now one at a time",
                        handler.consumerGroup(), events.size(), rootMessage(e));
                registry.counter("skillpath.events.consumer.batch.fallbacks", "group", handler.consumerGroup())
                        .increment();
                return false;
            } finally {
                span.end();
            }
        }
        String group = handler.consumerGroup();
        registry.summary("skillpath.events.consumer.batch.size", "group", group).record(applied[0]);
        registry.counter("skillpath.events.consumed", "group", group, "outcome", "applied").increment(applied[0]);
        registry.counter("skillpath.events.consumed", "group", group, "outcome", "ignored").increment(ignored);
        if (!skipped.isEmpty()) {
            int dead = deadLetteredAmong(skipped);
            registry.counter("skillpath.events.consumed", "group", group, "outcome", "dead-lettered-before")
                    .increment(dead);
            registry.counter("skillpath.events.consumed", "group", group, "outcome", "duplicate")
                    .increment(skipped.size() - dead);
        }
        offsets.commit(done);
        return true;
    }

    /**
     * One span for a poll applied together, linked to the trace of every event in it (up to 128): what the handler
     * publishes meanwhile joins this span's trace.
     */
    private Span batchSpan(String topic, List<CloudEvent> events) {
        var builder = tracer.spanBuilder(topic + " process").setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.consumer.group.name", handler.consumerGroup())
                .setAttribute("messaging.batch.message_count", (long) events.size());
        int links = 0;
        for (CloudEvent event : events) {
            if (links == 128) {
                break;
            }
            if (event.traceparent() != null) {
                var context = Span.fromContext(TraceContext.parent(event.traceparent())).getSpanContext();
                if (context.isValid()) {
                    builder.addLink(context);
                    links++;
                }
            }
        }
        return builder.startSpan();
    }

    /** The event type a record's header names (see {@link CloudEvent#TYPE_HEADER}), or null when it has none. */
    private static String typeHeader(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(CloudEvent.TYPE_HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private PollWalk.Outcome apply(ConsumerRecord<String, byte[]> record) {
        progress.alive();
        String type = typeHeader(record);
        if (type != null && !handler.accepts(type)) {
            // the header says it is not for this handler: passed over without even parsing it
            registry.counter("skillpath.events.consumed", "group", handler.consumerGroup(), "outcome", "ignored")
                    .increment();
            return PollWalk.Outcome.DONE;
        }
        CloudEvent event;
        try {
            event = CloudEventCodec.parse(record.value());
        } catch (MalformedEventException e) {
            return deadLetter(record, "unparseable: " + e.getMessage());
        }
        if (!handler.accepts(event.type())) {
            // not for this handler (e.g. a service's own announcements on a shared topic): no transaction at all
            registry.counter("skillpath.events.consumed", "group", handler.consumerGroup(), "outcome", "ignored")
                    .increment();
            return PollWalk.Outcome.DONE;
        }
        // the handler's work (and any event it publishes) joins the trace of the change that caused the event
        Span span = tracer.spanBuilder(record.topic() + " process").setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceContext.parent(event.traceparent()))
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.consumer.group.name", handler.consumerGroup())
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("cloudevents.event_type", event.type())
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            return applyInTransaction(record, event);
        } finally {
            span.end();
        }
    }

    private PollWalk.Outcome applyInTransaction(ConsumerRecord<String, byte[]> record, CloudEvent event) {
        Exception last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                Boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!ConsumerLedger.markApplied(dataSource, handler.consumerGroup(), event, false)) {
                        return null;
                    }
                    handler.handle(event);
                    return true;
                });
                String outcome = applied != null ? "applied" : deadLettered(event) ? "dead-lettered-before" : "duplicate";
                registry.counter("skillpath.events.consumed", "group", handler.consumerGroup(), "outcome", outcome)
                        .increment();
                return PollWalk.Outcome.DONE;
            } catch (Exception e) {
                last = e;
                if (!databaseReachable()) {
                    LOG.warnf("consumer %s: database unreachable, will retry event %s", handler.consumerGroup(),
                            event.id());
                    return PollWalk.Outcome.RETRY_LATER;
                }
                progress.alive();
                sleep(retryBackoff.multipliedBy(1L << (attempt - 1)));
            }
        }
        String transientState = DatabaseFailures.transientState(last);
        if (transientState != null) {
            // a race with another transaction (serialization failure, deadlock) or a wait cut short (lock timeout,
            // statement timeout): not the event's fault, so it is read again later, never dead-lettered
            LOG.warnf("consumer %s: event %s failed %d times on a transient database error (SQLSTATE %s), will retry: %s",
                    handler.consumerGroup(), event.id(), maxAttempts, transientState, rootMessage(last));
            registry.counter("skillpath.events.consumer.transient.failures", "group", handler.consumerGroup()).increment();
            return PollWalk.Outcome.RETRY_LATER;
        }
        LOG.warnf("consumer %s: event %s (%s) failed %d times, sent to the dead-letter topic: %s",
                handler.consumerGroup(), event.id(), event.type(), maxAttempts, rootMessage(last));
        String reason = "handler failed " + maxAttempts + " times: " + rootMessage(last);
        PollWalk.Outcome sent = deadLetter(record, reason);
        if (sent == PollWalk.Outcome.DONE && !recordDeadLetter(record, event, reason)) {
            return PollWalk.Outcome.RETRY_LATER; // dead-lettered but not recorded: do it again rather than lose track
        }
        return sent;
    }

    /**
     * Records a dead-lettered event's id, so that a redelivery of it (a broker's resend, a rewind of the group) is
     * not applied behind the events that followed it; only a replay applies it (docs/events.md).
     */
    private boolean recordDeadLetter(ConsumerRecord<String, byte[]> record, CloudEvent event, String reason) {
        try {
            ConsumerLedger.recordDeadLetter(dataSource, handler.consumerGroup(), event, record, reason);
            return true;
        } catch (SQLException e) {
            LOG.warnf("consumer %s: dead letter %s not recorded, will retry: %s", handler.consumerGroup(), event.id(),
                    e.getMessage());
            return false;
        }
    }

    private int deadLetteredAmong(List<UUID> ids) {
        try {
            return ConsumerLedger.deadLetteredAmong(dataSource, handler.consumerGroup(), ids);
        } catch (SQLException e) {
            return 0;
        }
    }

    private boolean deadLettered(CloudEvent event) {
        try {
            return ConsumerLedger.deadLettered(dataSource, handler.consumerGroup(), event.id());
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Deletes this group's {@code processed_event} rows older than the dedup retention, at start and then every
     * cleanup interval, so the table does not grow forever. A database that is away is tried again next time.
     */
    private void forgetOldIdsIfDue() {
        long now = System.nanoTime();
        if (cleanedOnce && now - lastCleanup < cleanupIntervalNanos) {
            return;
        }
        cleanedOnce = true;
        lastCleanup = now;
        try {
            int deleted = ConsumerLedger.forgetApplied(dataSource, handler.consumerGroup(), dedupRetention);
            if (deleted > 0) {
                LOG.debugf("consumer %s: forgot %d event ids older than %s", handler.consumerGroup(), deleted,
                        dedupRetention);
            }
        } catch (SQLException e) {
            LOG.debugf("consumer %s: old event ids not deleted this time: %s", handler.consumerGroup(), e.getMessage());
        }
    }

    private PollWalk.Outcome deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(),
                record.value());
        for (Header h : record.headers()) {
            dlq.headers().add(h);
        }
        dlq.headers().add("dlq.reason", reason.getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq.consumer.group", handler.consumerGroup().getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq.original.topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq.original.partition",
                Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        dlq.headers().add("dlq.original.offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(dlq).get(30, TimeUnit.SECONDS);
            registry.counter("skillpath.events.dead.lettered", "group", handler.consumerGroup()).increment();
            return PollWalk.Outcome.DONE;
        } catch (Exception e) {
            // not acknowledged by the broker: keep the offset, try this record again
            LOG.warnf("consumer %s: dead-letter send failed, will retry: %s", handler.consumerGroup(), e.getMessage());
            return PollWalk.Outcome.RETRY_LATER;
        }
    }

    private boolean databaseReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The class and message of the innermost cause, for logs and dead-letter reasons. */
    static String rootMessage(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        Throwable root = t;
        List<Throwable> seen = new ArrayList<>();
        while (root.getCause() != null && !seen.contains(root.getCause())) {
            seen.add(root);
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

}
