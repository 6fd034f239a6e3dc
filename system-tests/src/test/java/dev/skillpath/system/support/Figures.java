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
 * {@code target/reliability-figures.md}, ready to be copied into {@code docs/reliability.md}.
 */
public final class Figures {

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

    private static void write() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- written by system-tests (Figures.java); copy into docs/reliability.md -->\n");
        md.append("Run of ").append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, command `")
                .append("./mvnw -B verify -pl system-tests -am").append("`.\n");
        SECTIONS.forEach((section, figures) -> {
            md.append("\n### ").append(section).append("\n\n| figure | value |\n|---|---|\n");
            figures.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        });
        try {
            Path target = Path.of(System.getProperty("skillpath.system.target", "target"));
            Files.createDirectories(target);
            Files.writeString(target.resolve("reliability-figures.md"), md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("[figures] cannot write target/reliability-figures.md: " + e.getMessage());
        }
    }
}
