package dev.skillpath.events.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.TraceContext;
import dev.skillpath.events.EventsConfig;
import dev.skillpath.events.KafkaClients;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka in the order they were written, marks them published, and keeps trying
 * while the broker is away. One relay per database publishes at a time (a PostgreSQL advisory lock), so
 * replicas of a service never reorder or race each other; the others stand by.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SELECT = "select seq, topic, event_key, event_type, envelope from outbox"
            + " where published_at is null order by seq limit ?";

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
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private boolean topicsReady;
    private Instant lastCleanup = Instant.EPOCH;
    private long lastCount = System.nanoTime() - 2_000_000_000L;
    private Counter failures;

    void onStart(@Observes StartupEvent event) {
        if (!config.relay().enabled()) {
            return;
        }
        failures = registry.counter("skillpath.outbox.send.failures");
        Gauge.builder("skillpath.outbox.backlog", backlog, AtomicLong::get)
                .description("outbox rows not yet published").register(registry);
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

    /** Asks the relay to look at the outbox now (called after a transaction with outbox rows commits). */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Unpublished rows, as last counted by the relay. */
    public long backlog() {
        return backlog.get();
    }

    private void run() {
        int consecutiveFailures = 0;
        while (running) {
            try {
                ensureTopics();
                int sent;
                do {
                    sent = relayBatch();
                } while (running && sent >= config.relay().batchSize());
                if (consecutiveFailures > 0) {
                    LOG.infof("outbox relay publishing again after %d failed tries", consecutiveFailures);
                }
                consecutiveFailures = 0;
                cleanUpIfDue();
                // once a second at most: counting after every wake-up cost a query per write (docs/benchmarks.md)
                if (System.nanoTime() - lastCount > 1_000_000_000L) {
                    backlog.set(countBacklog());
                    lastCount = System.nanoTime();
                }
                pause(config.relay().pollInterval());
            } catch (Exception e) {
                consecutiveFailures++;
                closeProducer();
                if (consecutiveFailures == 1) {
                    LOG.warnf("outbox relay cannot publish, will keep trying: %s", e.getMessage());
                } else {
                    LOG.debugf("outbox relay still cannot publish (try %d): %s", consecutiveFailures, e.getMessage());
                }
                long backoffMs = Math.min(config.relay().maxBackoff().toMillis(),
                        100L << Math.min(consecutiveFailures, 10));
                pause(Duration.ofMillis(backoffMs));
            }
        }
    }

    /** Publishes up to one batch in one transaction; returns how many rows were published. */
    private int relayBatch() throws Exception {
        BatchResult result = QuarkusTransaction.requiringNew().timeout(60).call(this::publishBatchInTransaction);
        if (result.error() != null) {
            throw result.error();
        }
        return result.published();
    }

    private BatchResult publishBatchInTransaction() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(hashtext('skillpath.outbox.relay'))");
                 ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return new BatchResult(0, null); // another replica is publishing
                }
            }
            List<Long> seqs = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            Exception error = null;
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setInt(1, config.relay().batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    KafkaProducer<String, byte[]> p = producer();
                    while (rs.next()) {
                        byte[] envelope = rs.getString("envelope").getBytes(StandardCharsets.UTF_8);
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString("topic"),
                                rs.getString("event_key"), envelope);
                        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                        TraceContext.headers(CloudEventCodec.parse(envelope).traceparent())
                                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                        try {
                            sends.add(p.send(record));
                            seqs.add(rs.getLong("seq"));
                            types.add(rs.getString("event_type"));
                        } catch (RuntimeException e) {
                            // no metadata from the broker in time: keep this row and the rest for the next try
                            error = e;
                            break;
                        }
                    }
                }
            }
            if (seqs.isEmpty()) {
                return new BatchResult(0, error);
            }
            List<Long> done = new ArrayList<>();
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get(30, TimeUnit.SECONDS);
                    done.add(seqs.get(i));
                    // by type: attempts graded, lessons completed, masteries changed, ... as business figures
                    registry.counter("skillpath.events.published", "type", types.get(i)).increment();
                } catch (Exception e) {
                    error = error == null ? e : error;
                }
            }
            mark(c, done, seqs, error);
            if (error != null) {
                failures.increment(Math.max(1, seqs.size() - done.size()));
            }
            return new BatchResult(done.size(), error);
        }
    }

    private void mark(Connection c, List<Long> done, List<Long> all, Exception error) throws SQLException {
        if (!done.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update outbox set published_at = now(), attempts = attempts + 1 where seq = any(?)")) {
                Array ids = c.createArrayOf("bigint", done.toArray());
                ps.setArray(1, ids);
                ps.executeUpdate();
            }
        }
        if (error != null) {
            Set<Long> failed = new HashSet<>(all);
            done.forEach(failed::remove);
            try (PreparedStatement ps = c.prepareStatement(
                    "update outbox set attempts = attempts + 1, last_error = ? where seq = any(?)")) {
                ps.setString(1, String.valueOf(error.getMessage()));
                ps.setArray(2, c.createArrayOf("bigint", failed.toArray()));
                ps.executeUpdate();
            }
        }
    }

    private long countBacklog() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox where published_at is null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return backlog.get();
        }
    }

    private void cleanUpIfDue() throws SQLException {
        if (Duration.between(lastCleanup, Instant.now()).toMinutes() < 10) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "delete from outbox where published_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, config.relay().retention().toSeconds());
            ps.executeUpdate();
        }
        lastCleanup = Instant.now();
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

    private record BatchResult(int published, Exception error) {
    }
}
