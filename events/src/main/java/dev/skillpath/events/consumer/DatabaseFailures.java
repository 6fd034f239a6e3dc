package dev.skillpath.events.consumer;

import java.sql.SQLException;
import java.util.Set;

/**
 * PostgreSQL errors that say nothing about the work being done: another transaction got in the way, or a
 * bounded wait ran out. An event that fails with one of them is read again later, never dead-lettered; a request,
 * a 503 problem to retry (platform's ProblemMappers).
 */
public final class DatabaseFailures {

    /**
     * serialization_failure, deadlock_detected, lock_not_available (lock_timeout), query_canceled
     * (statement_timeout), too_many_connections, admin_shutdown, cannot_connect_now (PostgreSQL appendix A).
     */
    static final Set<String> TRANSIENT = Set.of("40001", "40P01", "55P03", "57014", "53300", "57P01", "57P03");

    private DatabaseFailures() {
    }

    /** The SQLSTATE of the first transient database error in the cause chain, or null if there is none. */
    public static String transientState(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (TRANSIENT.contains(state) || state.startsWith("08"))) {
                        return state;
                    }
                }
            }
        }
        return null;
    }
}
