package dev.skillpath.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The real Kafka broker of the system under test (dev-infra's {@code KafkaBroker}, KRaft, one node) in a process of
 * its own ({@link BrokerMain}, this JVM's class path), on fixed ports with its data in a folder, so that it can be
 * stopped cleanly and started again, frozen with {@code SIGSTOP}, or killed with {@code kill -9} and started again
 * on the same data. Its output is appended to {@code target/system-logs/kafka.log}.
 */
public final class BrokerProcess implements AutoCloseable {

    static final String READY = "broker ready";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Path log;
    private final java.util.function.LongConsumer started;
    private Process process;
    private List<Long> frozen = List.of();

    /** {@code started} is told each new process's pid (so that a killed test run's leftovers can be found). */
    public BrokerProcess(Path dataDir, int port, int controllerPort, Path log, java.util.function.LongConsumer started) {
        this.started = started;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.log = log;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the broker (formatting its storage on first use) and waits until it answers. */
    public synchronized BrokerProcess start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(log.getParent());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, "---- " + Instant.now() + " starting the broker on " + bootstrapServers() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), BrokerMain.class.getName(),
                    dataDir.toString(), Integer.toString(port), Integer.toString(controllerPort))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            started.accept(process.pid());
            awaitReady(offset, Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the broker: " + e.getMessage(), e);
        }
        return this;
    }

    private void awaitReady(long offset, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (output.length() > offset && output.substring((int) Math.min(offset, output.length())).contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited while starting; log tail:\n" + tail(output));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker was not ready after " + timeout.toSeconds() + " s; log tail:\n"
                        + tail(output));
            }
            Waits.pause(Duration.ofMillis(100));
        }
    }

    /** Stops it cleanly (SIGTERM: the broker's own shutdown), its data kept for {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        thawIfFrozen();
        Processes.terminate(process, Duration.ofSeconds(60));
        process = null;
    }

    /** {@code kill -9}: no shutdown of any kind; {@link #start()} recovers the same data. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Processes.kill(process);
        process = null;
        frozen = List.of();
    }

    /** {@code SIGSTOP}: its connections stay open and the kernel still accepts new ones, but nothing answers. */
    public synchronized void freeze() {
        if (!isRunning()) {
            throw new IllegalStateException("the broker is not running");
        }
        frozen = List.of(process.pid());
        Signals.stop(frozen);
    }

    /** {@code SIGCONT}: it goes on as if nothing had happened (its own clock has moved on). */
    public synchronized void thaw() {
        thawIfFrozen();
    }

    private void thawIfFrozen() {
        if (!frozen.isEmpty()) {
            Signals.resume(frozen);
            frozen = List.of();
        }
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length));
    }

    @Override
    public void close() {
        stop();
    }
}
