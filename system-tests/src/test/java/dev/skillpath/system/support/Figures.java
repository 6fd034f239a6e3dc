package dev.skillpath.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of this run: each test adds a small table (printed at once) and the whole set is rewritten to
 * {@code target/reliability-figures.md}. When the run ends, and the system property {@code skillpath.figures.doc}
 * names a file ({@code -Dskillpath.figures.doc=docs/reliability.md}, relative to the repository), the part of that
 * file between {@link #BEGIN} and {@link #END} is replaced with them: the document's figures are generated, never
 * copied by hand.
 */
public final class Figures {

    public static final String BEGIN = "<!-- figures:begin (written by system-tests, Figures.java) -->";
    public static final String END = "<!-- figures:end -->";
    private static final Map<String, Map<String, Object>> SECTIONS = new LinkedHashMap<>();

    private Figures() {
    }

    public static synchronized void record(String section, Map<String, Object> figures) {
        SECTIONS.put(section, new LinkedHashMap<>(figures));
        StringBuilder out = new StringBuilder("\n[figures] " + section + "\n");
        figures.forEach((k, v) -> out.append(String.format("  %-55s %s%n", k, v)));
        System.out.print(out);
        System.out.flush();
        write();
    }

    private static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, by `")
                .append("./mvnw -B verify -pl system-tests -am -Dskillpath.figures.doc=docs/reliability.md")
                .append("` (the whole module; the whole build's `./mvnw verify` runs it the same way).\n");
        SECTIONS.forEach((section, figures) -> {
            md.append("\n### ").append(section).append("\n\n| figure | value |\n|---|---|\n");
            figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        });
        return md.toString();
    }

    private static void write() {
        try {
            Path target = Path.of(System.getProperty("skillpath.system.target", "target"));
            Files.createDirectories(target);
            Files.writeString(target.resolve("reliability-figures.md"), markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("[figures] cannot write target/reliability-figures.md: " + e.getMessage());
        }
    }

    /** At the end of the run: replaces the figures in the document {@code skillpath.figures.doc} names, if any. */
    static synchronized void publish() {
        String doc = System.getProperty("skillpath.figures.doc", "");
        if (doc.isBlank()) {
            return;
        }
        Path root = Path.of(System.getProperty("skillpath.repo.root", ".."));
        Path file = root.resolve(doc).toAbsolutePath().normalize();
        try {
            Files.writeString(file, replaceBetweenMarkers(Files.readString(file, StandardCharsets.UTF_8), markdown()),
                    StandardCharsets.UTF_8);
            System.out.println("[figures] written into " + file);
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("[figures] cannot write the figures into " + file + ": " + e.getMessage());
        }
    }

    static String replaceBetweenMarkers(String document, String figures) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no " + BEGIN + " ... " + END + " part");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + figures + "\n" + document.substring(end);
    }
}
