package dev.skillpath.quiz.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The seed at start: every seed question and quiz is in the bank, seeding again adds nothing, a new seed question is
 * added once (also when two replicas seed at the same moment) and never overwrites an existing one, and a bad seed
 * question stops the seed naming its key.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class QuizSeedTest {

    @Inject
    QuizSeed seed;

    @Inject
    ObjectMapper json;

    @Test
    void everySeedQuestionAndQuizIsThereAfterStart() {
        List<SeedBank.Entry> entries = SeedBank.questions(json, loader());
        assertTrue(entries.size() > 47 + 80, "the bank files were read: " + entries.size());
        List<String> missing = inTransaction(() -> entries.stream()
                .filter(e -> Question.findById(QuizSeed.questionId(e.key())) == null).map(SeedBank.Entry::key).toList());
        assertEquals(List.of(), missing);
        SeedBank.Entry one = entries.stream().filter(e -> e.key().equals("a-bsearch-worst-case")).findFirst().orElseThrow();
        inTransaction(() -> {
            QuestionVersion v = Question.<Question>findById(QuizSeed.questionId(one.key())).current();
            assertEquals(one.question().get("prompt").asText(), v.prompt);
            assertEquals(QuizSeed.AUTHOR, v.createdBy);
            return null;
        });
        for (JsonNode quiz : quizzes()) {
            assertNotNull(inTransaction(() -> Quiz.findById(QuizSeed.quizId(quiz.get("key").asText()))),
                    quiz.get("key").asText());
        }
    }

    @Test
    void seedingAgainAddsNothing() {
        long before = inTransaction(() -> Question.count());
        assertEquals(new QuizSeed.Added(0, 0), seed.seed());
        assertEquals(new QuizSeed.Added(0, 0), seed.seed());
        assertEquals(before, (long) inTransaction(() -> Question.count()));
    }

    @Test
    void aNewSeedQuestionIsAddedOnceAndAnEditedOneDoesNotOverwriteTheBank() {
        String key = "test-new-" + UUID.randomUUID();
        List<SeedBank.Entry> entries = new ArrayList<>();
        for (SeedBank.Entry e : SeedBank.questions(json, loader())) {
            if (e.key().equals("a-queue-fifo")) {
                ObjectNode edited = e.question().deepCopy();
                edited.put("prompt", "An edited prompt that must not reach the bank.");
                entries.add(new SeedBank.Entry(e.key(), e.file(), edited));
            } else {
                entries.add(e);
            }
        }
        entries.add(question(key, "A new seed question: a queue is first in, first out."));

        assertEquals(new QuizSeed.Added(1, 0), seed.seed(entries, quizzes()));
        assertEquals(new QuizSeed.Added(0, 0), seed.seed(entries, quizzes()));

        inTransaction(() -> {
            assertEquals("A new seed question: a queue is first in, first out.",
                    Question.<Question>findById(QuizSeed.questionId(key)).current().prompt);
            assertTrue(Question.<Question>findById(QuizSeed.questionId("a-queue-fifo")).current().prompt
                    .startsWith("In a queue, items are added at the back"));
            return null;
        });
    }

    @Test
    void replicasSeedingAtOnceAddANewQuestionOnce() throws Exception {
        String key = "test-race-" + UUID.randomUUID();
        List<SeedBank.Entry> entries = new ArrayList<>(SeedBank.questions(json, loader()));
        entries.add(question(key, "Two replicas start at the same moment."));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<QuizSeed.Added> start = () -> seed.seed(entries, quizzes());
            List<Future<QuizSeed.Added>> runs = pool.invokeAll(List.of(start, start));
            assertEquals(1, runs.get(0).get().questions() + runs.get(1).get().questions());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBadSeedQuestionStopsTheSeedNamingItsKeyAndAddsNothing() {
        String good = "test-good-" + UUID.randomUUID();
        List<SeedBank.Entry> entries = new ArrayList<>(SeedBank.questions(json, loader()));
        entries.add(question(good, "A good question seeded alongside a bad one."));
        ObjectNode bad = json.createObjectNode().put("type", "single_choice").put("prompt", "Two right answers?");
        bad.putArray("skills").add("stacks");
        bad.putArray("options").add(json.createObjectNode().put("text", "a").put("correct", true))
                .add(json.createObjectNode().put("text", "b").put("correct", true));
        entries.add(new SeedBank.Entry("test-bad", "seed/bank/a-test.json", bad));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> seed.seed(entries, quizzes()));
        assertTrue(e.getMessage().startsWith("seed question test-bad (seed/bank/a-test.json) is invalid"), e.getMessage());
        assertNull(inTransaction(() -> Question.findById(QuizSeed.questionId(good))));
    }

    private SeedBank.Entry question(String key, String prompt) {
        ObjectNode q = json.createObjectNode().put("type", "true_false").put("prompt", prompt).put("answer", true)
                .put("generalFeedback", "A test question.");
        q.putArray("skills").add("queues");
        return new SeedBank.Entry(key, "seed/bank/a-test.json", q);
    }

    private JsonNode quizzes() {
        return SeedBank.read(json, loader(), SeedBank.QUIZZES).get("quizzes");
    }

    private static ClassLoader loader() {
        return Thread.currentThread().getContextClassLoader();
    }

    private static <T> T inTransaction(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
