package dev.skillpath.devinfra.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A process table in memory: processes that die (or not) on the signals a test chooses. */
final class FakeProcessTable implements ProcessTable {

    enum Dies { ON_TERM, ON_INT, ON_KILL, NEVER }

    record Proc(String cmdline, Path cwd, Dies dies) {
    }

    private final Map<Long, Proc> live = new HashMap<>();
    final List<String> signals = new ArrayList<>();

    FakeProcessTable add(long pid, String cmdline, Path cwd, Dies dies) {
        live.put(pid, new Proc(cmdline, cwd, dies));
        return this;
    }

    @Override
    public boolean isAlive(long pid) {
        return live.containsKey(pid);
    }

    @Override
    public Optional<String> commandLine(long pid) {
        return Optional.ofNullable(live.get(pid)).map(Proc::cmdline);
    }

    @Override
    public Optional<Path> workingDirectory(long pid) {
        return Optional.ofNullable(live.get(pid)).map(Proc::cwd);
    }

    @Override
    public void terminate(long pid) {
        signal(pid, "TERM", Dies.ON_TERM);
    }

    @Override
    public void interrupt(long pid) {
        signal(pid, "INT", Dies.ON_INT);
    }

    @Override
    public void killTree(long pid) {
        signal(pid, "KILL", Dies.ON_KILL);
    }

    private void signal(long pid, String name, Dies kills) {
        signals.add(name + " " + pid);
        Proc p = live.get(pid);
        if (p != null && p.dies().ordinal() <= kills.ordinal()) {
            live.remove(pid);
        }
    }
}
