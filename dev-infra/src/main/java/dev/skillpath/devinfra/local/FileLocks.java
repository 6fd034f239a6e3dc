package dev.skillpath.devinfra.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lock files such as Kafka's {@code .lock} in its log folder and zonky's {@code epg-lock} in the PostgreSQL
 * data folder. Both are held with an OS file lock while their owner runs; the OS drops the lock when the
 * owner dies, even by {@code kill -9}, so "can I take the lock?" tells a live owner from a stale file.
 */
public final class FileLocks {

    public enum State {
        /** There is no such file. */
        ABSENT,
        /** The file exists and nobody holds its lock: it is left over from a process that is gone. */
        STALE,
        /** A running process (or this JVM) holds the lock. */
        HELD
    }

    private FileLocks() {
    }

    public static State state(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return State.ABSENT;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return State.HELD;
            }
            lock.release();
            return State.STALE;
        } catch (OverlappingFileLockException e) {
            return State.HELD;
        } catch (IOException e) {
            // cannot even open it: treat as in use rather than delete something we do not understand
            return State.HELD;
        }
    }

    /** Removes {@code lockFile} if it is stale. Returns the state it was found in. */
    public static State removeIfStale(Path lockFile) {
        State state = state(lockFile);
        if (state == State.STALE) {
            PidFile.delete(lockFile);
        }
        return state;
    }
}
