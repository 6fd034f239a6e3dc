package dev.skillpath.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Every figure table of docs/benchmarks.md comes from a run: {@code bench/check-docs} finds each of its rows, cell for
 * cell, in a file of bench/results/ (what bench/run wrote). A figure edited by hand fails the build.
 */
class BenchmarkFiguresTest {

    @Test
    void theBenchmarkTablesAreTheRunsTables() throws Exception {
        String out = run(Repo.ROOT.resolve("docs/benchmarks.md"));
        assertTrue(out.contains(" 0 not"), out);
    }

    @Test
    void aFigureChangedByHandIsCaught() throws Exception {
        String doc = Files.readString(Repo.ROOT.resolve("docs/benchmarks.md"));
        // the first figure row: its median cell made different
        String row = doc.lines().filter(l -> l.matches("\\| [a-z]+ \\| .* \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|.*"))
                .findFirst().orElseThrow();
        String[] cells = row.split("\\|", -1);
        cells[3] = " 99999.5 ";
        Path edited = Files.createTempFile("benchmarks", ".md");
        Files.writeString(edited, doc.replace(row, String.join("|", cells)));
        try {
            ProcessResult r = exec(edited);
            assertEquals(1, r.exit(), r.output());
            assertTrue(r.output().contains("99999.5"), "the edited row is named: " + r.output());
        } finally {
            Files.delete(edited);
        }
    }

    private static String run(Path doc) throws Exception {
        ProcessResult r = exec(doc);
        assertEquals(0, r.exit(), r.output());
        return r.output();
    }

    private record ProcessResult(int exit, String output) {
    }

    private static ProcessResult exec(Path doc) throws Exception {
        Process p = new ProcessBuilder("bash", Repo.ROOT.resolve("bench/check-docs").toString(), doc.toString())
                .directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bench/check-docs ends");
        return new ProcessResult(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
