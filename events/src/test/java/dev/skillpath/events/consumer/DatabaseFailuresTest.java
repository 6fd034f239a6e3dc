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
    void errorsThatAreTheEventsFaultAreNot() {
        assertNull(DatabaseFailures.transientState(new SQLException("duplicate key", "23505")));
        assertNull(DatabaseFailures.transientState(new SQLException("not null", "23502")));
        assertNull(DatabaseFailures.transientState(new SQLException("no state")));
        assertNull(DatabaseFailures.transientState(new IllegalArgumentException("a handler bug")));
        assertNull(DatabaseFailures.transientState(null));
    }
}
