package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.skillpath.system.support.Contract;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.Waits;

/**
 * Hundreds of generated malformed requests across every write endpoint (and the paged reads), through the gateway
 * with a token that may write: every answer must be a 4xx {@code application/problem+json}, never a 5xx, and the
 * row count of every table in the three databases must not move.
 */
@Order(3)
class BadInputSystemTest extends SystemTestBase {

    /** What a field holds, which decides how it can be broken. */
    enum Kind {
        TEXT, IDENT, ENUM, INT, DECIMAL, IDENTS, BOOL
    }

    /** A write endpoint: who may call it, a valid body, its fields and which of them are required. */
    record Target(String name, String method, String path, String token, Map<String, Object> valid,
            Map<String, Kind> fields, Set<String> required) {
    }

    /** One generated request and why it is malformed. */
    record Case(String target, String what, String method, String path, String token, String contentType, byte[] body) {
    }

    static final List<String> ODD_UNICODE = List.of("\u202Eevil", "a\u200Bb", "\uD83D\uDE80", "x\u0000y", "\uD800",
            "\uFEFF", "Ａ");
    static final List<String> INJECTIONS = List.of("'; drop table skill; --", "' or '1'='1", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "../../etc/passwd", "${jndi:ldap://127.0.0.1/x}");

    @Test
    void malformedRequestsAreRefusedAndChangeNothing() throws Exception {
        String author = tokens.author("bad-input-author");
        String learner = tokens.learner("bad-input-learner-" + UUID.randomUUID());

        // fixtures: something to update, and an open attempt to answer
        String skill = unique("bad-skill-");
        expect(gateway.post("/api/v1/skills", author, Map.of("slug", skill, "name", "Bad input", "summary", "s",
                "description", "d", "level", "foundation", "category", "apis")), 201);
        String lesson = unique("bad-lesson-");
        Map<String, Object> lessonBody = new LinkedHashMap<>(Map.of("slug", lesson, "title", "Bad input", "summary", "s",
                "body", "b", "level", "foundation", "estimatedMinutes", 5, "skills", List.of("http")));
        expect(Waits.poll(() -> gateway.post("/api/v1/lessons", author, lessonBody), a -> a.status() != 422 && a.status() != 503,
                Duration.ofSeconds(60)), 201);
        expect(gateway.post("/api/v1/lessons/" + lesson + "/publish", author, null), 200);
        Map<String, Object> questionBody = Map.of("type", "true_false", "prompt", "Bad input?", "skills", List.of("http"),
                "answer", true);
        String question = expect(gateway.post("/api/v1/questions", author, questionBody), 201).json().path("id").asText();
        Map<String, Object> quizBody = Map.of("title", "Bad input", "skills", List.of("http"), "questions", List.of(question));
        String quiz = expect(gateway.post("/api/v1/quizzes", author, quizBody), 201).json().path("id").asText();
        expect(gateway.post("/api/v1/quizzes/" + quiz + "/publish", author, null), 200);
        String attempt = expect(gateway.post("/api/v1/quizzes/" + quiz + "/attempts", learner, null), 201).json().path("id").asText();
        String practice = expect(gateway.post("/api/v1/practice-sessions", learner, Map.of("target", "skill", "skill", "http")),
                201).json().path("id").asText();
        String practised = expect(gateway.get("/api/v1/practice-sessions/" + practice + "/next", learner), 200).json()
                .path("question").path("questionId").asText();
        Map<String, Object> practiceAnswer = Map.of("questionId", practised, "answer",
                AuthorizationMatrixSystemTest.anyAnswer(expect(gateway.get("/api/v1/questions/" + practised, author), 200).json()));

        Map<String, Object> skillBody = Map.of("slug", skill, "name", "Bad input", "summary", "s", "description", "d",
                "level", "foundation", "category", "apis",
                "knowledgeTracing", Map.of("prior", 0.2, "learn", 0.1, "guess", 0.2, "slip", 0.1));
        Map<String, Kind> skillFields = fields("slug", Kind.IDENT, "name", Kind.TEXT, "summary", Kind.TEXT, "description",
                Kind.TEXT, "level", Kind.ENUM, "category", Kind.IDENT);
        Set<String> skillRequired = Set.of("slug", "name", "summary", "description", "level", "category");
        Map<String, Object> newSkill = new LinkedHashMap<>(skillBody);
        newSkill.put("slug", unique("bad-new-"));
        Map<String, Object> newLesson = new LinkedHashMap<>(lessonBody);
        newLesson.put("slug", unique("bad-new-"));
        Map<String, Object> lessonChanges = new LinkedHashMap<>(lessonBody);
        lessonChanges.remove("slug");
        Map<String, Kind> lessonFields = fields("slug", Kind.IDENT, "title", Kind.TEXT, "summary", Kind.TEXT, "body", Kind.TEXT,
                "level", Kind.ENUM, "estimatedMinutes", Kind.INT, "skills", Kind.IDENTS);
        Map<String, Kind> changeFields = new LinkedHashMap<>(lessonFields);
        changeFields.remove("slug");
        Map<String, Object> fullQuestion = Map.of("type", "single_choice", "prompt", "Which?", "points", 2, "skills",
                List.of("http"), "options", List.of(Map.of("id", "yes", "text", "Yes", "correct", true),
                        Map.of("id", "no", "text", "No", "correct", false)), "generalFeedback", "f");
        Map<String, Kind> questionFields = fields("type", Kind.ENUM, "prompt", Kind.TEXT, "points", Kind.DECIMAL,
                "skills", Kind.IDENTS, "generalFeedback", Kind.TEXT);
        Map<String, Object> fullQuiz = new LinkedHashMap<>(Map.of("title", "Bad", "description", "d", "skills", List.of("http"),
                "questions", List.of(question), "passMark", 50, "timeLimitSeconds", 600, "maxAttempts", 3,
                "gradingMethod", "highest", "reviewPolicy", "after_submit"));
        Map<String, Kind> quizFields = fields("title", Kind.TEXT, "description", Kind.TEXT, "skills", Kind.IDENTS,
                "questions", Kind.IDENTS, "passMark", Kind.DECIMAL, "timeLimitSeconds", Kind.INT, "maxAttempts", Kind.INT,
                "gradingMethod", Kind.ENUM, "reviewPolicy", Kind.ENUM);

        List<Target> targets = List.of(
                new Target("POST /skills", "POST", "/api/v1/skills", author, newSkill, skillFields, skillRequired),
                new Target("PUT /skills/{slug}", "PUT", "/api/v1/skills/" + skill, author, skillBody, skillFields, skillRequired),
                new Target("POST /skills/{slug}/relations", "POST", "/api/v1/skills/" + skill + "/relations", author,
                        Map.of("type", "requires", "target", "http"), fields("type", Kind.ENUM, "target", Kind.IDENT),
                        Set.of("type", "target")),
                new Target("PUT /learners/me/skills/{slug}/status", "PUT", "/api/v1/learners/me/skills/http/status", learner,
                        Map.of("status", "learning"), fields("status", Kind.ENUM), Set.of("status")),
                new Target("POST /lessons", "POST", "/api/v1/lessons", author, newLesson, lessonFields, lessonFields.keySet()),
                new Target("PUT /lessons/{slug}", "PUT", "/api/v1/lessons/" + lesson, author, lessonChanges, changeFields,
                        changeFields.keySet()),
                new Target("POST /questions", "POST", "/api/v1/questions", author, fullQuestion, questionFields,
                        Set.of("type", "prompt", "skills")),
                new Target("PUT /questions/{id}", "PUT", "/api/v1/questions/" + question, author, fullQuestion, questionFields,
                        Set.of("type", "prompt", "skills")),
                new Target("POST /quizzes", "POST", "/api/v1/quizzes", author, fullQuiz, quizFields, Set.of("title")),
                new Target("PUT /quizzes/{id}", "PUT", "/api/v1/quizzes/" + quiz, author, fullQuiz, quizFields, Set.of("title")),
                new Target("PUT /attempts/{id}/answers/{q}", "PUT", "/api/v1/attempts/" + attempt + "/answers/" + question,
                        learner, Map.of("value", true), fields("value", Kind.BOOL), Set.of("value")),
                new Target("POST /practice-sessions", "POST", "/api/v1/practice-sessions", learner,
                        Map.of("target", "skill", "skill", "http", "maxQuestions", 5, "targetChance", 0.7),
                        fields("target", Kind.ENUM, "skill", Kind.IDENT, "maxQuestions", Kind.INT, "targetChance", Kind.DECIMAL),
                        Set.of("target")),
                new Target("POST /practice-sessions/{id}/answers", "POST", "/api/v1/practice-sessions/" + practice + "/answers",
                        learner, practiceAnswer, fields("questionId", Kind.IDENT), Set.of("questionId", "answer")),
                new Target("POST /auth/token", "POST", "/api/v1/auth/token", null, Map.of("user", "demo-learner"),
                        fields("user", Kind.IDENT), Set.of("user")));

        List<Case> cases = new ArrayList<>();
        for (Target t : targets) {
            cases.addAll(bodyCases(t));
        }
        // writes without a body: broken ids and slugs in the path
        List<String> badIds = List.of("not-a-uuid", "'%20or%20'1'='1", "%3Cscript%3E", "99999999999999999999", "-1",
                "%E2%80%AE" + "x", "%F0%9F%9A%80", "%00", UUID.randomUUID().toString(), "x".repeat(3000));
        for (String id : badIds) {
            cases.add(pathCase("POST /lessons/{slug}/publish", "POST", "/api/v1/lessons/" + id + "/publish", author, id));
            cases.add(pathCase("POST /lessons/{slug}/completions", "POST", "/api/v1/lessons/" + id + "/completions", learner, id));
            cases.add(pathCase("POST /quizzes/{id}/publish", "POST", "/api/v1/quizzes/" + id + "/publish", author, id));
            cases.add(pathCase("POST /quizzes/{id}/attempts", "POST", "/api/v1/quizzes/" + id + "/attempts", learner, id));
            cases.add(pathCase("POST /attempts/{id}/submit", "POST", "/api/v1/attempts/" + id + "/submit", learner, id));
            cases.add(pathCase("POST /practice-sessions/{id}/end", "POST", "/api/v1/practice-sessions/" + id + "/end", learner, id));
            cases.add(pathCase("PUT /attempts/{id}/answers/{q}", "PUT", "/api/v1/attempts/" + attempt + "/answers/" + id,
                    learner, id, "{\"value\":true}"));
        }
        // paged reads: huge, negative and overflowing page sizes and numbers
        List<String> pages = List.of("size=100000", "size=0", "size=-1", "size=abc", "page=-1", "page=99999999999999999999",
                "size=2147483648", "page=1e3");
        for (String list : List.of("/api/v1/skills", "/api/v1/lessons", "/api/v1/quizzes", "/api/v1/questions",
                "/api/v1/search?q=sql", "/api/v1/learners/me/attempts", "/api/v1/learners/me/completions")) {
            for (String p : pages) {
                String path = list + (list.contains("?") ? "&" : "?") + p;
                String token = list.contains("/learners/") ? learner : author;
                cases.add(new Case("GET " + list.replaceFirst("\\?.*", ""), p, "GET", path, token, null, null));
            }
        }
        // reads with a body: GET takes none (the gateway refuses it before anything else)
        for (String list : List.of("/api/v1/skills", "/api/v1/lessons", "/api/v1/learners/me/mastery")) {
            cases.add(new Case("GET " + list, "GET with a JSON body", "GET", list, list.contains("/learners/") ? learner : author,
                    "application/json", "{\"page\":1}".getBytes(StandardCharsets.UTF_8)));
        }

        Map<String, Map<String, Long>> before = quiescentCounts();
        Http.Recording recording = gateway.recording();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byTarget = new TreeMap<>();
        int sent = 0;
        int fiveHundreds = 0;
        for (Case c : cases) {
            Http.Answer a = gateway.send(c.method(), c.path(), c.token(), c.contentType(), c.body(), Map.of());
            sent++;
            byStatus.merge(a.status(), 1, Integer::sum);
            byTarget.merge(c.target(), 1, Integer::sum);
            if (a.status() >= 500 || a.status() < 0) {
                fiveHundreds++;
            }
            if (a.status() < 400 || a.status() >= 500 || !a.isProblem()) {
                failures.add(c.target() + " [" + c.what() + "] → " + a.status() + " " + a.contentType() + " "
                        + a.abbreviated());
            }
        }
        recording.close();
        Map<String, Map<String, Long>> after = quiescentCounts();
        // every refusal is one the merged document describes (status, media type and problem schema)
        Contract.Report report = contract().check(recording.exchanges());
        report.violations().forEach((v, n) -> System.out.println("[bad input] contract: " + v + (n > 1 ? " (" + n + " answers)" : "")));
        List<String> changed = new ArrayList<>();
        for (String db : before.keySet()) {
            before.get(db).forEach((table, n) -> {
                long m = after.get(db).getOrDefault(table, -1L);
                if (m != n) {
                    changed.add(db + "." + table + ": " + n + " → " + m);
                }
            });
        }
        failures.forEach(f -> System.out.println("[bad input] NOT A 4xx PROBLEM: " + f));
        changed.forEach(f -> System.out.println("[bad input] ROWS CHANGED: " + f));

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("requests sent", sent);
        f.put("endpoints covered", byTarget.size() + " (" + targets.size() + " with bodies, 6 by path, "
                + (byTarget.size() - targets.size() - 6) + " reads: paged, or sent a body)");
        f.put("answers by status", byStatus);
        f.put("5xx answers", fiveHundreds);
        f.put("answers that were not a 4xx problem+json", failures.size());
        f.put("tables counted (3 databases)", before.values().stream().mapToInt(Map::size).sum());
        f.put("tables whose row count changed", changed.size());
        f.put("answers the merged document does not describe", report.violations().values().stream().mapToInt(Integer::intValue).sum());
        Figures.record("Bad input", f);

        assertTrue(sent >= 300, "at least 300 requests: " + sent);
        assertTrue(failures.isEmpty(), failures.size() + " malformed requests did not get a 4xx problem (listed above), e.g. "
                + failures.stream().limit(3).toList());
        assertEquals(List.of(), changed, "row counts unchanged");
        assertEquals(Map.of(), report.violations(), "refusals the merged document does not describe");
    }

    /**
     * A client that sends the head of a write and then trickles its body (a byte a second, as a slowloris would) is
     * answered 408 once the gateway's body deadline (10 s by default) has passed, the connection is closed, and
     * nothing reaches the service's database: the write never happened.
     */
    @Test
    void aBodyTrickledPastTheDeadlineIsARequestTimeoutAndChangesNothing() throws Exception {
        String learner = tokens.learner("slow-body-" + UUID.randomUUID());
        String body = "{\"status\":\"learning\"}";
        java.net.URI base = java.net.URI.create(sut.gatewayUrl());
        long started = System.nanoTime();
        String answer;
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/learners/me/skills/http/status HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Authorization: Bearer " + learner + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            // one byte a second until the gateway answers; it must answer before the body could have been finished
            int sent = 0;
            socket.setSoTimeout(1_000);
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            while (sent < body.length() - 1) {
                try {
                    int n = in.read();
                    if (n < 0) {
                        break;
                    }
                    received.write(n);
                    break;
                } catch (java.net.SocketTimeoutException stillWaiting) {
                    out.write(body.charAt(sent++));
                    out.flush();
                }
            }
            socket.setSoTimeout(30_000);
            in.transferTo(received); // to the end: the gateway closes the connection after its answer
            answer = received.toString(StandardCharsets.UTF_8);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertTrue(answer.startsWith("HTTP/1.1 408"), "a 408 before the body was complete: " + answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("/problems/request-timeout"), answer);
        assertTrue(seconds >= 9 && seconds < body.length(), "answered at the deadline, after " + seconds + " s");
        // the service never saw a complete write
        assertTrue(!reported(learner), "no status was recorded");
        // and the same request sent at once is served, and seen where the check above looked
        assertEquals(200, gateway.put("/api/v1/learners/me/skills/http/status", learner, Map.of("status", "learning")).status());
        assertTrue(reported(learner), "the status sent whole was recorded");
    }

    private static boolean reported(String learner) {
        Http.Answer mastery = gateway.get("/api/v1/learners/me/mastery", learner);
        assertEquals(200, mastery.status(), mastery.abbreviated());
        return mastery.body().contains("\"status\":\"learning\"") || mastery.body().contains("\"selfReported\":\"learning\"");
    }

    // --- the bugs this test found (B1-B5, docs/reliability.md), one reproduction each; fixed, kept as regression tests

    @Test
    void nulCharacterIsABadRequest() {
        String author = tokens.author("bug-author");
        Map<String, Object> quiz = Map.of("title", "before\u0000after", "skills", List.of("http"));
        assertProblem(gateway.post("/api/v1/quizzes", author, quiz), 400);
        assertProblem(gateway.post("/api/v1/skills", author, Map.of("slug", unique("bug-"), "name", "x\u0000y",
                "summary", "s", "description", "d", "level", "foundation", "category", "apis")), 400);
        assertProblem(gateway.post("/api/v1/lessons/%00/publish", author, null), 404);
    }

    @Test
    void trailingContentIsInvalidJson() {
        String learner = tokens.learner("bug-learner-" + UUID.randomUUID());
        assertProblem(gateway.send("PUT", "/api/v1/learners/me/skills/http/status", learner, "application/json",
                "{\"status\":\"learning\"}}"), 400);
    }

    @Test
    void fractionForAnIntegerIsRefused() {
        assertProblem(gateway.post("/api/v1/quizzes", tokens.author("bug-author"), Map.of("title", "t", "skills",
                List.of("http"), "maxAttempts", 1.5)), 400);
    }

    @Test
    void numberForABooleanIsRefused() {
        String author = tokens.author("bug-author");
        String learner = tokens.learner("bug-learner-" + UUID.randomUUID());
        String question = expect(gateway.post("/api/v1/questions", author, Map.of("type", "true_false", "prompt", "p",
                "skills", List.of("http"), "answer", true)), 201).json().path("id").asText();
        String quiz = expect(gateway.post("/api/v1/quizzes", author, Map.of("title", "t", "questions", List.of(question))),
                201).json().path("id").asText();
        expect(gateway.post("/api/v1/quizzes/" + quiz + "/publish", author, null), 200);
        String attempt = expect(gateway.post("/api/v1/quizzes/" + quiz + "/attempts", learner, null), 201).json()
                .path("id").asText();
        assertProblem(gateway.put("/api/v1/attempts/" + attempt + "/answers/" + question, learner, Map.of("value", 2)), 400);
    }

    @Test
    void tokenEndpointRefusesUnknownFields() {
        assertProblem(gateway.post("/api/v1/auth/token", null, Map.of("user", "demo-learner", "role", "admin")), 400);
    }

    static void assertProblem(Http.Answer a, int status) {
        assertEquals(status, a.status(), a.abbreviated());
        assertTrue(a.isProblem(), "problem+json: " + a.contentType());
    }

    /** Every way to break one endpoint's body. */
    static List<Case> bodyCases(Target t) {
        List<Case> out = new ArrayList<>();
        String valid = Http.toJson(t.valid());
        // not JSON, or not the JSON of an object
        for (String broken : List.of("", "{", "{\"slug\": }", "[1, 2", "nul", "{'single': 'quotes'}", "{\"a\":1,}", "[]",
                "\"a string\"", "42", "null", valid.substring(0, valid.length() / 2), "\u0000")) {
            out.add(raw(t, "invalid JSON " + quote(broken), "application/json", broken));
        }
        out.add(raw(t, "trailing content after the object", "application/json", valid + "}"));
        // wrong content types with a valid body, and bodies of other formats
        out.add(raw(t, "text/plain", "text/plain", valid));
        out.add(raw(t, "application/xml", "application/xml", "<skill><slug>x</slug></skill>"));
        out.add(raw(t, "form", "application/x-www-form-urlencoded", "slug=x&name=y"));
        // an unknown field, at the top level and beside a valid body
        out.add(json(t, "unknown field", with(t.valid(), "unexpected", 1)));
        out.add(json(t, "unknown field __proto__", with(t.valid(), "__proto__", Map.of("admin", true))));
        // missing required fields, one at a time
        for (String field : t.required()) {
            Map<String, Object> m = new LinkedHashMap<>(t.valid());
            m.remove(field);
            out.add(json(t, "missing " + field, m));
        }
        // per field: wrong types, out-of-range numbers, unknown enum values, odd unicode and injection in identifiers
        t.fields().forEach((field, kind) -> {
            out.add(json(t, field + " as an object", with(t.valid(), field, Map.of("x", 1))));
            if (kind != Kind.IDENTS) {
                out.add(json(t, field + " as an array", with(t.valid(), field, List.of(1, 2))));
            }
            switch (kind) {
                case TEXT -> {
                    out.add(json(t, field + " with a NUL character", with(t.valid(), field, "before\u0000after")));
                    if (t.required().contains(field)) {
                        out.add(json(t, field + " blank", with(t.valid(), field, "   ")));
                    }
                }
                case IDENT, ENUM -> {
                    for (String s : ODD_UNICODE) {
                        out.add(json(t, field + " odd unicode " + quote(s), with(t.valid(), field, s)));
                    }
                    for (String s : INJECTIONS) {
                        out.add(json(t, field + " injection " + quote(s), with(t.valid(), field, s)));
                    }
                    if (kind == Kind.ENUM) {
                        out.add(json(t, field + " unknown value", with(t.valid(), field, "no-such-value")));
                        out.add(json(t, field + " upper case", with(t.valid(), field, String.valueOf(t.valid().get(field)).toUpperCase())));
                    }
                }
                case INT -> {
                    for (Object n : List.of(-1, 0, 2147483648L, "99999999999999999999", "abc")) {
                        out.add(json(t, field + " = " + n, with(t.valid(), field, n instanceof String s && s.matches("\\d+")
                                ? new java.math.BigInteger(s) : n)));
                    }
                    out.add(json(t, field + " = 1.5", with(t.valid(), field, 1.5)));
                    out.add(raw(t, field + " = 1e400", "application/json", withRaw(t.valid(), field, "1e400")));
                }
                case DECIMAL -> {
                    for (Object n : List.of(-1, "abc", 1000)) {
                        out.add(json(t, field + " = " + n, with(t.valid(), field, n)));
                    }
                    out.add(raw(t, field + " = 1e400", "application/json", withRaw(t.valid(), field, "1e400")));
                    out.add(raw(t, field + " = -1e400", "application/json", withRaw(t.valid(), field, "-1e400")));
                }
                case IDENTS -> {
                    out.add(json(t, field + " as a single string", with(t.valid(), field, "http")));
                    out.add(json(t, field + " with an odd unicode entry", with(t.valid(), field, List.of("a\u200Bb"))));
                    out.add(json(t, field + " with an injection", with(t.valid(), field, List.of("' or '1'='1"))));
                    out.add(json(t, field + " with a null entry", with(t.valid(), field, java.util.Arrays.asList((Object) null))));
                    out.add(json(t, field + " with 1000 entries", with(t.valid(), field, java.util.Collections.nCopies(1000, "http"))));
                }
                case BOOL -> {
                    out.add(json(t, field + " = \"maybe\"", with(t.valid(), field, "maybe")));
                    out.add(json(t, field + " = 2", with(t.valid(), field, 2)));
                }
            }
        });
        // oversized: a 2 MB string in the first text field (or beside the body)
        String big = "x".repeat(2 * 1024 * 1024);
        String bigField = t.fields().entrySet().stream().filter(e -> e.getValue() == Kind.TEXT).map(Map.Entry::getKey)
                .findFirst().orElse(t.fields().keySet().iterator().next());
        out.add(json(t, "2 MB " + bigField, with(t.valid(), bigField, big)));
        return out;
    }

    static Case raw(Target t, String what, String contentType, String body) {
        return new Case(t.name(), what, t.method(), t.path(), t.token(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Case json(Target t, String what, Map<String, Object> body) {
        return raw(t, what, "application/json", Http.toJson(body));
    }

    static Case pathCase(String target, String method, String path, String token, String id) {
        return pathCase(target, method, path, token, id, null);
    }

    static Case pathCase(String target, String method, String path, String token, String id, String body) {
        String shown = id.length() > 40 ? id.substring(0, 20) + "…(" + id.length() + ")" : id;
        return new Case(target, "id " + shown, method, path, token, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(valid);
        m.put(field, value);
        return m;
    }

    /** The valid body with one field's value replaced by raw JSON text (numbers Jackson would not write). */
    static String withRaw(Map<String, Object> valid, String field, String rawValue) {
        Map<String, Object> m = new LinkedHashMap<>(valid);
        String marker = "__raw_" + UUID.randomUUID() + "__";
        m.put(field, marker);
        return Http.toJson(m).replace("\"" + marker + "\"", rawValue);
    }

    static Map<String, Kind> fields(Object... pairs) {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return m;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : (s.length() > 30 ? s.substring(0, 30) + "…" : s).toCharArray()) {
            b.append(ch < 0x20 || ch > 0x7e ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        return b.toString();
    }

    /** Row counts of all three databases once they stop moving (events of earlier tests may still be applied). */
    static Map<String, Map<String, Long>> quiescentCounts() {
        Map<String, Map<String, Long>> last = counts();
        for (int stable = 0, round = 0; stable < 3 && round < 60; round++) {
            Waits.pause(Duration.ofSeconds(1));
            Map<String, Map<String, Long>> now = counts();
            stable = now.equals(last) ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    static Map<String, Map<String, Long>> counts() {
        Map<String, Map<String, Long>> all = new TreeMap<>();
        for (String service : SystemUnderTest.SERVICES) {
            all.put(service, sut.rowCounts(service));
        }
        return all;
    }

    static Http.Answer expect(Http.Answer a, int status) {
        assertEquals(status, a.status(), "fixture: " + a.abbreviated());
        return a;
    }
}
