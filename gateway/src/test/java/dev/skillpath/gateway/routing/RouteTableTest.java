package dev.skillpath.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    private static final String SKILLS = "skills-service";
    private static final String CONTENT = "content-service";
    private static final String QUIZ = "quiz-service";

    private static RouteTable table() {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        prefixes.put(SKILLS, List.of("/api/v1/skills", "/api/v1/learners/me"));
        prefixes.put(CONTENT, List.of("/api/v1/lessons", "/api/v1/learners/me/completions/"));
        prefixes.put(QUIZ, List.of("/api/v1/learners/me/attempts"));
        return RouteTable.of(prefixes);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/skills, skills-service",
            "/api/v1/skills/, skills-service",
            "/api/v1/skills/java, skills-service",
            "/api/v1/skills/java/prerequisites, skills-service",
            "/api/v1/lessons/intro, content-service",
            "/api/v1/learners/me, skills-service",
            "/api/v1/learners/me/mastery, skills-service",
            "/api/v1/learners/me/completions, content-service",
            "/api/v1/learners/me/completions/c1, content-service",
            "/api/v1/learners/me/attempts, quiz-service",
            "/api/v1/learners/me/attempts/a1/answers, quiz-service",
    })
    void theLongestPrefixWins(String path, String service) {
        assertEquals(service, table().match(path).service());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/skillsfoo",
            "/api/v1/skills-x",
            "/api/v1/skill",
            "/api/v1/lessonsX/intro",
            "/api/v1/learners/meme",
            "/api/v1",
            "/",
            "",
            "api/v1/skills",
    })
    void aPrefixMatchesOnlyAtASegmentBoundary(String path) {
        assertNull(table().match(path));
    }

    @Test
    void aLongerPrefixThatDoesNotMatchAtABoundaryLeavesTheShorterOne() {
        // /api/v1/learners/me/attemptsX is not under .../attempts, but it is under /api/v1/learners/me.
        assertEquals("skills-service", table().match("/api/v1/learners/me/attemptsX").service());
    }

    @Test
    void aRootPrefixCoversEverything() {
        RouteTable table = RouteTable.of(Map.of(SKILLS, List.of("/"), CONTENT, List.of("/api/v1/lessons")));
        assertEquals("skills-service", table.match("/anything/at/all").service());
        assertEquals("content-service", table.match("/api/v1/lessons/x").service());
    }

    @Test
    void nullMatchesNothing() {
        assertNull(table().match(null));
    }

    @Test
    void routesAreListedLongestFirstWithTrailingSlashesDropped() {
        List<Route> routes = table().routes();
        assertEquals("/api/v1/learners/me/completions", routes.get(0).prefix());
        for (int i = 1; i < routes.size(); i++) {
            assertTrue(routes.get(i - 1).prefix().length() >= routes.get(i).prefix().length(), routes.toString());
        }
        assertEquals("/api/v1/skills/**", table().match("/api/v1/skills/java").pattern());
    }

    @Test
    void twoServicesCannotClaimOnePrefix() {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        prefixes.put(SKILLS, List.of("/api/v1/skills"));
        prefixes.put(CONTENT, List.of("/api/v1/skills/"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouteTable.of(prefixes));
        assertTrue(e.getMessage().contains("skills-service") && e.getMessage().contains("content-service"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/v1/skills", "", " ", "/api/v1/skills?x=1", "/api/v1/*"})
    void aPrefixMustBeAPlainAbsolutePath(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.of(Map.of(SKILLS, List.of(prefix))));
    }

    @Test
    void aServiceNeedsAtLeastOnePrefix() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.of(Map.of(SKILLS, List.of())));
    }
}
