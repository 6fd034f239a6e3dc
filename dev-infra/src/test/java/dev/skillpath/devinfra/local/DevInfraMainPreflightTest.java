package dev.skillpath.devinfra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skillpath.devinfra.KafkaBroker;
import dev.skillpath.devinfra.local.FakeProcessTable.Dies;

/** The checks before anything starts; no broker or database is started here. */
class DevInfraMainPreflightTest {

    @TempDir
    Path tmp;

    private final FakeProcessTable processes = new FakeProcessTable();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private LocalConfig config(int kafkaPort, int controllerPort, int postgresPort) {
        return new LocalConfig(tmp.resolve("data"), tmp.resolve("run"), "127.0.0.1", kafkaPort, controllerPort,
                postgresPort, List.of("content"));
    }

    private DevInfraMain main(LocalConfig c) {
        return new DevInfraMain(c, processes, new StalePostgres(processes, Duration.ofSeconds(1), Duration.ofMillis(100),
                d -> { }), new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void freePortsAndNoLeftoversPass() {
        LocalConfig c = config(KafkaBroker.freePort(), KafkaBroker.freePort(), KafkaBroker.freePort());
        assertEquals(0, main(c).preflight());
    }

    @Test
    void aBusyPortIsExitCodeTwoNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            LocalConfig c = config(KafkaBroker.freePort(), KafkaBroker.freePort(), taken.getLocalPort());
            int[] code = new int[1];
            String err = stderrOf(() -> code[0] = main(c).preflight());
            assertEquals(2, code[0]);
            assertTrue(err.contains("port " + taken.getLocalPort() + " (PostgreSQL)"), err);
            assertTrue(err.contains("./skillpath down"), err);
        }
    }

    @Test
    void aLiveLauncherOnTheSameRunFolderIsExitCodeTwo() {
        LocalConfig c = config(KafkaBroker.freePort(), KafkaBroker.freePort(), KafkaBroker.freePort());
        processes.add(31337, "java -cp x " + DevInfraMain.class.getName(), tmp, Dies.ON_TERM);
        PidFile.write(c.launcherPidFile(), 31337);
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = main(c).preflight());
        assertEquals(2, code[0]);
        assertTrue(err.contains("already running (pid 31337)"), err);
        assertTrue(Files.exists(c.launcherPidFile()));
        assertEquals(List.of(), processes.signals);
    }

    @Test
    void aDeadLaunchersLeftoversAreCleaned() throws Exception {
        LocalConfig c = config(KafkaBroker.freePort(), KafkaBroker.freePort(), KafkaBroker.freePort());
        PidFile.write(c.launcherPidFile(), 999_999); // gone
        Files.createDirectories(c.kafkaDir());
        Files.createFile(c.kafkaDir().resolve(".lock"));
        Files.createDirectories(c.postgresDir());
        processes.add(4000, "postgres -D " + c.postgresDir(), c.postgresDir(), Dies.ON_TERM);
        PidFile.write(c.postgresPidFile(), 4000);
        PidFile.write(c.postgresDir().resolve("postmaster.pid"), 4000);

        assertEquals(0, main(c).preflight());

        assertFalse(Files.exists(c.launcherPidFile()));
        assertFalse(Files.exists(c.kafkaDir().resolve(".lock")));
        assertFalse(Files.exists(c.postgresDir().resolve("postmaster.pid")));
        assertEquals(List.of("TERM 4000"), processes.signals);
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("removed a stale lock file"), out);
        assertTrue(out.contains("stopped a stale PostgreSQL (pid 4000)"), out);
    }
}
