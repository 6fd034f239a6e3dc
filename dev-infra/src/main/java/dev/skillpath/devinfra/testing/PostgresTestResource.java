package dev.skillpath.devinfra.testing;

import java.util.Map;
import java.util.UUID;

import dev.skillpath.devinfra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL for a test run and hands the application a fresh database of its own
 * ({@code test_<random>}), so runs never see each other's rows.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer server;
    private String database;

    @Override
    public Map<String, String> start() {
        QuietLogs.apply();
        server = PostgresServer.forTests();
        database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.ensureDatabase(database);
        Thread hook = new Thread(this::stop, "stop-test-postgres");
        Runtime.getRuntime().addShutdownHook(hook);
        return QuietLogs.config(Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password()));
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.dropDatabase(database);
            } catch (RuntimeException e) {
                // an embedded server is about to go away with its data; a system one keeps a stray test database
            }
            server.close();
            server = null;
        }
    }
}
