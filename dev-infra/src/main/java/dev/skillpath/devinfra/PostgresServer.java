package dev.skillpath.devinfra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: either embedded binaries started by this JVM (zonky, PostgreSQL 15), or, with
 * {@code TEST_PG_MODE=system}, a server that is already running (host, port, user and password from the
 * environment).
 */
public final class PostgresServer implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** For tests: an embedded server on a random port with throw-away data, or the system server if asked. */
    public static PostgresServer forTests() {
        Map<String, String> env = System.getenv();
        if ("system".equalsIgnoreCase(env.getOrDefault("TEST_PG_MODE", "embedded"))) {
            return new PostgresServer(null, env.getOrDefault("TEST_PG_HOST", "127.0.0.1"),
                    Integer.parseInt(env.getOrDefault("TEST_PG_PORT", "5432")),
                    env.getOrDefault("TEST_PG_USER", "postgres"), env.getOrDefault("TEST_PG_PASSWORD", ""));
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .start();
            return new PostgresServer(pg, "127.0.0.1", pg.getPort(), "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** For the local launcher: an embedded server on a fixed port whose data stays in {@code dataDir}. */
    public static PostgresServer persistent(int port, Path dataDir) {
        return persistent(port, dataDir, true);
    }

    /**
     * Like {@link #persistent(int, Path)}; with {@code stopOnJvmExit} false no JVM shutdown hook of its own stops
     * the server, so the caller decides the order (the local launcher stops Kafka first, then PostgreSQL) and
     * must call {@link #close()} itself.
     */
    public static PostgresServer persistent(int port, Path dataDir, boolean stopOnJvmExit) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(stopOnJvmExit)
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            return new PostgresServer(pg, "127.0.0.1", port, "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The postmaster's process id, for the launcher's bookkeeping; -1 for a server this JVM did not start. */
    public long pid() {
        return embedded == null ? -1 : embedded.getProcess().pid();
    }

    /** Creates {@code name} unless it exists. Names are the project's own, never user input. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops {@code name} if it exists, closing its connections first. */
    public void dropDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
            }
        }
    }
}
