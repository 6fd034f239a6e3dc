package dev.skillpath.devinfra.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** {@link ProcessTable} backed by {@code /proc} and {@link ProcessHandle}. */
final class LinuxProcessTable implements ProcessTable {

    private static final Path PROC = Path.of("/proc");

    @Override
    public boolean isAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return line.isEmpty() ? Optional.empty() : Optional.of(line);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public void terminate(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    @Override
    public void interrupt(long pid) {
        // ProcessHandle knows SIGTERM and SIGKILL only; kill(1) is part of every Linux base system.
        try {
            Process p = new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the SIGKILL fallback still follows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void killTree(long pid) {
        ProcessHandle.of(pid).ifPresent(root -> {
            List<ProcessHandle> below = root.descendants().collect(Collectors.toList());
            root.destroyForcibly();
            below.forEach(ProcessHandle::destroyForcibly);
        });
    }
}
