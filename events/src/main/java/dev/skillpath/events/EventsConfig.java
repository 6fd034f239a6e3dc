package dev.skillpath.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay and the consumers; every service gets the same defaults. */
@ConfigMapping(prefix = "skillpath.events")
public interface EventsConfig {

    /** The CloudEvents {@code source} of this service's events; defaults to "/" + the application name. */
    @WithDefault("/${quarkus.application.name}")
    String source();

    /** Partitions of each topic when the service creates it (replicas of a consumer beyond this stay idle). */
    @WithDefault("3")
    int partitions();

    /** Replication factor of topics the service creates (1 for the single local broker). */
    @WithDefault("1")
    short replicationFactor();

    Relay relay();

    Consumer consumer();

    interface Relay {
        /** Whether this service runs the relay (it does whenever it writes to the outbox). */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for unpublished rows when nothing woke it. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Longest pause between tries while the broker is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Rows published per transaction. */
        @WithDefault("200")
        int batchSize();

        /** How long published rows are kept for inspection before they are deleted. */
        @WithDefault("P7D")
        Duration retention();

        /** Published rows deleted per cleanup pass at most (a pass that deletes this many is followed by another). */
        @WithDefault("10000")
        int cleanupBatchSize();

        /**
         * Tries of a row the broker or the relay refuses (too large, an unknown or invalid topic, an envelope that
         * does not parse) before it is parked: kept, never sent, out of its key's way (docs/events.md).
         */
        @WithDefault("5")
        int maxRejections();

        /** Wait before a refused row is tried again (its key waits with it); doubled for each further try. */
        @WithDefault("1s")
        Duration rejectionBackoff();

        /**
         * How long a relay may sit in its batch's transaction without a word to the database (a frozen process, a
         * host that hangs) before PostgreSQL ends its session, releasing the relay's lock to another replica. Above
         * a batch's longest wait for the broker (the producer's 15 s delivery timeout): at least 20 s.
         */
        @WithDefault("60s")
        Duration hungTimeout();
    }

    interface Consumer {
        /** Tries of a handler on one event before it goes to the dead-letter topic. */
        @WithDefault("3")
        int maxAttempts();

        /** Pause before the first retry; doubled for each further one. */
        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * How long the id of an applied event is kept in {@code processed_event} to recognise a redelivery. Keep it
         * well above the retention of the topics a service reads ({@code skillpath.progress}: 7 days) plus the
         * longest lag you expect; records of a compacted topic ({@code skillpath.catalog}) live on, so its handlers
         * are upserts that a late redelivery cannot harm.
         */
        @WithDefault("P30D")
        Duration dedupRetention();

        /** How often each consumer deletes its group's ids older than {@link #dedupRetention()}. */
        @WithDefault("10m")
        Duration cleanupInterval();

        /** Pause before a consumer loop that died is started again; doubled for each further death, up to a minute. */
        @WithDefault("1s")
        Duration restartBackoff();

        /**
         * A consumer loop that shows no progress (no poll, no record, no wait on purpose) for this long is stalled:
         * readiness goes DOWN until it moves again. Well above the longest a record may take (the statement
         * timeout) times the attempts.
         */
        @WithDefault("2m")
        Duration stallTimeout();
    }
}
