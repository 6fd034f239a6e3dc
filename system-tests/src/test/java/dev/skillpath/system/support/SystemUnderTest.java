package dev.skillpath.system.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.skillpath.devinfra.KafkaBroker;

/**
 * The whole system, started once for the module: a real Kafka broker in a process of its own, one PostgreSQL per service
 * (so one service's database can be stopped alone), the run's key pair, and the four packaged services as
 * separate processes on free ports. Stopped by {@link SystemSession} when the test run ends, and by a shutdown
 * hook if the JVM goes down another way, so no process is left behind.
 */
public final class SystemUnderTest {

    public static final String CONTENT = "content-service";
    public static final String SKILLS = "skills-service";
    public static final String QUIZ = "quiz-service";
    public static final String GATEWAY = "gateway";
    public static final List<String> SERVICES = List.of(CONTENT, SKILLS, QUIZ);

    /** The gateway's upstream timeout, set explicitly so that the tests know it. */
    public static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    /** {@code skillpath.events.relay.hung-timeout} of the services, set explicitly so that the tests know it. */
    public static final Duration HUNG_RELAY_TIMEOUT = Duration.ofSeconds(20);

    private static SystemUnderTest instance;
    private static Throwable startFailure;

    private final Path root;
    private final Path target;
    private final Path runDir;
    private final Path logDir;
    private final BrokerProcess kafka;
    private final Map<String, RestartablePostgres> databases = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> replicas = new LinkedHashMap<>();
    private TcpProxy quizDatabaseLink;
    private final Tokens tokens;
    private final long startedAtNanos = System.nanoTime();
    private volatile boolean closed;
    private long startupSeconds;
    private final Leftovers leftovers;

    /** The running system; the first call starts it (and a failed start fails every later call at once). */
    public static synchronized SystemUnderTest get() {
        if (startFailure != null) {
            throw new IllegalStateException("the system under test failed to start: " + startFailure.getMessage(),
                    startFailure);
        }
        if (instance == null) {
            SystemUnderTest s = new SystemUnderTest();
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "system-under-test-stop"));
            try {
                s.start();
            } catch (RuntimeException | Error e) {
                startFailure = e;
                s.close();
                throw e;
            }
            instance = s;
        }
        return instance;
    }

    static synchronized void shutdownIfStarted() {
        if (instance != null) {
            instance.close();
        }
    }

    private SystemUnderTest() {
        root = Path.of(System.getProperty("skillpath.repo.root", "..")).toAbsolutePath().normalize();
        target = Path.of(System.getProperty("skillpath.system.target", "target")).toAbsolutePath().normalize();
        logDir = target.resolve("system-logs");
        leftovers = new Leftovers(target);
        try {
            Files.createDirectories(target);
            leftovers.clean(target);
            runDir = Files.createTempDirectory(target, "system-run-");
            Files.createDirectories(logDir);
            try (Stream<Path> old = Files.list(logDir)) { // each run starts its logs afresh; restarts append
                old.filter(f -> f.toString().endsWith(".log")).forEach(f -> f.toFile().delete());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + target, e);
        }
        tokens = Tokens.generate(runDir.resolve("keys"));
        kafka = new BrokerProcess(runDir.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort(),
                logDir.resolve("kafka.log"), pid -> leftovers.remember(pid, runDir.resolve("kafka").toString()));
        databases.put(CONTENT, new RestartablePostgres("content", runDir.resolve("pg-content")));
        databases.put(SKILLS, new RestartablePostgres("skills", runDir.resolve("pg-skills")));
        databases.put(QUIZ, new RestartablePostgres("quiz", runDir.resolve("pg-quiz")));
    }

    private void start() {
        long t0 = System.nanoTime();
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String name : List.of(CONTENT, SKILLS, QUIZ, GATEWAY)) {
            Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the packaged " + name + " is missing: " + jar + ". Build it first: "
                        + "./mvnw -B verify -pl system-tests -am (the reactor packages every service before this module)");
            }
            jars.put(name, jar);
        }
        // infrastructure side by side: each piece waits on its own process
        List<CompletableFuture<?>> infra = new ArrayList<>();
        infra.add(CompletableFuture.runAsync(kafka::start));
        databases.values().forEach(db -> infra.add(CompletableFuture.runAsync(db::start)));
        join(infra);
        log("infrastructure up in %d s: kafka %s, postgres %s", secondsSince(t0), kafka.bootstrapServers(),
                databases.values().stream().map(d -> d.database() + "@" + d.port()).toList());

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : jars.keySet()) {
            ports.put(name, KafkaBroker.freePort());
        }
        for (String name : SERVICES) {
            RestartablePostgres db = databases.get(name);
            Map<String, String> env = commonEnv(ports.get(name));
            if (name.equals(QUIZ)) {
                // quiz-service reaches its database through a proxy, so that a test can make the network slow, cut
                // its connections or swallow its traffic; transparent otherwise
                quizDatabaseLink = new TcpProxy("quiz-db", "127.0.0.1", db.port());
                env.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + quizDatabaseLink.port() + "/" + db.database()
                        + "?ApplicationName=" + name);
            } else {
                env.put("DB_URL", db.jdbcUrl());
            }
            env.put("DB_USER", "postgres");
            env.put("DB_PASSWORD", "");
            // the shortest allowed: a frozen relay hands over within the relay takeover test's patience
            env.put("SKILLPATH_EVENTS_RELAY_HUNG_TIMEOUT", HUNG_RELAY_TIMEOUT.toSeconds() + "s");
            environments.put(name, env);
            processes.put(name, new ServiceProcess(name, ports.get(name), jars.get(name), env,
                    logDir.resolve(name + ".log"), target));
        }
        Map<String, String> gatewayEnv = commonEnv(ports.get(GATEWAY));
        gatewayEnv.put("CONTENT_SERVICE_URL", "http://127.0.0.1:" + ports.get(CONTENT));
        gatewayEnv.put("SKILLS_SERVICE_URL", "http://127.0.0.1:" + ports.get(SKILLS));
        gatewayEnv.put("QUIZ_SERVICE_URL", "http://127.0.0.1:" + ports.get(QUIZ));
        gatewayEnv.put("JWT_PRIVATE_KEY_LOCATION", tokens.privateKeyFile().toString());
        gatewayEnv.put("SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED", "true");
        // a local run, as under ./skillpath up: the enabled local issuer refuses the prod profile
        gatewayEnv.put("QUARKUS_PROFILE", "local");
        gatewayEnv.put("SKILLPATH_GATEWAY_TIMEOUT", GATEWAY_TIMEOUT.toSeconds() + "s");
        // The tests send hundreds of requests per second as a handful of clients; the gateway's per-client rate
        // limits (when it has them) would turn most of them into 429s and test nothing else.
        for (String routeClass : List.of("READ", "WRITE", "AUTH")) {
            gatewayEnv.put("SKILLPATH_GATEWAY_RATE_LIMIT_" + routeClass + "_PER_SECOND", "5000");
            gatewayEnv.put("SKILLPATH_GATEWAY_RATE_LIMIT_" + routeClass + "_BURST", "10000");
        }
        environments.put(GATEWAY, gatewayEnv);
        processes.put(GATEWAY, new ServiceProcess(GATEWAY, ports.get(GATEWAY), jars.get(GATEWAY), gatewayEnv,
                logDir.resolve(GATEWAY + ".log"), target));

        // skills-service first: it seeds the catalogue that the others' projections learn from its events
        processes.values().forEach(p -> {
            p.start();
            leftovers.remember(p.pid(), p.jar().toString());
        });
        List<CompletableFuture<?>> ready = new ArrayList<>();
        processes.values().forEach(p -> ready.add(CompletableFuture.runAsync(() -> p.awaitReady(STARTUP_TIMEOUT))));
        join(ready);
        startupSeconds = secondsSince(t0);
        log("system up in %d s: gateway %s; %s", secondsSince(t0), gatewayUrl(),
                processes.values().stream().map(p -> p.name() + "@" + p.port() + " pid " + p.pid()).toList());
    }

    private Map<String, String> commonEnv(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("JWT_PUBLIC_KEY_LOCATION", "file:" + tokens.publicKeyFile());
        env.put("JWT_ISSUER", Tokens.ISSUER);
        return env;
    }

    public String gatewayUrl() {
        return processes.get(GATEWAY).url();
    }

    public ServiceProcess service(String name) {
        return processes.get(name);
    }

    public BrokerProcess kafka() {
        return kafka;
    }

    public RestartablePostgres database(String service) {
        return databases.get(service);
    }

    /** The network between quiz-service (its replica too) and its PostgreSQL. */
    public TcpProxy quizDatabaseLink() {
        return quizDatabaseLink;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Path target() {
        return target;
    }

    /**
     * A second instance of a service (started on first use and kept until the end of the run): another port, the
     * same database, broker and settings, as a second replica in a deployment. The gateway does not route to it.
     */
    public synchronized ServiceProcess replica(String name) {
        ServiceProcess replica = replicas.get(name);
        if (replica == null) {
            int port = KafkaBroker.freePort();
            Map<String, String> env = new LinkedHashMap<>(environments.get(name));
            env.put("PORT", Integer.toString(port));
            // its sessions are told apart from the first instance's in pg_stat_activity
            env.put("DB_URL", env.get("DB_URL").replaceFirst("\\?ApplicationName=.*$", "") + "?ApplicationName="
                    + name + "-replica");
            ServiceProcess primary = processes.get(name);
            replica = new ServiceProcess(name + "-replica", port, primary.jar(), env, logDir.resolve(name + "-replica.log"),
                    target);
            replicas.put(name, replica);
        }
        if (!replica.isAlive()) {
            replica.start();
            leftovers.remember(replica.pid(), replica.jar().toString());
            replica.awaitReady(STARTUP_TIMEOUT);
        }
        return replica;
    }

    /**
     * One more instance of a service or the gateway, not started: another port and log, its settings changed by
     * {@code changes} (a null value removes a setting). For tests of what a process does at startup.
     */
    public ServiceProcess variant(String name, String label, Map<String, String> changes) {
        Map<String, String> env = new LinkedHashMap<>(environments.get(name));
        int port = KafkaBroker.freePort();
        env.put("PORT", Integer.toString(port));
        changes.forEach((key, value) -> {
            if (value == null) {
                env.remove(key);
            } else {
                env.put(key, value);
            }
        });
        return new ServiceProcess(name + "-" + label, port, processes.get(name).jar(), env,
                logDir.resolve(name + "-" + label + ".log"), target);
    }

    /**
     * Starts a {@link #variant} and waits until it is ready; it is stopped with the system (and found as a leftover by
     * the next run if this JVM dies first), unless the test stops it before.
     */
    public synchronized ServiceProcess startVariant(ServiceProcess variant) {
        variant.start();
        leftovers.remember(variant.pid(), variant.jar().toString());
        replicas.putIfAbsent(variant.name(), variant);
        variant.awaitReady(STARTUP_TIMEOUT);
        return variant;
    }

    /** Restarts a stopped or killed service with the same command and environment, and waits until it is ready. */
    public void restart(String name) {
        ServiceProcess p = processes.get(name);
        p.start();
        leftovers.remember(p.pid(), p.jar().toString());
        p.awaitReady(STARTUP_TIMEOUT);
    }

    /** Row counts of every table of a service's database (Flyway's own history excluded). */
    public Map<String, Long> rowCounts(String service) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = databases.get(service).connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE' "
                    + "and table_name <> 'flyway_schema_history' order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("select count(*) from \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows in " + service + "'s database: " + e.getMessage(), e);
        }
        return counts;
    }

    public long secondsSinceStart() {
        return secondsSince(startedAtNanos);
    }

    /** Stops the services (gateway first, in parallel), then Kafka and the databases; deletes the run's data. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long testsSeconds = secondsSince(startedAtNanos);
        List<ServiceProcess> all = new ArrayList<>(processes.values());
        java.util.Collections.reverse(all);
        all.addAll(0, replicas.values());
        List<CompletableFuture<?>> stops = new ArrayList<>();
        all.forEach(p -> stops.add(CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(20)))));
        joinQuietly(stops);
        if (quizDatabaseLink != null) {
            quizDatabaseLink.close();
        }
        try {
            kafka.stop();
        } catch (RuntimeException e) {
            log("kafka did not stop cleanly: %s", e.getMessage());
        }
        for (RestartablePostgres db : databases.values()) {
            try {
                db.stop();
            } catch (RuntimeException e) {
                log("postgres %s did not stop cleanly: %s", db.database(), e.getMessage());
            }
        }
        deleteQuietly(runDir);
        if (processes.values().stream().noneMatch(ServiceProcess::isAlive)
                && replicas.values().stream().noneMatch(ServiceProcess::isAlive)) {
            leftovers.forget();
        }
        log("system stopped after %d s", secondsSince(startedAtNanos));
        if (startupSeconds > 0) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("infrastructure + four services up (ready)", startupSeconds + " s");
            run.put("from the start of the system to the end of the last test", testsSeconds + " s");
            run.put("whole system stopped (services, Kafka, databases) after", secondsSince(startedAtNanos) + " s");
            Figures.record("Run", run);
            Figures.publish();
        }
    }

    private static void join(List<CompletableFuture<?>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static void joinQuietly(List<CompletableFuture<?>> futures) {
        try {
            join(futures);
        } catch (RuntimeException e) {
            log("a process did not stop cleanly: %s", e.getMessage());
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover folder under target/ is harmless
        }
    }

    static long secondsSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
    }

    public static void log(String format, Object... args) {
        System.out.println("[system] " + String.format(format, args));
        System.out.flush();
    }
}
