package dev.skillpath.events.consumer;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
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
    private static final int MAX_FAILURES = 64;

    private DatabaseFailures() {
    }

    /** The SQLSTATE of the first transient database error among the failure's causes, or null if there is none. */
    public static String transientState(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (TRANSIENT.contains(state) || state.startsWith("08"))) {
                    return state;
                }
            }
        }
        return null;
    }

    /**
     * A failure and everything behind it, nearest first: its cause chain, the exceptions suppressed along the way (a
     * failed commit hides the driver's error there: Narayana's RollbackException carries the XAException, whose cause
     * is the I/O error) and an SQLException's next exceptions. Each once, at most 64.
     */
    public static List<Throwable> causes(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> queue = new ArrayDeque<>();
        if (failure != null) {
            queue.add(failure);
        }
        while (!queue.isEmpty() && all.size() < MAX_FAILURES) {
            Throwable t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
            Collections.addAll(queue, t.getSuppressed());
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                queue.add(sql.getNextException());
            }
        }
        return all;
    }
}
