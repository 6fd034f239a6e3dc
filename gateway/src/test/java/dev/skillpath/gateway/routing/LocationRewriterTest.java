package dev.skillpath.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class LocationRewriterTest {

    private final LocationRewriter rewriter = new LocationRewriter(List.of(
            Upstream.parse("skills-service", "http://127.0.0.1:8082"),
            Upstream.parse("quiz-service", "https://quiz.internal"),
            Upstream.parse("v6-service", "http://[::1]:8090")));

    @Test
    void anUpstreamsOwnAddressBecomesTheGatewayPath() {
        assertEquals("/api/v1/skills/new-slug", rewriter.rewrite("http://127.0.0.1:8082/api/v1/skills/new-slug"));
        assertEquals("/api/v1/skills?page=2&q=a%20b#top", rewriter.rewrite("http://127.0.0.1:8082/api/v1/skills?page=2&q=a%20b#top"));
        assertEquals("/", rewriter.rewrite("http://127.0.0.1:8082"));
        assertEquals("/api/v1/quizzes/q1", rewriter.rewrite("HTTPS://Quiz.Internal:443/api/v1/quizzes/q1"), "default port, any case");
        assertEquals("/api/v1/x", rewriter.rewrite("http://[::1]:8090/api/v1/x"));
    }

    @Test
    void relativeAndForeignLocationsAreLeftAlone() {
        for (String location : new String[] {
                "/api/v1/skills/new-slug", "new-slug", "https://example.com/elsewhere",
                "http://127.0.0.1:8083/api/v1/skills", "https://127.0.0.1:8082/api/v1/skills", "http://quiz.internal/api/v1/x",
                "http://user@127.0.0.1:8082/api/v1/skills", "mailto:someone@example.com", "http://bad host/", null}) {
            assertEquals(location, rewriter.rewrite(location), String.valueOf(location));
        }
    }
}
