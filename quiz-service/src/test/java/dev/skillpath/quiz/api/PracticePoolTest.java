package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.AUTHOR;
import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.publish;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.payload.ItemParametersFitted;
import dev.skillpath.events.payload.SkillChanged;
import dev.skillpath.quiz.practice.PracticePool;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The practice pool that each pick reads instead of the database: this replica's edits and fits reach it when they
 * commit; another replica's (a second pool over the same database, which hears none of this one's changes) within its
 * refresh; and until then it is kept, not read again.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class PracticePoolTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    PracticePool pool;

    @Inject
    AgroalDataSource dataSource;

    /** A skill nobody else tags, known to quiz-service's catalogue projection, with one true/false question. */
    UUID skillWithAQuestion(String slug) throws InterruptedException {
        UUID id = UUID.randomUUID();
        publish(bootstrap, EventTypes.SKILL_CREATED, id.toString(),
                new SkillChanged(id, slug, "Skill " + slug, "testing", "foundation", false));
        waitUntil(() -> as(AUTHOR).body(trueFalse(slug)).post("/api/v1/questions").statusCode() == 201);
        return id;
    }

    static Map<String, Object> trueFalse(String slug) {
        return Map.of("type", "true_false", "prompt", "Pool " + shortId(), "skills", List.of(slug), "answer", true,
                "trueFeedback", "It is.", "falseFeedback", "It is not.");
    }

    @Test
    void anAdditionOnThisReplicaIsInTheNextPickAndAnotherReplicaSeesItWithinItsRefresh() throws Exception {
        String slug = "pool-" + shortId();
        UUID skill = skillWithAQuestion(slug);
        PracticePool otherReplica = new PracticePool(Duration.ofMillis(800), dataSource);
        assertEquals(1, pool.of(Set.of(skill)).size());
        assertEquals(1, otherReplica.of(Set.of(skill)).size());

        as(AUTHOR).body(trueFalse(slug)).post("/api/v1/questions").then().statusCode(201);
        assertEquals(2, pool.of(Set.of(skill)).size(), "this replica's addition is in the pool once it committed");
        long kept = System.nanoTime();
        assertEquals(1, otherReplica.of(Set.of(skill)).size(), "the other replica keeps what it read");
        waitUntil(() -> otherReplica.of(Set.of(skill)).size() == 2);
        assertTrue(System.nanoTime() - kept < Duration.ofSeconds(5).toNanos(), "seen within about its refresh");
    }

    @Test
    void anEditInPlaceAndAFitReachThePoolWhenTheyCommit() throws Exception {
        String slug = "pool-" + shortId();
        UUID skill = skillWithAQuestion(slug);
        PracticePool.Entry before = pool.of(Set.of(skill)).get(0);
        assertFalse(before.fitted());
        assertEquals(0.5, before.guess(), 1e-9, "a true/false question's starting guess");

        // nobody was given it: the edit changes version 1 in place, into a single choice of four options
        as(AUTHOR).body(Map.of("type", "single_choice", "prompt", "Which? " + shortId(), "skills", List.of(slug),
                "options", List.of(Map.of("text", "A", "correct", true), Map.of("text", "B"), Map.of("text", "C"),
                        Map.of("text", "D")))).put("/api/v1/questions/" + before.questionId()).then().statusCode(200);
        PracticePool.Entry edited = pool.of(Set.of(skill)).get(0);
        assertEquals(before.versionId(), edited.versionId());
        assertEquals(0.25, edited.guess(), 1e-9, "one right option of four");

        publish(bootstrap, EventTypes.ITEM_PARAMETERS_FITTED, before.questionId().toString(), new ItemParametersFitted(
                before.questionId(), 1, 0.21, 0.07, 0.4, 35, 77_000, Instant.now()));
        // pools are kept 10 minutes in tests: only the fit's commit can make the pool read it again
        waitUntil(() -> pool.of(Set.of(skill)).get(0).fitted());
        PracticePool.Entry fitted = pool.of(Set.of(skill)).get(0);
        assertEquals(0.21, fitted.guess(), 1e-9);
        assertEquals(0.07, fitted.slip(), 1e-9);
        assertEquals(0.4, fitted.difficulty(), 1e-9);
    }

    @Test
    void aQuestionTaggedWithTwoTargetsIsInTheirPoolOnce() throws Exception {
        String a = "pool-" + shortId();
        String b = "pool-" + shortId();
        UUID skillA = skillWithAQuestion(a);
        UUID skillB = skillWithAQuestion(b);
        as(AUTHOR).body(Map.of("type", "true_false", "prompt", "Both " + shortId(), "skills", List.of(a, b),
                "answer", false, "trueFeedback", "No.", "falseFeedback", "Right.")).post("/api/v1/questions").then()
                .statusCode(201);
        assertEquals(2, pool.of(Set.of(skillA)).size());
        assertEquals(2, pool.of(Set.of(skillB)).size());
        List<PracticePool.Entry> both = pool.of(List.of(skillA, skillB));
        assertEquals(3, both.size());
        assertEquals(3, both.stream().map(PracticePool.Entry::questionId).distinct().count());
        assertTrue(both.stream().anyMatch(e -> e.skills().equals(List.of(skillA, skillB))));
    }
}
