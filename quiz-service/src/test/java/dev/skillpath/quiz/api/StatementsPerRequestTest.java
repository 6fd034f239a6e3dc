package dev.skillpath.quiz.api;

import static dev.skillpath.quiz.api.QuizTestSupport.as;
import static dev.skillpath.quiz.api.QuizTestSupport.publishedQuiz;
import static dev.skillpath.quiz.api.QuizTestSupport.save;
import static dev.skillpath.quiz.api.QuizTestSupport.seededQuestion;
import static dev.skillpath.quiz.api.QuizTestSupport.shortId;
import static dev.skillpath.quiz.api.QuizTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What the write path's requests cost the database, in statements (the SQL Hibernate prepares for the request,
 * {@link RecordedStatements}): a save is three whatever the attempt, a start reads and locks its questions in
 * two whatever their number. The guarantees these statements keep (the row lock, the deadline, the share locks an
 * edit waits for) are tested in {@link RacesTest} and {@link AttemptIntegrityTest}.
 */
@QuarkusTest
@TestProfile(NoSweepProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class StatementsPerRequestTest {

    static final String[] FIVE = { "db-select", "db-relational", "db-primary-key", "db-where", "db-clause-order" };

    @Test
    void savingAnAnswerIsThreeStatements() {
        String token = TestTokens.learner("learner-" + shortId());
        String attemptId = start(token, publishedQuiz(Map.of("timeLimitSeconds", 600), FIVE));
        String question = seededQuestion("db-select");
        Map<String, Object> answer = QuizTestSupport.correctAnswer(QuizTestSupport.question(question));
        save(token, attemptId, question, answer); // the first save, then one that replaces it
        RecordedStatements.start();
        save(token, attemptId, question, answer);
        List<String> statements = RecordedStatements.stop(sql -> sql.startsWith("update attempt_question"));

        assertEquals(3, statements.size(), String.join("\n", statements));
        assertTrue(statements.get(0).startsWith("select") && statements.get(0).contains(" from attempt ")
                && statements.get(0).contains(" for "), "the attempt under a row lock first: " + statements.get(0));
        assertTrue(statements.get(1).contains("attempt_question") && statements.get(1).contains("question_version"),
                "the attempt's question and its version together: " + statements.get(1));
    }

    @Test
    void startingReadsItsQuestionsInTwoStatementsWhateverTheirNumber() {
        List<String> two = questionReads("db-select", "db-where");
        List<String> five = questionReads(FIVE);
        assertEquals(2, two.size(), String.join("\n", two));
        assertEquals(2, five.size(), String.join("\n", five));
    }

    /** The statements a start prepares that read questions or their versions. */
    private static List<String> questionReads(String... questions) {
        String quiz = publishedQuiz(Map.of(), questions);
        String token = TestTokens.learner("learner-" + shortId());
        RecordedStatements.start();
        start(token, quiz);
        List<String> statements = RecordedStatements.stop(sql -> sql.startsWith("insert into attempt "));
        List<String> reads = statements.stream()
                .filter(sql -> sql.startsWith("select") && sql.matches("(?s).* from question(_version)? .*")).toList();
        assertTrue(reads.stream().anyMatch(sql -> sql.contains(" for share")), "the questions under a share lock: " + reads);
        return reads;
    }
}
