package dev.skillpath.events.consumer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How the records of one poll are applied and acknowledged: partition by partition, in offset order; the offsets of
 * everything applied are committed in one request at the end of the walk (not one round trip per record: a redelivered
 * record is a no-op thanks to {@code processed_event}, so a crash between two commits costs only some skipped
 * duplicates). When a record must be retried later (the database is away), the walk stops there, commits what was
 * applied before it, and moves the consumer's position back to that record <em>and</em> to the first record of every
 * partition of the poll it had not reached yet, so none of them is skipped.
 */
final class PollWalk {

    enum Outcome {
        /** Applied, skipped as a duplicate or ignored, or dead-lettered: the offset may move past it. */
        DONE,
        /** Not applied and not dead-lettered: read it again later. */
        RETRY_LATER
    }

    /** The consumer's offsets, as the walk needs them. */
    interface Offsets {
        void commit(Map<TopicPartition, OffsetAndMetadata> offsets);

        void seek(TopicPartition partition, long offset);
    }

    private PollWalk() {
    }

    /**
     * Applies {@code poll} (its partitions in the given order) while {@code running}. Returns true when every record
     * was done, false when it stopped early (a record to retry, or no longer running).
     */
    static <V> boolean walk(Map<TopicPartition, List<ConsumerRecord<String, V>>> poll,
            Function<ConsumerRecord<String, V>, Outcome> apply, BooleanSupplier running, Offsets offsets) {
        Map<TopicPartition, OffsetAndMetadata> applied = new LinkedHashMap<>();
        Map<TopicPartition, Long> readAgainFrom = new LinkedHashMap<>();
        boolean complete = true;
        for (Map.Entry<TopicPartition, List<ConsumerRecord<String, V>>> entry : poll.entrySet()) {
            TopicPartition partition = entry.getKey();
            List<ConsumerRecord<String, V>> records = entry.getValue();
            if (records.isEmpty()) {
                continue;
            }
            if (!complete) {
                readAgainFrom.put(partition, records.get(0).offset()); // not reached: fetched again after the seek
                continue;
            }
            for (ConsumerRecord<String, V> record : records) {
                if (!running.getAsBoolean()) {
                    complete = false; // closing: the committed offsets are where the next owner starts
                    break;
                }
                if (apply.apply(record) == Outcome.RETRY_LATER) {
                    readAgainFrom.put(partition, record.offset());
                    complete = false;
                    break;
                }
                applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!applied.isEmpty()) {
            offsets.commit(applied);
        }
        readAgainFrom.forEach(offsets::seek);
        return complete;
    }
}
