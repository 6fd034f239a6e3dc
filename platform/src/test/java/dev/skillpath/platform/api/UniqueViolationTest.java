package dev.skillpath.platform.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class UniqueViolationTest {

    /** The error as the server sends it: fields of one letter each, NUL-terminated (C: SQLSTATE, n: constraint). */
    private static PSQLException server(String state, String constraint) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0Mduplicate key value violates unique"
                + " constraint \"" + constraint + "\"\0n" + constraint + "\0"));
    }

    @Test
    void theNamedConstraintIsFoundBehindWhatHibernateAndTheTransactionWrapAroundIt() {
        assertTrue(UniqueViolation.of(server("23505", "lesson_slug_key"), "lesson_slug_key"));
        assertTrue(UniqueViolation.of(new RuntimeException("could not execute statement",
                new IllegalStateException(server("23505", "lesson_slug_key"))), "lesson_slug_key"));
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new RuntimeException(server("23505", "skill_slug_key")));
        assertTrue(UniqueViolation.of(rollback, "skill_slug_key"));
        BatchUpdateException batch = new BatchUpdateException("batch failed", "23505", new int[0]);
        batch.setNextException(server("23505", "skill_slug_key"));
        assertTrue(UniqueViolation.of(batch, "skill_slug_key"), "a batch's next exception counts");
    }

    @Test
    void anotherConstraintOrAnotherErrorIsNot() {
        assertFalse(UniqueViolation.of(server("23505", "lesson_pkey"), "lesson_slug_key"), "another constraint");
        assertFalse(UniqueViolation.of(server("23503", "lesson_slug_key"), "lesson_slug_key"), "a foreign key");
        assertFalse(UniqueViolation.of(new SQLException("duplicate key", "23505"), "lesson_slug_key"),
                "no constraint named");
        assertFalse(UniqueViolation.of(new IllegalStateException("a bug"), "lesson_slug_key"));
        assertFalse(UniqueViolation.of(null, "lesson_slug_key"));
    }
}
