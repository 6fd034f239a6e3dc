package dev.skillpath.skills.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillpath.platform.api.ProblemException;

/** The statements query as read from its parameters, and the more link that continues it. */
class StatementQueryTest {

    static final String HOME = "https://skillpath.example";
    static final String AGENT = "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"ada & bo\"}}";

    static StatementQuery parse(Map<String, List<String>> params) {
        return StatementQuery.parse(params, HOME, 500);
    }

    @Test
    void noParametersAskForTheNewestAtTheServersMaximum() {
        StatementQuery q = parse(Map.of());
        assertNull(q.learnerId());
        assertEquals(500, q.limit());
        assertEquals(false, q.ascending());
        assertNull(q.after());
        assertEquals(500, parse(Map.of("limit", List.of("0"))).limit());
        assertEquals(1, parse(Map.of("limit", List.of("1"))).limit());
    }

    @Test
    void theMoreLinkRepeatsTheQueryFromTheLastStatementAndReadsBack() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("agent", List.of(AGENT));
        params.put("since", List.of("2026-12-01T10:00:00+01:00"));
        params.put("limit", List.of("2"));
        params.put("cursor", List.of("1.1"));
        StatementQuery q = parse(params);
        assertEquals("ada & bo", q.learnerId());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), q.since());
        StatementQuery.Cursor last = new StatementQuery.Cursor(Instant.parse("2026-12-03T11:00:00.123456Z"), 42);
        String more = StatementQuery.more("/api/v1/xapi/statements", params, last);
        assertTrue(more.startsWith("/api/v1/xapi/statements?"), more);
        assertEquals(1, more.split("cursor=", -1).length - 1, "the old cursor is replaced: " + more);
        URI uri = URI.create(more); // a valid relative URL
        Map<String, List<String>> back = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            back.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    List.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        StatementQuery next = parse(back);
        assertEquals(q.learnerId(), next.learnerId());
        assertEquals(q.since(), next.since());
        assertEquals(2, next.limit());
        assertEquals(last, next.after());
    }

    @Test
    void everyBadParameterIsReportedAtOnce() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("agent", List.of("{\"account\":{\"homePage\":\"https://other.example\",\"name\":\"ada\"}}"));
        params.put("limit", List.of("501"));
        params.put("verb", List.of("a", "b"));
        params.put("format", List.of("ids"));
        params.put("page", List.of("2"));
        params.put("cursor", List.of("99999999999999999999.1"));
        ProblemException e = assertThrows(ProblemException.class, () -> parse(params));
        assertEquals(400, e.status());
        List<String> fields = e.toProblem("/x").violations().stream().map(v -> v.field()).sorted().toList();
        assertEquals(List.of("agent", "cursor", "format", "limit", "page", "verb"), fields);
    }

    @Test
    void anAgentIsAnAccountOfTheHomePageAndNothingElse() {
        assertEquals("ada", parse(Map.of("agent", List.of("{\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"ada\"}}")))
                .learnerId());
        for (String bad : List.of("", "null", "\"ada\"", "{}", "{\"account\":{\"homePage\":\"" + HOME + "\"}}",
                "{\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\" \"}}",
                "{\"openid\":\"https://id.example/ada\"}",
                "{\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"ada\"},\"member\":[]}")) {
            assertThrows(ProblemException.class, () -> parse(Map.of("agent", List.of(bad))), bad);
        }
    }
}
