package dev.skillpath.platform.api;

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
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(ProblemMappers.isDatabaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("no database here")));
    }
}
