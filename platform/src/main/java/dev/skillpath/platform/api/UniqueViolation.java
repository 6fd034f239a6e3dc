package dev.skillpath.platform.api;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import dev.skillpath.events.consumer.DatabaseFailures;

/**
 * PostgreSQL's unique_violation (SQLSTATE 23505) of one named constraint: how a write that checked first (the
 * slug is free) learns that another request got there between its check and its insert. The write that can lose
 * such a race asks for its own constraint and answers as the race deserves (a 409, or the winner's result); a
 * violation of any other constraint does not match and stays the bug it is, a 500 from {@link ProblemMappers}.
 */
public final class UniqueViolation {

    public static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    /** Whether the failure, or anything behind it, is a unique violation of {@code constraint}. */
    public static boolean of(Throwable failure, String constraint) {
        for (Throwable t : DatabaseFailures.causes(failure)) {
            if (t instanceof PSQLException e && SQLSTATE.equals(e.getSQLState())) {
                ServerErrorMessage server = e.getServerErrorMessage();
                if (server != null && constraint.equals(server.getConstraint())) {
                    return true;
                }
            }
        }
        return false;
    }
}
