package dev.skillpath.system.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own operating-system process with
 * the environment {@code ./skillpath up} would give it, its output appended to {@code target/system-logs/<name>.log}.
 * The same command and environment start it again after a stop or a {@code kill -9}.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ");

    private final String name;
    private final int port;
    private final Path jar;
    private final Map<String, String> env;
    private final Path log;
    private final Path workDir;
    private Process process;

    public ServiceProcess(String name, int port, Path jar, Map<String, String> env, Path log, Path workDir) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.env = new LinkedHashMap<>(env);
        this.log = log;
        this.workDir = workDir;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path jar() {
        return jar;
    }

    public Path log() {
        return log;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the process; returns at once (see {@link #awaitReady(Duration)}). */
    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms32m", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // only what a service needs: nothing from the build's environment may change its configuration
        Map<String, String> environment = builder.environment();
        Map<String, String> inherited = new LinkedHashMap<>();
        for (String key : INHERITED) {
            if (System.getenv(key) != null) {
                inherited.put(key, System.getenv(key));
            }
        }
        environment.clear();
        environment.putAll(inherited);
        environment.putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + java.time.Instant.now() + " starting " + name + " on port " + port + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails with the log's tail if the process dies or time runs out. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during startup; log tail:\n" + tail(40));
            }
            if (readyStatus() == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds()
                        + " s (ready answers " + readyStatus() + "); log tail:\n" + tail(40));
            }
            Waits.pause(Duration.ofMillis(250));
        }
    }

    /** The HTTP status of {@code /q/health/ready}, or -1 when nothing answers. */
    public int readyStatus() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The exit code once the process has ended by itself within {@code timeout}; empty while it still runs. */
    public OptionalInt awaitExit(Duration timeout) {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            throw new IllegalStateException(name + " was not started");
        }
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(p.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        Processes.terminate(process, grace);
        process = null;
    }

    /** {@code kill -9}: no shutdown hook, no graceful close of anything. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.kill(process);
        process = null;
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
