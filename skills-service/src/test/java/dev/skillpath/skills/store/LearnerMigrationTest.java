package dev.skillpath.skills.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.PostgresServer;
import dev.skillpath.platform.catalog.SeededSkills;

/**
 * Learners of the previous model migrate: migration V2 turns each mastery row's counts into stored evidence the
 * replay can use, and marks the learner for replay. On a real PostgreSQL, migrated to V1, filled, then to V2.
 */
class LearnerMigrationTest {

    private static PostgresServer server;
    private static String database;

    @BeforeAll
    static void start() {
        server = PostgresServer.forTests();
        database = "migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.ensureDatabase(database);
    }

    @AfterAll
    static void stop() {
        server.dropDatabase(database);
        server.close();
    }

    private static Flyway flyway(String target) {
        return Flyway.configure().dataSource(server.jdbcUrl(database), server.user(), server.password())
                .locations("classpath:db/events", "classpath:db/migration").target(target).load();
    }

    @Test
    void eachMasteryRowBecomesThatManyAnswersAndItsLessonsBecomeLearningSteps() throws Exception {
        flyway("1").migrate();
        UUID git = SeededSkills.id("git");
        UUID sql = SeededSkills.id("sql");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute("insert into skill_category (id, slug, name, description, position) values"
                    + " ('" + UUID.randomUUID() + "', 'tools', 'Tools', 'd', 1)");
            for (UUID id : List.of(git, sql)) {
                s.execute("insert into skill (id, slug, name, summary, description, level, category_id) select '" + id
                        + "', '" + id.toString().substring(0, 8) + "', 'n', 's', 'd', 'foundation', id from skill_category");
            }
            // alice: git 3 answers, 2 right, and 1 lesson; sql 1 answer, wrong. bob: sql, 2 lessons, no answer
            s.execute("insert into mastery (learner_id, skill_id, probability, observations, correct_answers,"
                    + " learning_steps, last_evidence_at) values"
                    + " ('alice', '" + git + "', 0.8, 3, 2, 1, now()), ('alice', '" + sql + "', 0.1, 1, 0, 0, now()),"
                    + " ('bob', '" + sql + "', 0.35, 0, 0, 2, now())");
        }
        flyway("latest").migrate();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
                Statement s = c.createStatement()) {
            assertEquals(List.of("alice answer " + git + " false", "alice answer " + git + " true",
                    "alice answer " + git + " true", "alice lesson " + git + " null", "alice answer " + sql + " false",
                    "bob lesson " + sql + " null", "bob lesson " + sql + " null"),
                    rows(s, "select learner_id, kind, skill_ids[1], correct::text from evidence"
                            + " order by learner_id, skill_ids[1] = '" + sql + "', kind, id"));
            assertEquals(List.of("alice -1", "bob -1"), rows(s, "select learner_id, fit_id from learner_model order by 1"));
            // one event per (learner, skill): the answers of a row are one attempt for the replay
            assertEquals(List.of("3"), rows(s, "select count(*) from evidence where learner_id = 'alice' and kind = 'answer'"
                    + " and skill_ids[1] = '" + git + "' group by event_id"));
        }
    }

    private static List<String> rows(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    line.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(line.toString());
            }
        }
        return out;
    }
}
