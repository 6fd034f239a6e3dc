package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.publishedQuiz;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a statistics request costs at 100 and at 100,000 first attempts: the attempts are written straight into the
 * database (the API would take hours), the sums rebuilt by the migration's backfill (timed too), then the request
 * timed. A measurement, not a check: run it with {@code -Dskillpath.measure=true}; docs/quiz.md has the figures.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@EnabledIfSystemProperty(named = "skillpath.measure", matches = "true")
class ItemStatisticsCostTest {

    static final String[] QUESTIONS = { "db-select", "db-relational", "db-primary-key", "db-where", "db-clause-order" };

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    java.util.Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    java.util.Optional<String> password;

    @Test
    void aStatisticsRequestCostsTheSameAt100And100000Attempts() throws Exception {
        String small = publishedQuiz(Map.of(), QUESTIONS);
        String large = publishedQuiz(Map.of(), QUESTIONS);
        insertAttempts(small, 100);
        long written = System.nanoTime();
        insertAttempts(large, 100_000);
        System.out.printf("[measure] 100,000 attempts written in %d ms%n", (System.nanoTime() - written) / 1_000_000);
        long backfill = System.nanoTime();
        rebuildSums();
        System.out.printf("[measure] backfill of every quiz's sums in %d ms%n", (System.nanoTime() - backfill) / 1_000_000);
        as(AUTHOR).get("/api/v1/quizzes/" + large + "/statistics").then().statusCode(200).body("attempts", equalTo(100_000));
        for (String quiz : List.of(small, large, small, large)) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long t = System.nanoTime();
                as(AUTHOR).get("/api/v1/quizzes/" + quiz + "/statistics").then().statusCode(200);
                times.add((System.nanoTime() - t) / 1_000);
            }
            times.sort(null);
            System.out.printf("[measure] %s attempts: median %d µs, 90th percentile %d µs%n",
                    quiz.equals(small) ? "100" : "100,000", times.get(15), times.get(27));
        }
    }

    /** {@code n} graded first attempts at the quiz, each question right or wrong at random. */
    private void insertAttempts(String quiz, int n) throws Exception {
        try (Connection c = bulk()) {
            UUID id = UUID.fromString(quiz);
            try (PreparedStatement ps = c.prepareStatement("insert into attempt (id, quiz_id, learner_id, number, status,"
                    + " started_at, submitted_at, graded_at, max_score, pass_mark, review_policy, score, passed)"
                    + " select gen_random_uuid(), ?, 'bulk-' || ? || '-' || i, 1, 'graded', now(), now(), now(), 0, 50,"
                    + " 'after_submit', 0, false from generate_series(1, ?) i")) {
                ps.setObject(1, id);
                ps.setString(2, quiz);
                ps.setInt(3, n);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into attempt_question (id, attempt_id, position,"
                    + " question_id, question_version_id, credit, score)"
                    + " select gen_random_uuid(), a.id, qq.position, qq.question_id, v.id, 0, 0"
                    + " from attempt a join quiz_question qq on qq.quiz_id = a.quiz_id"
                    + " join question q on q.id = qq.question_id join question_version v on v.question_id = q.id"
                    + " and v.version = q.current_version where a.quiz_id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            // each answer right with probability 0.6 (random() is evaluated per row)
            try (PreparedStatement ps = c.prepareStatement("update attempt_question aq set credit = r.c,"
                    + " score = r.c * v.points from (select id, case when random() < 0.6 then 1.0 else 0.0 end as c"
                    + " from attempt_question) r, question_version v, attempt a where r.id = aq.id"
                    + " and v.id = aq.question_version_id and a.id = aq.attempt_id and a.quiz_id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("update attempt a set score = s.score, max_score = s.max,"
                    + " passed = s.score >= s.max / 2 from (select aq.attempt_id, sum(aq.score) as score,"
                    + " sum(v.points) as max from attempt_question aq join question_version v on v.id = aq.question_version_id"
                    + " join attempt x on x.id = aq.attempt_id where x.quiz_id = ? group by aq.attempt_id) s"
                    + " where a.id = s.attempt_id")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
        }
    }

    private void rebuildSums() throws Exception {
        String sql = Files.readString(Path.of("src/main/resources/db/migration/V4__item_statistics_live.sql"),
                StandardCharsets.UTF_8);
        String backfill = sql.substring(sql.indexOf("-- backfill:begin"), sql.indexOf("-- backfill:end"));
        try (Connection c = bulk(); Statement s = c.createStatement()) {
            s.execute("delete from item_statistics");
            s.execute("delete from quiz_statistics");
            for (String statement : backfill.split(";")) {
                if (!statement.replaceAll("(?m)^\\s*--.*$", "").isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    /**
     * A plain connection to the service's database, without the pool's statement and socket timeouts: bulk writes
     * of 100,000 attempts outlast them.
     */
    private Connection bulk() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
    }
}
