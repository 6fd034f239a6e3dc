package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillpath.system.support.AnswerKeys;
import dev.skillpath.system.support.Contract;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Http;

/**
 * Every endpoint × every kind of caller, through the gateway, with a valid body for each cell so that the status
 * says who may do what, not whether the input was good. The expected status of each cell is written in the table
 * below; the test counts deviations (there must be none), checks that learner B never sees learner A's attempts,
 * completions or mastery, and that no learner-facing answer holds an answer key before grading.
 */
@Order(2)
class AuthorizationMatrixSystemTest extends SystemTestBase {

    enum Caller {
        ANONYMOUS("anon"), LEARNER_A("learner A"), LEARNER_B("learner B"), AUTHOR("author"), ADMIN("admin"),
        EXPIRED("expired"), WRONGLY_SIGNED("wrong key"), ALG_NONE("alg none"), OTHER_AUDIENCE("other aud"),
        NO_AUDIENCE("no aud");

        final String label;

        Caller(String label) {
            this.label = label;
        }

        boolean badToken() {
            return this == EXPIRED || this == WRONGLY_SIGNED || this == ALG_NONE || this == OTHER_AUDIENCE
                    || this == NO_AUDIENCE;
        }
    }

    /** One request of a cell: method, path and body (null: none). */
    record Call(String method, String path, Object body) {
    }

    /** A row: an endpoint, how to call it as each caller (fixtures made first where needed), what each must get. */
    record Row(String endpoint, Function<Caller, Call> call, Map<Caller, Set<Integer>> expected, boolean learnerFacing) {
    }

    final String learnerA = "matrix-learner-a-" + UUID.randomUUID();
    final String learnerB = "matrix-learner-b-" + UUID.randomUUID();
    final Map<Caller, String> token = new EnumMap<>(Caller.class);
    String admin;

    // --- expectations: the access rules of docs/gateway.md and the services' docs, one builder per kind of route

    static final Set<Integer> UNAUTHORIZED = Set.of(401);

    /** Anyone, with or without a token; a bad token is refused (the gateway rejects any request carrying one). */
    static Map<Caller, Set<Integer>> publicRead(Integer... ok) {
        return build(Set.of(ok), Set.of(ok), Set.of(ok), Set.of(ok), Set.of(ok));
    }

    /** Any valid token, any role. */
    static Map<Caller, Set<Integer>> signedIn(Integer... ok) {
        return build(UNAUTHORIZED, Set.of(ok), Set.of(ok), Set.of(ok), Set.of(ok));
    }

    /** Authors and admins; learners 403. */
    static Map<Caller, Set<Integer>> authoring(Integer... ok) {
        return build(UNAUTHORIZED, Set.of(403), Set.of(403), Set.of(ok), Set.of(ok));
    }

    /** Learner A's own resource (an attempt): B and the author get the 404 of an unknown id; admins read it. */
    static Map<Caller, Set<Integer>> ownedByA(Integer... ok) {
        return build(UNAUTHORIZED, Set.of(ok), Set.of(404), Set.of(404), Set.of(ok));
    }

    /** A change to learner A's own work (an attempt's answers, its submission): A only; admins 403, others 404. */
    static Map<Caller, Set<Integer>> changedByAOnly(Integer... ok) {
        return build(UNAUTHORIZED, Set.of(ok), Set.of(404), Set.of(404), Set.of(403));
    }

    /** Admins only; learners and authors 403. */
    static Map<Caller, Set<Integer>> adminOnly(Integer... ok) {
        return build(UNAUTHORIZED, Set.of(403), Set.of(403), Set.of(403), Set.of(ok));
    }

    /** {@code ?learner=A}: A asking for themselves, admins for anyone; anyone else 403. */
    static Map<Caller, Set<Integer>> aOrAdmin() {
        return build(UNAUTHORIZED, Set.of(200), Set.of(403), Set.of(403), Set.of(200));
    }

    static Map<Caller, Set<Integer>> build(Set<Integer> anonymous, Set<Integer> a, Set<Integer> b, Set<Integer> author,
            Set<Integer> admin) {
        Map<Caller, Set<Integer>> m = new EnumMap<>(Caller.class);
        m.put(Caller.ANONYMOUS, anonymous);
        m.put(Caller.LEARNER_A, a);
        m.put(Caller.LEARNER_B, b);
        m.put(Caller.AUTHOR, author);
        m.put(Caller.ADMIN, admin);
        m.put(Caller.EXPIRED, UNAUTHORIZED);
        m.put(Caller.WRONGLY_SIGNED, UNAUTHORIZED);
        m.put(Caller.ALG_NONE, UNAUTHORIZED);
        m.put(Caller.OTHER_AUDIENCE, UNAUTHORIZED);
        m.put(Caller.NO_AUDIENCE, UNAUTHORIZED);
        return m;
    }

    @Test
    void everyEndpointForEveryCaller() {
        Http.Recording recording = gateway.recording();
        try {
            matrix();
        } finally {
            recording.close();
        }
        // every answer the matrix got (fixtures too), checked against the merged document
        Contract.Report report = contract().check(recording.exchanges());
        List<String> uncovered = report.uncovered(contract());
        report.violations().forEach((v, n) -> System.out.println("[contract] " + v + (n > 1 ? " (" + n + " answers)" : "")));
        uncovered.forEach(u -> System.out.println("[contract] not covered: " + u));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("answers checked against the merged document", report.exchanges());
        f.put("operations in the document", contract().operations().size());
        f.put("operations with a checked 2xx and a checked 4xx problem", contract().operations().size()
                - uncovered.stream().map(u -> u.substring(0, u.indexOf(" ("))).distinct().count());
        f.put("distinct violations", report.violations().size());
        Figures.record("Contract (merged OpenAPI document, json-schema-validator)", f);
        assertEquals(Map.of(), report.violations(), "answers the document does not describe");
        assertEquals(List.of(), uncovered, "operations of the document the matrix did not check");
    }

    void matrix() {
        admin = tokens.admin("matrix-admin");
        token.put(Caller.LEARNER_A, tokens.learner(learnerA));
        token.put(Caller.LEARNER_B, tokens.learner(learnerB));
        token.put(Caller.AUTHOR, tokens.author("matrix-author"));
        token.put(Caller.ADMIN, admin);
        token.put(Caller.EXPIRED, tokens.expired(learnerA));
        token.put(Caller.WRONGLY_SIGNED, tokens.wronglySigned(learnerA));
        token.put(Caller.ALG_NONE, tokens.algNone(learnerA));
        token.put(Caller.OTHER_AUDIENCE, tokens.forAudience(learnerA, "billing"));
        token.put(Caller.NO_AUDIENCE, tokens.forAudience(learnerA, null));

        // --- fixtures, made by the admin through the gateway
        String skill = unique("matrix-skill-");
        ok(gateway.post("/api/v1/skills", admin, skillBody(skill)), 201);
        String seededLesson = gateway.get("/api/v1/lessons?size=1", null).json().path("items").get(0).path("slug").asText();
        String lesson = unique("matrix-lesson-");
        ok(awaitKnown(() -> gateway.post("/api/v1/lessons", admin, lessonBody(lesson, true))), 201);
        String question = ok(awaitKnown(() -> gateway.post("/api/v1/questions", admin, questionBody())), 201)
                .json().path("id").asText();
        String seededQuiz = seededQuizId();
        String quiz = ok(gateway.post("/api/v1/quizzes", admin, quizBody(question)), 201).json().path("id").asText();
        ok(gateway.post("/api/v1/quizzes/" + quiz + "/publish", admin, null), 200);
        // learner A's attempt at it (open), and some history of A's to be kept from B
        JsonNode attempt = ok(gateway.post("/api/v1/quizzes/" + quiz + "/attempts", token.get(Caller.LEARNER_A), null), 201).json();
        String attemptId = attempt.path("id").asText();
        ok(gateway.post("/api/v1/lessons/" + seededLesson + "/completions", token.get(Caller.LEARNER_A), null), 201);
        ok(gateway.put("/api/v1/learners/me/skills/http/status", token.get(Caller.LEARNER_A), Map.of("status", "learning")), 200);

        // learner A's practice session and the question it gives
        String practice = ok(gateway.post("/api/v1/practice-sessions", token.get(Caller.LEARNER_A),
                Map.of("target", "skill", "skill", "git")), 201).json().path("id").asText();
        String practised = ok(gateway.get("/api/v1/practice-sessions/" + practice + "/next", token.get(Caller.LEARNER_A)), 200)
                .json().path("question").path("questionId").asText();
        Map<String, Object> practiceAnswer = Map.of("questionId", practised,
                "answer", anyAnswer(ok(gateway.get("/api/v1/questions/" + practised, admin), 200).json()));

        // a fit of the learner model to read (one is made at start; else ask for one and wait)
        String fit = awaitFit();
        List<Row> rows = new ArrayList<>();
        // skills-service
        rows.add(row("GET /skill-categories", c -> get("/api/v1/skill-categories"), publicRead(200)));
        rows.add(row("GET /skill-graph", c -> get("/api/v1/skill-graph"), publicRead(200)));
        rows.add(row("GET /skills", c -> get("/api/v1/skills?category=algorithms"), publicRead(200)));
        rows.add(row("GET /skills/{slug}", c -> get("/api/v1/skills/http"), publicRead(200)));
        rows.add(row("GET /skills/{slug}/prerequisites", c -> get("/api/v1/skills/binary-search/prerequisites"), publicRead(200)));
        rows.add(row("GET /skills/{slug}/path", c -> get("/api/v1/skills/binary-search/path"), publicRead(200)));
        rows.add(row("POST /skills", c -> new Call("POST", "/api/v1/skills", skillBody(unique("matrix-new-"))), authoring(201)));
        rows.add(row("PUT /skills/{slug}", c -> new Call("PUT", "/api/v1/skills/" + skill, skillBody(skill)), authoring(200)));
        rows.add(row("DELETE /skills/{slug}", c -> new Call("DELETE", "/api/v1/skills/" + disposableSkill(c), null), authoring(204)));
        rows.add(row("POST /skills/{slug}/relations", c -> new Call("POST", "/api/v1/skills/" + skill + "/relations",
                Map.of("type", "recommends", "target", "html")), authoring(201, 200)));
        rows.add(row("DELETE /skills/{slug}/relations/{type}/{target}", c -> {
            ok(gateway.post("/api/v1/skills/" + skill + "/relations", admin, Map.of("type", "recommends", "target", "css")), 201, 200);
            return new Call("DELETE", "/api/v1/skills/" + skill + "/relations/recommends/css", null);
        }, authoring(204)));
        rows.add(learnerRow("GET /learners/me/mastery", c -> get("/api/v1/learners/me/mastery"), signedIn(200)));
        rows.add(learnerRow("GET /learners/me/mastery?learner=A", c -> get("/api/v1/learners/me/mastery?learner=" + learnerA), aOrAdmin()));
        rows.add(learnerRow("GET /learners/me/frontier", c -> get("/api/v1/learners/me/frontier"), signedIn(200)));
        rows.add(learnerRow("GET /learners/me/frontier?learner=A", c -> get("/api/v1/learners/me/frontier?learner=" + learnerA), aOrAdmin()));
        rows.add(learnerRow("GET /learners/me/reviews", c -> get("/api/v1/learners/me/reviews"), signedIn(200)));
        rows.add(learnerRow("GET /learners/me/reviews?learner=A", c -> get("/api/v1/learners/me/reviews?learner=" + learnerA), aOrAdmin()));
        // learning records (skills-service): a learner's own, an admin's anyone's; the agent is an account of the
        // default home page, which the system's skills-service keeps
        rows.add(learnerRow("GET /xapi/statements", c -> get("/api/v1/xapi/statements?limit=10"), signedIn(200)));
        rows.add(learnerRow("GET /xapi/statements?agent=A", c -> get("/api/v1/xapi/statements?agent=" + java.net.URLEncoder
                .encode("{\"account\":{\"homePage\":\"https://skillpath.example\",\"name\":\"" + learnerA + "\"}}",
                        java.nio.charset.StandardCharsets.UTF_8)), aOrAdmin()));
        rows.add(row("PUT /learners/me/skills/{slug}/status", c -> new Call("PUT", "/api/v1/learners/me/skills/git/status",
                Map.of("status", "done")), signedIn(200)));
        rows.add(row("DELETE /learners/me/skills/{slug}/status", c -> new Call("DELETE", "/api/v1/learners/me/skills/git/status", null),
                signedIn(204)));
        rows.add(learnerRow("GET /learners/me/mastery/{skill}/evidence", c -> get("/api/v1/learners/me/mastery/http/evidence"),
                signedIn(200)));
        // the learner model (skills-service)
        rows.add(row("GET /learner-model", c -> get("/api/v1/learner-model"), authoring(200)));
        rows.add(row("GET /learner-model/fits", c -> get("/api/v1/learner-model/fits"), authoring(200)));
        rows.add(row("GET /learner-model/fits/{id}", c -> get("/api/v1/learner-model/fits/" + fit), authoring(200)));
        rows.add(row("GET /learner-model/items", c -> get("/api/v1/learner-model/items"), authoring(200)));
        rows.add(row("POST /learner-model/fits", c -> new Call("POST", "/api/v1/learner-model/fits", null), adminOnly(202, 409)));
        // dead letters, in each service
        for (String service : List.of("content-service", "skills-service", "quiz-service")) {
            String base = "/api/v1/admin/dead-letters/" + service;
            String group = ok(gateway.get(base, admin), 200).json().path("groups").path(0).path("group").asText();
            rows.add(row("GET " + base, c -> get(base), adminOnly(200)));
            rows.add(row("POST " + base + "/{group}/replay", c -> new Call("POST", base + "/" + group + "/replay", null),
                    adminOnly(200)));
        }
        // content-service
        rows.add(learnerRow("GET /lessons", c -> get("/api/v1/lessons"), publicRead(200)));
        rows.add(learnerRow("GET /lessons/{slug}", c -> get("/api/v1/lessons/" + seededLesson), publicRead(200)));
        rows.add(row("GET /lessons/{slug}/versions", c -> get("/api/v1/lessons/" + seededLesson + "/versions"), publicRead(200)));
        rows.add(row("GET /lessons/{slug}/versions/{n}", c -> get("/api/v1/lessons/" + seededLesson + "/versions/1"), publicRead(200)));
        rows.add(row("GET /lessons/{slug}/draft", c -> get("/api/v1/lessons/" + lesson + "/draft"), authoring(200)));
        rows.add(row("POST /lessons", c -> new Call("POST", "/api/v1/lessons", lessonBody(unique("matrix-new-"), true)), authoring(201)));
        rows.add(row("PUT /lessons/{slug}", c -> new Call("PUT", "/api/v1/lessons/" + lesson, lessonBody(lesson, false)), authoring(200)));
        rows.add(row("POST /lessons/{slug}/publish", c -> new Call("POST", "/api/v1/lessons/" + lesson + "/publish", null), authoring(200)));
        rows.add(row("DELETE /lessons/{slug}", c -> new Call("DELETE", "/api/v1/lessons/" + disposableLesson(c), null), authoring(204)));
        rows.add(row("POST /lessons/{slug}/completions", c -> new Call("POST", "/api/v1/lessons/" + seededLesson + "/completions", null),
                signedIn(201, 200)));
        rows.add(learnerRow("GET /learners/me/completions", c -> get("/api/v1/learners/me/completions"), signedIn(200)));
        rows.add(learnerRow("GET /learners/me/completions?learner=A", c -> get("/api/v1/learners/me/completions?learner=" + learnerA), aOrAdmin()));
        rows.add(learnerRow("GET /search", c -> get("/api/v1/search?q=binary%20search"), publicRead(200)));
        // quiz-service
        rows.add(learnerRow("GET /quizzes", c -> get("/api/v1/quizzes"), publicRead(200)));
        rows.add(learnerRow("GET /quizzes/{id}", c -> get("/api/v1/quizzes/" + seededQuiz), publicRead(200)));
        rows.add(row("POST /quizzes", c -> new Call("POST", "/api/v1/quizzes", quizBody(question)), authoring(201)));
        rows.add(row("PUT /quizzes/{id}", c -> new Call("PUT", "/api/v1/quizzes/" + quiz, quizBody(question)), authoring(200)));
        rows.add(row("POST /quizzes/{id}/publish", c -> new Call("POST", "/api/v1/quizzes/" + quiz + "/publish", null), authoring(200)));
        rows.add(row("DELETE /quizzes/{id}", c -> new Call("DELETE", "/api/v1/quizzes/" + disposableQuiz(c, question), null), authoring(204)));
        rows.add(row("GET /quizzes/{id}/statistics", c -> get("/api/v1/quizzes/" + seededQuiz + "/statistics"), authoring(200)));
        rows.add(row("GET /questions", c -> get("/api/v1/questions"), authoring(200)));
        rows.add(row("POST /questions", c -> new Call("POST", "/api/v1/questions", questionBody()), authoring(201)));
        rows.add(row("GET /questions/{id}", c -> get("/api/v1/questions/" + question), authoring(200)));
        rows.add(row("PUT /questions/{id}", c -> new Call("PUT", "/api/v1/questions/" + question, questionBody()), authoring(200)));
        rows.add(row("GET /questions/{id}/versions", c -> get("/api/v1/questions/" + question + "/versions"), authoring(200)));
        rows.add(learnerRow("POST /quizzes/{id}/attempts", c -> new Call("POST", "/api/v1/quizzes/" + seededQuiz + "/attempts", null),
                signedIn(201, 200)));
        rows.add(learnerRow("GET /attempts/{A's}", c -> get("/api/v1/attempts/" + attemptId), ownedByA(200)));
        rows.add(learnerRow("PUT /attempts/{A's}/answers/{q}", c -> new Call("PUT", "/api/v1/attempts/" + attemptId + "/answers/" + question,
                Map.of("value", true)), changedByAOnly(200)));
        rows.add(learnerRow("GET /learners/me/attempts", c -> get("/api/v1/learners/me/attempts"), signedIn(200)));
        rows.add(learnerRow("GET /learners/me/attempts?learner=A", c -> get("/api/v1/learners/me/attempts?learner=" + learnerA), aOrAdmin()));
        // after grading a review may be shown: this row is not checked for keys
        rows.add(row("POST /attempts/{A's}/submit", c -> new Call("POST", "/api/v1/attempts/" + attemptId + "/submit", null), changedByAOnly(200)));
        rows.add(learnerRow("POST /practice-sessions", c -> new Call("POST", "/api/v1/practice-sessions",
                Map.of("target", "skill", "skill", "sql")), signedIn(201)));
        rows.add(learnerRow("GET /practice-sessions/{A's}", c -> get("/api/v1/practice-sessions/" + practice), ownedByA(200)));
        rows.add(learnerRow("GET /practice-sessions/{A's}/next", c -> get("/api/v1/practice-sessions/" + practice + "/next"),
                changedByAOnly(200)));
        // graded at once: the answer shows the key, so this row is not checked for keys
        rows.add(row("POST /practice-sessions/{A's}/answers", c -> new Call("POST", "/api/v1/practice-sessions/" + practice
                + "/answers", practiceAnswer), changedByAOnly(200)));
        rows.add(row("POST /practice-sessions/{A's}/end", c -> new Call("POST", "/api/v1/practice-sessions/" + practice
                + "/end", null), changedByAOnly(200)));
        // the gateway's own routes
        rows.add(row("POST /auth/token", c -> new Call("POST", "/api/v1/auth/token", Map.of("user", "demo-learner")), publicRead(200)));
        rows.add(row("GET /auth/demo-users", c -> get("/api/v1/auth/demo-users"), publicRead(200)));
        rows.add(learnerRow("GET /me/dashboard", c -> get("/api/v1/me/dashboard"), signedIn(200)));
        rows.add(learnerRow("GET /me/path/{skill}", c -> get("/api/v1/me/path/binary-search"), signedIn(200)));


        int cells = 0;
        List<String> deviations = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        List<String> crossings = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-50s", "endpoint"));
        for (Caller c : Caller.values()) {
            table.append(String.format(" %-10s", c.label));
        }
        table.append('\n');
        for (Row row : rows) {
            table.append(String.format("%-50s", row.endpoint()));
            for (Caller c : Caller.values()) {
                Call call = row.call().apply(c);
                Http.Answer a = gateway.send(call.method(), call.path(), token.get(c),
                        call.body() == null ? null : "application/json", call.body() == null ? null : Http.toJson(call.body()));
                cells++;
                Set<Integer> expected = row.expected().get(c);
                boolean asExpected = expected.contains(a.status());
                String cell = String.valueOf(a.status());
                if (!asExpected) {
                    deviations.add(row.endpoint() + " as " + c.label + ": expected " + expected + ", got " + a.status()
                            + " " + a.abbreviated());
                    cell += "!";
                }
                table.append(String.format(" %-10s", cell));
                if (a.status() >= 200 && a.status() < 300 && (c == Caller.LEARNER_A || c == Caller.LEARNER_B)) {
                    if (row.learnerFacing() && a.body() != null && !a.body().isEmpty()) {
                        List<String> found = AnswerKeys.leaks(a.json());
                        if (!found.isEmpty()) {
                            leaks.add(row.endpoint() + " as " + c.label + ": " + found);
                        }
                    }
                    if (c == Caller.LEARNER_B && (a.body().contains(learnerA) || a.body().contains(attemptId))) {
                        crossings.add(row.endpoint() + " as learner B shows learner A's data: " + a.abbreviated());
                    }
                }
            }
            table.append('\n');
        }
        System.out.println("\n[matrix] status per endpoint and caller (! deviation)\n" + table);
        deviations.forEach(d -> System.out.println("[matrix] DEVIATION " + d));

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("endpoints × callers", rows.size() + " × " + Caller.values().length);
        f.put("cells (requests sent)", cells);
        f.put("deviations", deviations.size());
        f.put("learner B seeing learner A's data", crossings.size());
        f.put("answer keys in learner-facing answers before grading", leaks.size());
        Figures.record("Authorization matrix", f);

        assertEquals(List.of(), deviations, "deviations from the expected status");
        assertEquals(List.of(), crossings, "learner B must never see learner A's attempts, completions or mastery");
        assertEquals(List.of(), leaks, "answer keys before grading");
        assertTrue(cells >= rows.size() * 8);
    }

    // --- rows

    static Row row(String endpoint, Function<Caller, Call> call, Map<Caller, Set<Integer>> expected) {
        return new Row(endpoint, call, expected, false);
    }

    static Row learnerRow(String endpoint, Function<Caller, Call> call, Map<Caller, Set<Integer>> expected) {
        return new Row(endpoint, call, expected, true);
    }

    static Call get(String path) {
        return new Call("GET", path, null);
    }

    // --- fixtures and bodies

    /** An answer of the question's shape (right or wrong does not matter here), from its author view. */
    static Map<String, Object> anyAnswer(JsonNode question) {
        JsonNode options = question.path("options");
        List<String> ids = new ArrayList<>();
        options.forEach(o -> ids.add(o.path("id").asText()));
        return switch (question.path("type").asText()) {
            case "single_choice" -> Map.of("choice", ids.get(0));
            case "multiple_choice" -> Map.of("choices", List.of(ids.get(0)));
            case "true_false" -> Map.of("value", true);
            case "short_text" -> Map.of("text", "an answer");
            case "numeric" -> Map.of("number", 1);
            case "ordering" -> Map.of("order", ids);
            default -> throw new IllegalStateException("a question type the matrix does not know: " + question.path("type"));
        };
    }

    String disposableSkill(Caller c) {
        String slug = unique("matrix-gone-");
        ok(gateway.post("/api/v1/skills", admin, skillBody(slug)), 201);
        return slug;
    }

    String disposableLesson(Caller c) {
        String slug = unique("matrix-gone-");
        ok(gateway.post("/api/v1/lessons", admin, lessonBody(slug, true)), 201);
        return slug;
    }

    String disposableQuiz(Caller c, String question) {
        return ok(gateway.post("/api/v1/quizzes", admin, quizBody(question)), 201).json().path("id").asText();
    }

    static Map<String, Object> skillBody(String slug) {
        return Map.of("slug", slug, "name", "Matrix " + slug, "summary", "A skill of the authorization matrix.",
                "description", "Made by the system test.", "level", "foundation", "category", "apis");
    }

    static Map<String, Object> lessonBody(String slug, boolean withSlug) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (withSlug) {
            body.put("slug", slug);
        }
        body.put("title", "Matrix lesson");
        body.put("summary", "A lesson of the authorization matrix.");
        body.put("body", "Text.");
        body.put("level", "foundation");
        body.put("estimatedMinutes", 3);
        body.put("skills", List.of("http"));
        return body;
    }

    static Map<String, Object> questionBody() {
        return Map.of("type", "true_false", "prompt", "HTTP is stateless?", "skills", List.of("http"), "answer", true);
    }

    static Map<String, Object> quizBody(String question) {
        return Map.of("title", "Matrix quiz", "skills", List.of("http"), "questions", List.of(question));
    }

    String awaitFit() {
        JsonNode fits = ok(gateway.get("/api/v1/learner-model/fits", admin), 200).json();
        if (fits.isEmpty()) {
            ok(gateway.post("/api/v1/learner-model/fits", admin, null), 202, 409);
            fits = dev.skillpath.system.support.Waits.poll(() -> gateway.get("/api/v1/learner-model/fits", admin).json(),
                    f -> !f.isEmpty(), java.time.Duration.ofSeconds(60));
        }
        return fits.path(0).path("id").asText();
    }

    static String seededQuizId() {
        for (JsonNode q : gateway.get("/api/v1/quizzes?size=100", null).json().path("items")) {
            if (q.path("title").asText().equals("Backend basics")) {
                return q.path("id").asText();
            }
        }
        throw new AssertionError("the seeded quiz 'Backend basics' is missing");
    }

    /** Repeats a write while the service's catalogue projection does not know the tag yet (422/503). */
    static Http.Answer awaitKnown(java.util.function.Supplier<Http.Answer> write) {
        return dev.skillpath.system.support.Waits.poll(write, a -> a.status() != 422 && a.status() != 503,
                java.time.Duration.ofSeconds(60));
    }

    static Http.Answer ok(Http.Answer a, Integer... expected) {
        assertTrue(Set.of(expected).contains(a.status()), "fixture: expected " + Set.of(expected) + ", got "
                + a.status() + " " + a.abbreviated());
        return a;
    }
}
