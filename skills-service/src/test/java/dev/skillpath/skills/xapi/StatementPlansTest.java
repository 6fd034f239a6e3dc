package dev.skillpath.skills.xapi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every shape of statements query is one index range in the page's order: no Sort, no sequential scan, the index of
 * its filter. With the alternatives switched off, the planner still picks a Sort when no index gives the order, so a
 * plan without one proves the order comes from the index: what keeps a page's cost flat over a million statements
 * (the bench measures the time; this keeps the shape from regressing meanwhile).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class StatementPlansTest {

    static final String HOME = "https://skillpath.example";
    static final String AGENT = "{\"account\":{\"homePage\":\"" + HOME + "\",\"name\":\"ada\"}}";

    @Inject
    AgroalDataSource dataSource;

    String plan(Map<String, List<String>> params, String learner) throws Exception {
        StatementStore.Sql sql = StatementStore.pageSql(StatementQuery.parse(params, HOME, 500), learner);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local enable_seqscan = off");
                s.execute("set local enable_bitmapscan = off");
                s.execute("set local enable_sort = off");
                s.execute("set local plan_cache_mode = force_generic_plan"); // as a prepared query is planned
                // The plan must not hang on what other tests left in the table (a handful of rows, or none, where
                // any index will do: CI once saw the stored index chosen for a learner's read). So the planner sees a
                // spread like a real one: many learners, verbs, activities and registrations over two years on both
                // sides of the cursors below, rolled back after.
                s.execute("insert into xapi_statement (id, event_id, event_index, event_type, learner_id, verb_id,"
                        + " activity_id, registration, \"timestamp\", stored, statement)"
                        + " select gen_random_uuid(), gen_random_uuid(), 0, 'plan', 'plan-learner-' || (g % 200),"
                        + " 'plan-verb-' || (g % 10), 'plan-activity-' || (g % 500),"
                        + " case when g % 3 = 0 then gen_random_uuid() end, timestamptz '2025-01-01' + g * interval '1 hour',"
                        + " timestamptz '2025-01-01' + g * interval '1 hour', '{}' from generate_series(1, 20000) g");
                s.execute("analyze xapi_statement");
            }
            try (PreparedStatement ps = c.prepareStatement("explain " + sql.text())) {
                for (int i = 0; i < sql.args().size(); i++) {
                    ps.setObject(i + 1, sql.args().get(i));
                }
                StringBuilder out = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
                return out.toString();
            } finally {
                c.rollback();
            }
        }
    }

    void rangeOf(String index, Map<String, List<String>> params, String learner) throws Exception {
        String plan = plan(params, learner);
        assertTrue(plan.contains("Index Scan") && plan.contains(index), "expected a scan of " + index + ":\n" + plan);
        assertFalse(plan.contains("Sort"), "the order must come from the index:\n" + plan);
        assertFalse(plan.contains("Seq Scan"), plan);
    }

    @Test
    void eachFilterReadsItsIndexInOrder() throws Exception {
        rangeOf("xapi_statement_stored_idx", Map.of(), null);
        rangeOf("xapi_statement_stored_idx", Map.of("ascending", List.of("true"), "since",
                List.of("2026-01-01T00:00:00Z"), "cursor", List.of("1.1")), null);
        rangeOf("xapi_statement_learner_idx", Map.of(), "ada");
        rangeOf("xapi_statement_learner_idx", Map.of("agent", List.of(AGENT), "limit", List.of("100"), "cursor",
                List.of("1764000000000000.42")), "ada");
        rangeOf("xapi_statement_learner_idx", Map.of("since", List.of("2026-01-01T00:00:00Z"), "until",
                List.of("2026-02-01T00:00:00Z"), "ascending", List.of("true")), "ada");
        rangeOf("xapi_statement_verb_idx", Map.of("verb", List.of(XapiVerb.PASSED.iri())), null);
        rangeOf("xapi_statement_activity_idx", Map.of("activity", List.of(HOME + "/activities/skills/" + UUID.randomUUID())),
                null);
        rangeOf("xapi_statement_registration_idx", Map.of("registration", List.of(UUID.randomUUID().toString())), null);
        // two filters: either one's index, still in order
        String both = plan(Map.of("verb", List.of(XapiVerb.ANSWERED.iri())), "ada");
        assertFalse(both.contains("Sort") || both.contains("Seq Scan"), both);
    }
}
