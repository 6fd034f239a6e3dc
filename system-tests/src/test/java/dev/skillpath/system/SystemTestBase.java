package dev.skillpath.system;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeAll;

import dev.skillpath.system.support.Contract;
import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What every system test shares: the running system (started once), the gateway as its only entry, tokens. */
abstract class SystemTestBase {

    static SystemUnderTest sut;
    static Http gateway;
    static Tokens tokens;

    @BeforeAll
    static void system() {
        sut = SystemUnderTest.get();
        gateway = new Http(sut.gatewayUrl());
        tokens = sut.tokens();
        RestAssured.baseURI = sut.gatewayUrl();
        RestAssured.port = -1;
        RestAssured.config = RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
                .redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }

    private static Contract contract;

    /** The gateway's merged OpenAPI document, as a check of real answers (loaded once). */
    static synchronized Contract contract() {
        if (contract == null) {
            Http.Answer document = gateway.get("/openapi", null);
            org.junit.jupiter.api.Assertions.assertEquals(200, document.status(), document.abbreviated());
            contract = new Contract(document.json());
        }
        return contract;
    }

    /** A request through the gateway, with a bearer token when {@code token} is not null. */
    static RequestSpecification api(String token) {
        RequestSpecification spec = given().accept(ContentType.JSON).contentType(ContentType.JSON);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    /** A published quiz of one true/false question (answer: true) tagged with {@code skill}, unlimited attempts. */
    static String[] oneQuestionQuiz(String skill) {
        String author = tokens.author("fault-author");
        Http.Answer q = dev.skillpath.system.support.Waits.poll(() -> gateway.post("/api/v1/questions", author,
                java.util.Map.of("type", "true_false", "prompt", "Is " + skill + " worth learning?", "skills",
                        java.util.List.of(skill), "answer", true)), a -> a.status() != 422 && a.status() != 503,
                java.time.Duration.ofSeconds(60));
        org.junit.jupiter.api.Assertions.assertEquals(201, q.status(), q.abbreviated());
        String question = q.json().path("id").asText();
        Http.Answer quiz = gateway.post("/api/v1/quizzes", author, java.util.Map.of("title", "Fault quiz " + skill,
                "questions", java.util.List.of(question), "reviewPolicy", "after_submit"));
        org.junit.jupiter.api.Assertions.assertEquals(201, quiz.status(), quiz.abbreviated());
        String quizId = quiz.json().path("id").asText();
        Http.Answer published = gateway.post("/api/v1/quizzes/" + quizId + "/publish", author, null);
        org.junit.jupiter.api.Assertions.assertEquals(200, published.status(), published.abbreviated());
        return new String[] { quizId, question };
    }

    /** Fresh learners (ids unique to this run) and their tokens. */
    static java.util.Map<String, String> learners(String prefix, int n) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i + "-" + java.util.UUID.randomUUID();
            m.put(id, tokens.learner(id));
        }
        return m;
    }

    /** A learner's observations of one skill, as skills-service reports them (0 without evidence). */
    static int observations(String token, String skillSlug) {
        Http.Answer a = gateway.get("/api/v1/learners/me/mastery", token);
        org.junit.jupiter.api.Assertions.assertEquals(200, a.status(), a.abbreviated());
        for (com.fasterxml.jackson.databind.JsonNode m : a.json().path("skills")) {
            if (skillSlug.equals(m.path("skill").path("slug").asText())) {
                return m.path("observations").asInt();
            }
        }
        return 0;
    }

    /** How many of a learner's attempts at a quiz are graded, as quiz-service reports them. */
    static int gradedAttempts(String token, String quizId) {
        int n = 0;
        for (int page = 0; ; page++) {
            Http.Answer a = gateway.get("/api/v1/learners/me/attempts?size=100&page=" + page + "&quiz=" + quizId, token);
            org.junit.jupiter.api.Assertions.assertEquals(200, a.status(), a.abbreviated());
            for (com.fasterxml.jackson.databind.JsonNode at : a.json().path("items")) {
                n += "graded".equals(at.path("status").asText()) ? 1 : 0;
            }
            if (page + 1 >= a.json().path("totalPages").asInt()) {
                return n;
            }
        }
    }

    /**
     * How many learners' observations of {@code skill} differ from their graded attempts at {@code quizId} (each
     * waited for up to 60 s): skills-service must apply every graded attempt exactly once. Prints each mismatch.
     */
    static int observationMismatches(String label, java.util.Map<String, String> learners, String quizId, String skill) {
        int mismatches = 0;
        for (java.util.Map.Entry<String, String> l : learners.entrySet()) {
            int graded = gradedAttempts(l.getValue(), quizId);
            int observed = dev.skillpath.system.support.Waits.poll(() -> observations(l.getValue(), skill), n -> n == graded,
                    java.time.Duration.ofSeconds(60));
            if (observed != graded) {
                mismatches++;
                System.out.println("[" + label + "] " + l.getKey() + ": " + graded + " graded attempts, " + observed + " observations");
            }
        }
        return mismatches;
    }

    /** The two quiz-service routes the database faults probe through the gateway, 100 ms apart. */
    static java.util.List<dev.skillpath.system.support.RouteProbe> quizRouteProbes(String quizId) {
        return java.util.List.of(
                new dev.skillpath.system.support.RouteProbe("GET /quizzes", gateway, "/api/v1/quizzes?size=5", null,
                        java.time.Duration.ofMillis(100)),
                new dev.skillpath.system.support.RouteProbe("GET /quizzes/{id}", gateway, "/api/v1/quizzes/" + quizId, null,
                        java.time.Duration.ofMillis(100)));
    }

    /** Routes of the other services (content, skills) that a quiz-service fault must leave alone, 100 ms apart. */
    static java.util.List<dev.skillpath.system.support.RouteProbe> otherRouteProbes() {
        return java.util.List.of(
                new dev.skillpath.system.support.RouteProbe("GET /lessons", gateway, "/api/v1/lessons?size=5", null,
                        java.time.Duration.ofMillis(100)),
                new dev.skillpath.system.support.RouteProbe("GET /skills", gateway, "/api/v1/skills?size=5", null,
                        java.time.Duration.ofMillis(100)));
    }

    /** The graded attempts of a quiz, read straight from quiz-service's database. */
    static java.util.Set<java.util.UUID> gradedInDatabase(dev.skillpath.system.support.RestartablePostgres db, String quizId) {
        java.util.Set<java.util.UUID> graded = new java.util.HashSet<>();
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("select id from attempt where status = 'graded' and quiz_id = '"
                        + quizId + "'")) {
            while (rs.next()) {
                graded.add(java.util.UUID.fromString(rs.getString(1)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return graded;
    }

    /** Outbox rows of quiz-service not yet published. */
    static long unpublishedOutboxRows(dev.skillpath.system.support.RestartablePostgres db) {
        try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            return count(st, "select count(*) from outbox where published_at is null");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(java.sql.Statement st, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long millisSince(long t0) {
        return java.time.Duration.ofNanos(System.nanoTime() - t0).toMillis();
    }

    /** Answers counted by status. */
    static java.util.Map<Integer, Integer> statuses(java.util.List<dev.skillpath.system.support.RouteProbe.Hit> hits) {
        java.util.Map<Integer, Integer> m = new java.util.TreeMap<>();
        hits.forEach(h -> m.merge(h.status(), 1, Integer::sum));
        return m;
    }

    /** A name no other test (or earlier run against the same data) uses: lowercase letters only. */
    static String unique(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            name.append((char) ('a' + java.util.concurrent.ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }
}
