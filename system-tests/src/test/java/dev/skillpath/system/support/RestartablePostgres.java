package dev.skillpath.system.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import dev.skillpath.devinfra.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One service's own PostgreSQL (zonky's embedded binaries) on a fixed port with its data kept in a folder, so it
 * can be stopped and started again as the same server: what the database-outage test needs and dev-infra's
 * {@code PostgresServer.forTests()} (random port, throw-away data) cannot do.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final String database;
    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres server;

    public RestartablePostgres(String database, Path dataDir) {
        this.database = database;
        this.dataDir = dataDir;
        this.port = KafkaBroker.freePort();
    }

    public synchronized RestartablePostgres start() {
        if (server != null) {
            return this;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(90))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL for " + database + " did not start on port " + port + ": "
                    + e.getMessage(), e);
        }
        ensureDatabase();
        return this;
    }

    /** Stops the server (fast shutdown: open connections are cut); its data stays for {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL for " + database + " did not stop: " + e.getMessage(), e);
        } finally {
            server = null;
        }
    }

    /**
     * Freezes the server: {@code SIGSTOP} to the postmaster and every backend. Connections stay open and new ones
     * are accepted by the kernel, but nothing answers until {@link #thaw()}. Returns the frozen processes.
     */
    public synchronized List<Long> freeze() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL for " + database + " is not running");
        }
        List<Long> pids = Signals.withDescendants(postmasterPid());
        Signals.stop(pids);
        return pids;
    }

    /** Lets a frozen server run again: {@code SIGCONT} to the processes {@link #freeze()} stopped. */
    public synchronized void thaw(List<Long> frozen) {
        Signals.resume(frozen);
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the postmaster's pid in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String database() {
        return database;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    private void ensureDatabase() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", ""); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
