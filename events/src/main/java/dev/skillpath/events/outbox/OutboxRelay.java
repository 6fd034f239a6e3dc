package dev.skillpath.events.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.TraceContext;
import dev.skillpath.events.consumer.DatabaseFailures;
import dev.skillpath.events.EventsConfig;
import dev.skillpath.events.KafkaClients;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka in the order they were written, marks them published, and keeps trying
 * while the broker is away. One relay per database publishes at a time (a PostgreSQL advisory lock), so
 * replicas of a service never reorder or race each other; the others stand by, and one of them takes over
 * within a batch when the publishing one stops, dies or hangs.
 * <p>
 * A row the broker or the relay refuses ({@link SendFailure.Kind#REJECTED}: too large, an invalid or unknown
 * topic, an envelope that does not parse) is tried again after a growing pause, at most
 * {@code max-rejections} times, then parked with its error. Rows of other keys go on meanwhile; the later rows of
 * its own key wait behind it until it is sent or parked, so a key's published events keep their order
 * (docs/events.md).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext('skillpath.outbox.relay'))";
    /**
     * The queue: rows neither published nor parked, in order, without those of a key whose earlier row waits
     * after a rejection, nor such a row before its time.
     */
    static final String SELECT = "select o.seq, o.topic, o.event_key, o.event_type, o.envelope, o.rejections"
            + " from outbox o where o.published_at is null and o.parked_at is null"
            + " and (o.next_try_at is null or o.next_try_at <= now())"
            + " and not exists (select 1 from outbox b where b.topic = o.topic and b.event_key = o.event_key"
            + " and b.seq < o.seq and b.published_at is null and b.parked_at is null and b.next_try_at > now())"
            + " order by o.seq limit ?";
    static final String CLEANUP = "delete from outbox where seq in (select seq from outbox"
            + " where published_at < now() - make_interval(secs => ?) order by published_at limit ?)";
    /** The shortest {@code hung-timeout}: above a batch's longest wait for the broker (delivery timeout 15 s). */
    static final Duration MIN_HUNG_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaClients clients;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    private final Object signal = new Object();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private boolean topicsReady;
    private Instant lastCleanup = Instant.EPOCH;
    private long lastCount = System.nanoTime() - 2_000_000_000L;

    void onStart(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            return;
        }
        requireHungTimeout(config.relay().hungTimeout());
        Gauge.builder("skillpath.outbox.backlog", backlog, AtomicLong::get)
                .description("outbox rows waiting to be published (neither published nor parked)").register(registry);
        Gauge.builder("skillpath.outbox.parked", parked, AtomicLong::get)
                .description("outbox rows parked after the broker or the relay refused them").register(registry);
        Gauge.builder("skillpath.outbox.oldest.pending", oldestPendingSeconds, AtomicLong::get)
                .baseUnit("seconds").description("age of the oldest row waiting to be published").register(registry);
        // every failure counter from the start, so that a dashboard sees a zero before it sees a rate
        registry.counter("skillpath.outbox.send.failures", "reason", "broker");
        registry.counter("skillpath.outbox.send.failures", "reason", "rejected");
        registry.counter("skillpath.outbox.relay.failures", "reason", "broker");
        registry.counter("skillpath.outbox.relay.failures", "reason", "database");
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    /** Refuses a {@code hung-timeout} so short that a batch waiting for a slow broker would lose its lock. */
    static void requireHungTimeout(Duration hungTimeout) {
        if (hungTimeout.compareTo(MIN_HUNG_TIMEOUT) < 0) {
            throw new IllegalStateException("skillpath.events.relay.hung-timeout must be at least "
                    + MIN_HUNG_TIMEOUT.toSeconds() + " s (a batch may wait 15 s for the broker), not " + hungTimeout);
        }
    }

    /** Asks the relay to look at the outbox now (called after a transaction with outbox rows commits). */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Rows waiting to be published, as last counted by the relay. */
    public long backlog() {
        return backlog.get();
    }

    private void run() {
        int consecutiveFailures = 0;
        while (running) {
            try {
                ensureTopics();
                int handled;
                do {
                    handled = relayBatch();
                } while (running && handled >= config.relay().batchSize());
                if (consecutiveFailures > 0) {
                    LOG.infof("outbox relay publishing again after %d failed tries", consecutiveFailures);
                }
                consecutiveFailures = 0;
                cleanUpIfDue();
                countIfDue();
                pause(config.relay().pollInterval());
            } catch (Exception e) {
                consecutiveFailures++;
                String reason = causedBy(e, SQLException.class) ? "database" : "broker";
                registry.counter("skillpath.outbox.relay.failures", "reason", reason).increment();
                closeProducer();
                if (consecutiveFailures == 1) {
                    LOG.warnf("outbox relay cannot publish (%s), will keep trying: %s", reason, e.getMessage());
                } else {
                    LOG.debugf("outbox relay still cannot publish (try %d): %s", consecutiveFailures, e.getMessage());
                }
                // the gauges are what an operator looks at during an outage: they keep moving (if the database answers)
                countIfDue();
                long backoffMs = Math.min(config.relay().maxBackoff().toMillis(),
                        100L << Math.min(consecutiveFailures, 10));
                pause(Duration.ofMillis(backoffMs));
            }
        }
    }

    /** Publishes up to one batch in one transaction; returns how many rows it sent or refused. */
    private int relayBatch() throws Exception {
        BatchResult result = QuarkusTransaction.requiringNew()
                .timeout((int) config.relay().hungTimeout().toSeconds())
                .call(this::publishBatchInTransaction);
        if (result.error() != null) {
            throw result.error();
        }
        return result.handled();
    }

    private BatchResult publishBatchInTransaction() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement(LOCK); ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return new BatchResult(0, null); // another replica is publishing
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "set local idle_in_transaction_session_timeout = " + config.relay().hungTimeout().toMillis())) {
                ps.execute();
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setInt(1, config.relay().batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong("seq"), rs.getString("topic"), rs.getString("event_key"),
                                rs.getString("event_type"), rs.getString("envelope"), rs.getInt("rejections")));
                    }
                }
            }
            return publish(c, rows);
        }
    }

    private BatchResult publish(Connection c, List<Row> rows) throws SQLException {
        List<Row> sent = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<Row, SendFailure> refused = new LinkedHashMap<>();
        Set<String> waitingKeys = new HashSet<>();   // topic + key of a row refused in this batch
        Exception error = null;
        List<Long> unavailable = new ArrayList<>();
        Map<String, Boolean> unknownTopics = new HashMap<>();
        KafkaProducer<String, byte[]> p = producer();
        for (Row row : rows) {
            if (waitingKeys.contains(row.topicKey())) {
                continue; // behind a refused row of its key: waits for it
            }
            Future<RecordMetadata> future = null;
            Throwable failed;
            try {
                future = p.send(record(row));
                // the producer refuses what it cannot send (too large, an invalid topic) and gives up on a topic's
                // metadata before it returns: such a row is dealt with before its key's later rows are sent
                failed = failureOf(future);
            } catch (RuntimeException e) {
                failed = e;
            }
            if (failed == null) {
                sent.add(row);
                sends.add(future);
                continue;
            }
            SendFailure failure = SendFailure.isMissingMetadata(failed)
                    && unknownTopics.computeIfAbsent(row.topic(), this::topicIsUnknown)
                    ? new SendFailure(SendFailure.Kind.REJECTED, "unknown topic " + row.topic())
                    : SendFailure.of(failed);
            if (failure.rejected()) {
                refused.put(row, failure);
                waitingKeys.add(row.topicKey());
            } else {
                // the broker is away or slow: keep this row and the rest for the next try
                unavailable.add(row.seq());
                error = failed instanceof Exception ex ? ex : new IllegalStateException(failed);
                break;
            }
        }
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            Row row = sent.get(i);
            try {
                sends.get(i).get(30, TimeUnit.SECONDS);
                done.add(row.seq());
                // by type: attempts graded, lessons completed, masteries changed, ... as business figures
                registry.counter("skillpath.events.published", "type", row.type()).increment();
            } catch (Exception e) {
                SendFailure failure = SendFailure.of(e);
                if (failure.rejected()) {
                    refused.put(row, failure);
                } else {
                    unavailable.add(row.seq());
                    error = error == null ? e : error;
                }
            }
        }
        markPublished(c, done);
        markUnavailable(c, unavailable, error);
        markRefused(c, refused);
        if (!unavailable.isEmpty()) {
            registry.counter("skillpath.outbox.send.failures", "reason", "broker").increment(unavailable.size());
        }
        if (!refused.isEmpty()) {
            registry.counter("skillpath.outbox.send.failures", "reason", "rejected").increment(refused.size());
        }
        return new BatchResult(done.size() + refused.size(), error);
    }

    private static ProducerRecord<String, byte[]> record(Row row) {
        byte[] envelope = row.envelope().getBytes(StandardCharsets.UTF_8);
        // an envelope that does not parse throws MalformedEventException here: the row is refused
        String traceparent = CloudEventCodec.parse(envelope).traceparent();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), envelope);
        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEvent.TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
        TraceContext.headers(traceparent).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The failure of a send that has already failed, else null (not done yet, or sent). */
    private static Throwable failureOf(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /**
     * Whether the broker answers and says the topic does not exist (where topics are not created on first use) or
     * cannot exist (an invalid name).
     */
    private boolean topicIsUnknown(String topic) {
        try (Admin admin = clients.admin()) {
            admin.describeTopics(Set.of(topic), new DescribeTopicsOptions().timeoutMs(3_000)).allTopicNames()
                    .get(5, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof InvalidTopicException;
        } catch (Exception e) {
            return false; // the broker does not answer: not the row's fault
        }
    }

    private void markPublished(Connection c, List<Long> done) throws SQLException {
        if (done.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox set published_at = now(), attempts = attempts + 1 where seq = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", done.toArray()));
            ps.executeUpdate();
        }
    }

    private void markUnavailable(Connection c, List<Long> failed, Exception error) throws SQLException {
        if (failed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox set attempts = attempts + 1, last_error = ? where seq = any(?)")) {
            ps.setString(1, String.valueOf(error.getMessage()));
            ps.setArray(2, c.createArrayOf("bigint", failed.toArray()));
            ps.executeUpdate();
        }
    }

    /** A refused row waits (and its key with it) for its next try, or is parked after its last one. */
    private void markRefused(Connection c, Map<Row, SendFailure> refused) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update outbox set attempts = attempts + 1,"
                + " rejections = rejections + 1, last_error = ?,"
                + " next_try_at = now() + make_interval(secs => ?),"
                + " parked_at = case when ? then now() end where seq = ?")) {
            for (Map.Entry<Row, SendFailure> e : refused.entrySet()) {
                Row row = e.getKey();
                int rejections = row.rejections() + 1;
                boolean park = rejections >= config.relay().maxRejections();
                double waitSeconds = config.relay().rejectionBackoff().toMillis() / 1000.0
                        * (1L << Math.min(rejections - 1, 16));
                ps.setString(1, e.getValue().reason());
                ps.setDouble(2, waitSeconds);
                ps.setBoolean(3, park);
                ps.setLong(4, row.seq());
                ps.addBatch();
                if (park) {
                    LOG.errorf("outbox row %d (%s, key %s) parked after %d refused tries, its key's later events go on:"
                            + " %s", row.seq(), row.type(), row.key(), rejections, e.getValue().reason());
                } else {
                    LOG.warnf("outbox row %d (%s, key %s) refused (try %d of %d), its key waits: %s", row.seq(),
                            row.type(), row.key(), rejections, config.relay().maxRejections(), e.getValue().reason());
                }
            }
            ps.executeBatch();
        }
    }

    /** The gauges, at most once a second: counting after every wake-up cost a query per write (docs/benchmarks.md). */
    private void countIfDue() {
        if (System.nanoTime() - lastCount < 1_000_000_000L) {
            return;
        }
        lastCount = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select count(*),"
                    + " coalesce(extract(epoch from now() - min(created_at)), 0)::bigint"
                    + " from outbox where published_at is null and parked_at is null");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                backlog.set(rs.getLong(1));
                oldestPendingSeconds.set(rs.getLong(2));
            }
            try (PreparedStatement ps = c.prepareStatement("select count(*) from outbox where parked_at is not null");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                parked.set(rs.getLong(1));
            }
        } catch (SQLException e) {
            LOG.debugf("outbox relay cannot count the outbox: %s", e.getMessage());
        }
    }

    private void cleanUpIfDue() throws SQLException {
        if (Duration.between(lastCleanup, Instant.now()).toMinutes() < 10) {
            return;
        }
        int deleted = cleanUp();
        // a pass that deleted a whole batch is followed by another at the next round instead of ten minutes later
        lastCleanup = deleted >= config.relay().cleanupBatchSize() ? Instant.EPOCH : Instant.now();
    }

    /**
     * One cleanup pass: deletes published rows older than the retention, oldest first, at most
     * {@code cleanup-batch-size} of them (through the index on {@code published_at}); returns how many.
     */
    int cleanUp() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(CLEANUP)) {
            ps.setLong(1, config.relay().retention().toSeconds());
            ps.setInt(2, config.relay().cleanupBatchSize());
            return ps.executeUpdate();
        }
    }

    private void ensureTopics() throws Exception {
        if (!topicsReady) {
            clients.ensureTopics(Set.of());
            topicsReady = true;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.producer(config.source().replace("/", "") + "-outbox");
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("closing the outbox producer failed", e);
            }
            producer = null;
        }
    }

    private void pause(Duration duration) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return DatabaseFailures.causes(e).stream().anyMatch(type::isInstance);
    }

    private record Row(long seq, String topic, String key, String type, String envelope, int rejections) {
        String topicKey() {
            return topic + "\u0000" + key;
        }
    }

    private record BatchResult(int handled, Exception error) {
    }
}
