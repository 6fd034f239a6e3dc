package dev.skillpath.devinfra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;

/** A file holding a process id on its first line (the launcher's own files and PostgreSQL's postmaster.pid). */
public final class PidFile {

    private PidFile() {
    }

    /** The process id on the first line, or empty if the file is missing, empty or not a number. */
    public static OptionalLong read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Writes {@code pid} atomically (a reader never sees half a file). */
    public static void write(Path file, long pid) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, pid + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + file, e);
        }
    }

    /** Deletes the file if it still holds {@code pid}, so a newer owner's file is never removed. */
    public static void deleteIfOwnedBy(Path file, long pid) {
        OptionalLong current = read(file);
        if (current.isPresent() && current.getAsLong() == pid) {
            delete(file);
        }
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
