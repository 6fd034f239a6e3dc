package dev.skillpath.devinfra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingFileIsAbsent() {
        assertEquals(FileLocks.State.ABSENT, FileLocks.removeIfStale(tmp.resolve(".lock")));
    }

    @Test
    void anUnheldLockFileIsStaleAndRemoved() throws Exception {
        Path lock = Files.createFile(tmp.resolve(".lock"));
        assertEquals(FileLocks.State.STALE, FileLocks.removeIfStale(lock));
        assertFalse(Files.exists(lock));
    }

    @Test
    void aLockHeldInThisJvmIsKept() throws Exception {
        Path lock = Files.createFile(tmp.resolve(".lock"));
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = ch.lock()) {
            assertEquals(FileLocks.State.HELD, FileLocks.removeIfStale(lock));
            assertTrue(Files.exists(lock));
        }
    }

    /** The crash case: another JVM holds the lock, is killed with SIGKILL, and the file it leaves is stale. */
    @Test
    void aLockHeldByAnotherProcessIsKeptUntilThatProcessIsKilled() throws Exception {
        Path lock = Files.createFile(tmp.resolve(".lock"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), lock.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            assertEquals(FileLocks.State.HELD, FileLocks.removeIfStale(lock));
            assertTrue(Files.exists(lock));

            holder.destroyForcibly(); // SIGKILL: no chance to release or delete anything
            assertTrue(holder.waitFor(10, TimeUnit.SECONDS));

            assertEquals(FileLocks.State.STALE, FileLocks.removeIfStale(lock));
            assertFalse(Files.exists(lock));
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Run in a child JVM: holds a lock on the file given until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
            ch.lock();
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
