package dev.skillpath.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamTest {

    @Test
    void readsSchemeHostAndPort() {
        assertEquals(new Upstream("skills-service", "127.0.0.1", 8082, false),
                Upstream.parse("skills-service", "http://127.0.0.1:8082"));
        assertEquals(new Upstream("quiz-service", "quiz.internal", 443, true),
                Upstream.parse("quiz-service", "https://quiz.internal/"));
        assertEquals(new Upstream("content-service", "content", 80, false),
                Upstream.parse("content-service", " http://content "));
        assertEquals(new Upstream("v6", "::1", 9000, false), Upstream.parse("v6", "http://[::1]:9000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:8082", "ftp://host", "http://", "http://host:8082/api", "http://host?x=1", "http://host:0", "not a url"})
    void refusesWhatItCannotForwardTo(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Upstream.parse("skills-service", url));
        assertTrue(e.getMessage().startsWith("skills-service"), e.getMessage());
    }
}
