package dev.skillpath.events.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void racesAndCutShortWaitsAreTransientWhereverTheyAreInTheCauseChain() {
        for (String state : new String[] {"40001", "40P01", "55P03", "57014", "53300", "57P01", "57P03", "08006"}) {
            SQLException sql = new SQLException("failed", state);
            assertEquals(state, DatabaseFailures.transientState(sql));
            assertEquals(state, DatabaseFailures.transientState(
                    new IllegalStateException("wrapped", new RuntimeException("twice", sql))), "wrapped: " + state);
        }
        SQLException batch = new SQLException("batch failed", "22000");
        batch.setNextException(new SQLException("the real one", "40P01"));
        assertEquals("40P01", DatabaseFailures.transientState(batch), "a batch's next exception counts");
    }

    @Test
    void aFailedCommitHidesTheDriversErrorAmongTheSuppressed() {
        // as Narayana reports a commit whose connection was reset: RollbackException, no cause, the XAException
        // suppressed, the driver's I/O error (08006) its cause; all wrapped once more by the CDI proxy
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertEquals("08006", DatabaseFailures.transientState(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void aCycleOfCausesEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.addSuppressed(b);
        assertEquals(2, DatabaseFailures.causes(a).size());
        assertNull(DatabaseFailures.transientState(a));
    }

    @Test
    void errorsThatAreTheEventsFaultAreNot() {
        assertNull(DatabaseFailures.transientState(new SQLException("duplicate key", "23505")));
        assertNull(DatabaseFailures.transientState(new SQLException("not null", "23502")));
        assertNull(DatabaseFailures.transientState(new SQLException("no state")));
        assertNull(DatabaseFailures.transientState(new IllegalArgumentException("a handler bug")));
        assertNull(DatabaseFailures.transientState(null));
    }
}
