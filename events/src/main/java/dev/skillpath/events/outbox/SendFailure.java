package dev.skillpath.events.outbox;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import dev.skillpath.events.MalformedEventException;

/**
 * Why one outbox row could not be sent, in the two classes the relay treats differently.
 * <ul>
 * <li>{@link Kind#REJECTED}: the row itself is the trouble, and sending it again will fail the same way (too large,
 * an invalid or unknown topic, an envelope that does not parse). It is retried a bounded number of times, then
 * parked, and it never holds up the rows of other keys.</li>
 * <li>{@link Kind#UNAVAILABLE}: the broker is away, slow or not accepting writes (timeouts, lost connections,
 * too few in-sync replicas, anything not known to be the row's fault). Retried for as long as it takes, in
 * order: nothing acknowledged is dropped because a broker was down.</li>
 * </ul>
 */
record SendFailure(Kind kind, String reason) {

    enum Kind {
        REJECTED, UNAVAILABLE
    }

    /** The class of a failed send (the exception of the send or of its future, wrapped or not). */
    static SendFailure of(Throwable failure) {
        Throwable e = unwrap(failure);
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException) {
            return new SendFailure(Kind.REJECTED, "too large: " + message);
        }
        if (e instanceof InvalidTopicException || e instanceof UnknownTopicOrPartitionException) {
            return new SendFailure(Kind.REJECTED, "invalid or unknown topic: " + message);
        }
        if (e instanceof SerializationException || e instanceof InvalidRecordException
                || e instanceof MalformedEventException) {
            return new SendFailure(Kind.REJECTED, "cannot be serialised: " + message);
        }
        return new SendFailure(Kind.UNAVAILABLE, message);
    }

    /**
     * Whether the failure is the producer giving up on a topic's metadata: the broker may be away, or the topic may
     * not exist where topics are not created on first use (the relay then asks the broker which).
     */
    static boolean isMissingMetadata(Throwable failure) {
        Throwable e = unwrap(failure);
        return e instanceof TimeoutException && e.getMessage() != null && e.getMessage().contains("not present in metadata");
    }

    /** The failure itself, not the future's wrapper around it. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    boolean rejected() {
        return kind == Kind.REJECTED;
    }
}
