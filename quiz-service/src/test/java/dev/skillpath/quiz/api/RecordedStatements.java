package dev.skillpath.quiz.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * The SQL Hibernate prepares, with the thread that prepared it, while a test records (off otherwise: it passes every
 * statement through untouched). One HTTP request runs on one worker thread, so a request's statements are those of
 * the thread that prepared the statement it is known by; the outbox relay, the consumers and the sweep run on
 * threads of their own.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class RecordedStatements implements StatementInspector {

    record Statement(String thread, String sql) {
    }

    private static volatile List<Statement> recording;

    static synchronized void start() {
        recording = new ArrayList<>();
    }

    /** Stops recording; returns the statements of the thread that prepared one {@code marker} matches, in order. */
    static synchronized List<String> stop(Predicate<String> marker) {
        List<Statement> recorded = recording;
        recording = null;
        Map<String, List<String>> byThread = recorded.stream().collect(
                Collectors.groupingBy(Statement::thread, Collectors.mapping(Statement::sql, Collectors.toList())));
        List<List<String>> marked = byThread.values().stream().filter(sqls -> sqls.stream().anyMatch(marker)).toList();
        if (marked.size() != 1) {
            throw new AssertionError("expected one thread with a statement the marker matches, got " + marked.size()
                    + ": " + byThread);
        }
        return marked.get(0);
    }

    @Override
    public String inspect(String sql) {
        if (recording != null) {
            synchronized (RecordedStatements.class) {
                if (recording != null) {
                    recording.add(new Statement(Thread.currentThread().getName(), sql));
                }
            }
        }
        return sql;
    }
}
