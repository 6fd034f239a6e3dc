package dev.skillpath.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void slugsAndTitlesAreUniqueAndStatusesAreErrors() {
        Set<String> slugs = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (ProblemType t : ProblemType.values()) {
            assertTrue(slugs.add(t.slug()), "one slug per kind: " + t);
            assertTrue(titles.add(t.title()), "one title per kind: " + t);
            assertTrue(t.status() >= 400 && t.status() < 600, t + " is a 4xx or 5xx");
            assertTrue(t.slug().matches("[a-z]+(-[a-z]+)*"), t.slug());
            assertEquals(ProblemType.TYPE_BASE + t.slug(), t.type().toString());
        }
    }

    @Test
    void aTypeIsFoundByItsUriOrSlugAndNothingElse() {
        assertEquals(ProblemType.SLUG_TAKEN, ProblemType.of("https://skillpath.dev/problems/slug-taken").orElseThrow());
        assertEquals(ProblemType.CIRCUIT_OPEN, ProblemType.of("circuit-open").orElseThrow());
        assertTrue(ProblemType.of("https://example.com/problems/slug-taken").isEmpty());
        assertTrue(ProblemType.of("about:blank").isEmpty());
        assertTrue(ProblemType.of(null).isEmpty());
    }

    @Test
    void docsApiListsExactlyTheseKinds() throws IOException {
        Path doc = Path.of("..", "docs", "api.md");
        Matcher row = Pattern.compile("(?m)^\\| (\\d{3}) \\| `([a-z-]+)` \\| ([^|]+) \\|$").matcher(Files.readString(doc));
        Set<String> documented = new LinkedHashSet<>();
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3).strip());
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (ProblemType t : ProblemType.values()) {
            kinds.add(t.status() + " " + t.slug() + " " + t.title());
        }
        assertEquals(kinds, documented, "docs/api.md, \"Problems\", lists every kind with its status and title");
    }
}
