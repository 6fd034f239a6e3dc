package dev.skillpath.events.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import dev.skillpath.events.MalformedEventException;

class SendFailureTest {

    @Test
    void whatIsTheRowsOwnFaultIsRejectedWithItsReason() {
        assertRejected(new RecordTooLargeException("1100213 bytes"), "too large: RecordTooLargeException: 1100213 bytes");
        assertRejected(new RecordBatchTooLargeException("batch"), "too large: ");
        assertRejected(new InvalidTopicException("bad name"), "invalid or unknown topic: ");
        assertRejected(new UnknownTopicOrPartitionException("no such topic"), "invalid or unknown topic: ");
        assertRejected(new SerializationException("cannot"), "cannot be serialised: ");
        assertRejected(new InvalidRecordException("corrupt"), "cannot be serialised: ");
        assertRejected(new MalformedEventException("not json"), "cannot be serialised: MalformedEventException");
    }

    @Test
    void theFutureOfASendWrapsTheFailureAndItIsClassifiedTheSame() {
        SendFailure f = SendFailure.of(new ExecutionException(new RecordTooLargeException("big")));
        assertTrue(f.rejected());
        assertTrue(f.reason().startsWith("too large: RecordTooLargeException"), f.reason());
        assertFalse(SendFailure.of(new ExecutionException(new TimeoutException("expired"))).rejected());
    }

    @Test
    void aBrokerThatIsAwaySlowOrShortOfReplicasIsNotTheRowsFaultAndIsRetriedForEver() {
        for (Exception e : new Exception[] {new TimeoutException("Expiring 3 record(s)"), new NetworkException("gone"),
                new NotEnoughReplicasException("1 of 3"), new KafkaException("producer closed"),
                new IllegalStateException("anything else")}) {
            SendFailure f = SendFailure.of(e);
            assertEquals(SendFailure.Kind.UNAVAILABLE, f.kind(), e.toString());
            assertTrue(f.reason().startsWith(e.getClass().getSimpleName()), f.reason());
        }
    }

    @Test
    void aMissingTopicMetadataTimeoutIsRecognisedAndNoOtherTimeout() {
        assertTrue(SendFailure.isMissingMetadata(new TimeoutException("Topic skillpath.x not present in metadata after 5000 ms.")));
        assertTrue(SendFailure.isMissingMetadata(
                new ExecutionException(new TimeoutException("Topic t not present in metadata after 5000 ms."))));
        assertFalse(SendFailure.isMissingMetadata(new TimeoutException("Expiring 1 record(s) for t-0: 15000 ms")));
        assertFalse(SendFailure.isMissingMetadata(new TimeoutException((String) null)));
        assertFalse(SendFailure.isMissingMetadata(new NetworkException("not present in metadata")));
    }

    private static void assertRejected(Exception e, String reasonStart) {
        SendFailure f = SendFailure.of(e);
        assertEquals(SendFailure.Kind.REJECTED, f.kind(), e.toString());
        assertTrue(f.reason().startsWith(reasonStart), f.reason());
    }
}
