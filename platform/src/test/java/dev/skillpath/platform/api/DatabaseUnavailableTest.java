package dev.skillpath.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aDatabaseThatIsAwayOrShuttingDownIsUnavailableNotAnError() {
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLTransientConnectionException("pool exhausted")));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("x",
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLException("the database system is starting up", "57P03")));
        // Agroal's acquisition timeout, as Hibernate wraps it: the pool's connections are all held by a frozen server
        assertTrue(ProblemMappers.isDatabaseUnavailable(new RuntimeException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection",
                        new java.util.concurrent.TimeoutException()))));
        // a commit whose connection was cut: the driver's error is suppressed by Narayana's RollbackException
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new Exception("Error trying to transactionCommit local transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(ProblemMappers.isDatabaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("no database here")));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new SQLException("no state, no timeout")));
    }

    @Test
    void aRaceOrABoundedWaitThatRanOutIsA503ToRetryNotAnInternalError() {
        ProblemMappers mappers = new ProblemMappers();
        for (String state : new String[] {"40001", "40P01", "55P03", "57014"}) {
            jakarta.ws.rs.core.Response r = mappers.unexpected(
                    new RuntimeException("wrapped", new SQLException("canceling statement", state)), null);
            assertEquals(503, r.getStatus(), state);
            assertEquals("1", r.getHeaderString("Retry-After"));
            Problem p = (Problem) r.getEntity();
            assertTrue(p.type().toString().endsWith("busy"), p.type().toString());
            assertTrue(p.detail().contains(state), p.detail());
        }
        assertEquals(500, mappers.unexpected(new SQLException("duplicate key", "23505"), null).getStatus(),
                "a constraint violation that reaches here is a bug, not a race");
    }
}
