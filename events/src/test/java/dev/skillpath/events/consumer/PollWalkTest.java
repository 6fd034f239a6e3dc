package dev.skillpath.events.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The walk over one poll's records: what is applied, what is committed (once), where the consumer seeks back. */
class PollWalkTest {

    static final TopicPartition P0 = new TopicPartition("skillpath.progress", 0);
    static final TopicPartition P1 = new TopicPartition("skillpath.progress", 1);
    static final TopicPartition P2 = new TopicPartition("skillpath.progress", 2);

    /** Records the consumer calls the walk makes. */
    static final class FakeOffsets implements PollWalk.Offsets {
        final List<Map<TopicPartition, Long>> commits = new ArrayList<>();
        final Map<TopicPartition, Long> seeks = new LinkedHashMap<>();

        @Override
        public void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            Map<TopicPartition, Long> c = new LinkedHashMap<>();
            offsets.forEach((p, o) -> c.put(p, o.offset()));
            commits.add(c);
        }

        @Override
        public void seek(TopicPartition partition, long offset) {
            seeks.put(partition, offset);
        }
    }

    /** A poll: partition → its records' offsets, in that order. */
    static Map<TopicPartition, List<ConsumerRecord<String, String>>> poll(Object... partitionsAndOffsets) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> poll = new LinkedHashMap<>();
        for (int i = 0; i < partitionsAndOffsets.length; i += 2) {
            TopicPartition p = (TopicPartition) partitionsAndOffsets[i];
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            for (long offset : (long[]) partitionsAndOffsets[i + 1]) {
                records.add(new ConsumerRecord<>(p.topic(), p.partition(), offset, "key", p.partition() + "@" + offset));
            }
            poll.put(p, records);
        }
        return poll;
    }

    /** Applies every record except those named, which must be retried later; remembers what it applied. */
    static final class Applier implements Function<ConsumerRecord<String, String>, PollWalk.Outcome> {
        final Set<String> retry;
        final List<String> applied = new ArrayList<>();

        Applier(String... retry) {
            this.retry = Set.of(retry);
        }

        @Override
        public PollWalk.Outcome apply(ConsumerRecord<String, String> r) {
            if (retry.contains(r.value())) {
                return PollWalk.Outcome.RETRY_LATER;
            }
            applied.add(r.value());
            return PollWalk.Outcome.DONE;
        }
    }

    @Test
    void aWholePollIsAppliedInOrderAndCommittedOnceForAllPartitions() {
        FakeOffsets offsets = new FakeOffsets();
        Applier applier = new Applier();

        boolean complete = PollWalk.walk(poll(P0, new long[] {10, 11, 12}, P1, new long[] {5}, P2, new long[] {7, 8}),
                applier, () -> true, offsets);

        assertTrue(complete);
        assertEquals(List.of("0@10", "0@11", "0@12", "1@5", "2@7", "2@8"), applier.applied);
        assertEquals(List.of(Map.of(P0, 13L, P1, 6L, P2, 9L)), offsets.commits, "one commit, past each partition's last record");
        assertEquals(Map.of(), offsets.seeks);
    }

    /**
     * The bug this replaced: the consumer stopped at the record to retry and sought back only on its partition, so
     * the partitions of the same poll it had not reached yet were skipped (their position had already moved on), and
     * the next commit on them moved past records never applied.
     */
    @Test
    void aRecordToRetryRewindsItsPartitionAndEveryPartitionNotReachedYet() {
        FakeOffsets offsets = new FakeOffsets();
        Applier applier = new Applier("0@11");

        boolean complete = PollWalk.walk(poll(P0, new long[] {10, 11, 12}, P1, new long[] {5, 6}, P2, new long[] {7}),
                applier, () -> true, offsets);

        assertFalse(complete);
        assertEquals(List.of("0@10"), applier.applied, "nothing after the record to retry is applied");
        assertEquals(List.of(Map.of(P0, 11L)), offsets.commits, "only what was applied is committed");
        assertEquals(Map.of(P0, 11L, P1, 5L, P2, 7L), offsets.seeks, "every unapplied record is read again");
    }

    @Test
    void aRetryInALaterPartitionKeepsTheEarlierPartitionsCommitted() {
        FakeOffsets offsets = new FakeOffsets();
        Applier applier = new Applier("1@5");

        boolean complete = PollWalk.walk(poll(P0, new long[] {10, 11}, P1, new long[] {5, 6}, P2, new long[] {7}),
                applier, () -> true, offsets);

        assertFalse(complete);
        assertEquals(List.of("0@10", "0@11"), applier.applied);
        assertEquals(List.of(Map.of(P0, 12L)), offsets.commits);
        assertEquals(Map.of(P1, 5L, P2, 7L), offsets.seeks);
    }

    @Test
    void aRetryOnTheFirstRecordCommitsNothing() {
        FakeOffsets offsets = new FakeOffsets();

        boolean complete = PollWalk.walk(poll(P0, new long[] {3, 4}), new Applier("0@3"), () -> true, offsets);

        assertFalse(complete);
        assertEquals(List.of(), offsets.commits, "no empty commit request");
        assertEquals(Map.of(P0, 3L), offsets.seeks);
    }

    @Test
    void stoppingMidwayCommitsWhatWasAppliedAndNothingMore() {
        FakeOffsets offsets = new FakeOffsets();
        Applier applier = new Applier();
        int[] calls = new int[1];

        // running for the first two records only
        boolean complete = PollWalk.walk(poll(P0, new long[] {1, 2, 3}, P1, new long[] {9}), applier,
                () -> calls[0]++ < 2, offsets);

        assertFalse(complete);
        assertEquals(List.of("0@1", "0@2"), applier.applied);
        assertEquals(List.of(Map.of(P0, 3L)), offsets.commits);
    }

    @Test
    void anEmptyPollDoesNothing() {
        FakeOffsets offsets = new FakeOffsets();

        assertTrue(PollWalk.walk(poll(), new Applier(), () -> true, offsets));
        assertEquals(List.of(), offsets.commits);
        assertEquals(Map.of(), offsets.seeks);
    }
}
