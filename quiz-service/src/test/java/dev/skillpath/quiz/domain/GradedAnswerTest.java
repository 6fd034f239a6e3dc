package dev.skillpath.quiz.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.quiz.domain.QuestionBody.Option;

/** The answers of {@code quiz.attempt.graded} v2 as {@code Attempts.grade} builds them, without Quarkus. */
class GradedAnswerTest {

    private static final UUID SQL = UUID.randomUUID();
    private static final UUID GIT = UUID.randomUUID();
    private static final UUID HTTP = UUID.randomUUID();

    static QuestionVersion version(QuestionType type, UUID... skills) {
        QuestionVersion v = new QuestionVersion();
        v.id = UUID.randomUUID();
        v.questionId = UUID.randomUUID();
        v.version = 3;
        v.type = type;
        v.points = 2;
        v.skillIds = skills;
        return v;
    }

    static AttemptQuestion given(QuestionVersion v, Answer saved) {
        AttemptQuestion aq = new AttemptQuestion();
        aq.id = UUID.randomUUID();
        aq.questionId = v.questionId;
        aq.questionVersionId = v.id;
        aq.answer = JsonColumns.write(saved);
        return aq;
    }

    static QuestionBody options(Option... options) {
        return new QuestionBody(List.of(options), null, null, null, null, null, null, null);
    }

    static Option right(String id) {
        return new Option(id, "text " + id, true, null);
    }

    static Option wrong(String id) {
        return new Option(id, "text " + id, false, null);
    }

    static QuizAttemptGraded.Answer observe(QuestionVersion v, QuestionBody body, Answer saved) {
        AttemptQuestion aq = given(v, saved);
        return Attempts.observation(aq.questionId, aq.answer != null, v, body,
                Grading.grade(v.type, body, JsonColumns.answer(aq.answer)));
    }

    @Test
    void aSingleChoiceAnswerCarriesItsOptionCountAndOneCorrectOption() {
        QuestionVersion v = version(QuestionType.SINGLE_CHOICE, SQL);
        QuizAttemptGraded.Answer a = observe(v, options(wrong("a"), right("b"), wrong("c"), wrong("d"), wrong("e")),
                Answer.choice("b"));
        assertEquals(v.questionId, a.questionId());
        assertEquals(3, a.questionVersion());
        assertEquals("single_choice", a.questionType());
        assertEquals(5, a.options());
        assertEquals(1, a.correctOptions());
        assertTrue(a.answered());
        assertTrue(a.correct());
        assertEquals(1.0, a.credit(), 1e-9);
        assertEquals(List.of(SQL), a.skillIds());
    }

    @Test
    void aMultipleChoiceAnswerCountsItsCorrectOptionsAndKeepsPartialCredit() {
        QuizAttemptGraded.Answer a = observe(version(QuestionType.MULTIPLE_CHOICE, GIT),
                options(right("a"), wrong("b"), right("c"), right("d")), Answer.choices(List.of("a")));
        assertEquals("multiple_choice", a.questionType());
        assertEquals(4, a.options());
        assertEquals(3, a.correctOptions());
        assertTrue(a.answered());
        assertFalse(a.correct());
        assertEquals(1.0 / 3, a.credit(), 1e-6);
    }

    @Test
    void anOrderingAnswerCarriesItsItemCountAndNoCorrectOptions() {
        QuizAttemptGraded.Answer a = observe(version(QuestionType.ORDERING, GIT),
                options(new Option("x", "add", null, null), new Option("y", "commit", null, null),
                        new Option("z", "push", null, null)), Answer.order(List.of("x", "y", "z")));
        assertEquals("ordering", a.questionType());
        assertEquals(3, a.options());
        assertEquals(0, a.correctOptions());
        assertTrue(a.correct());
    }

    @Test
    void typesWithoutOptionsHaveZeroOptions() {
        QuestionBody trueFalse = new QuestionBody(null, true, null, null, null, null, null, null);
        QuestionBody text = new QuestionBody(null, null, null, null, List.of("git clone"), null, null, null);
        QuestionBody number = new QuestionBody(null, null, null, null, null, null, 404.0, null);
        QuizAttemptGraded.Answer tf = observe(version(QuestionType.TRUE_FALSE, HTTP), trueFalse, Answer.value(false));
        QuizAttemptGraded.Answer st = observe(version(QuestionType.SHORT_TEXT, GIT), text, Answer.text("git clone"));
        QuizAttemptGraded.Answer nu = observe(version(QuestionType.NUMERIC, HTTP), number, Answer.number(404));
        assertEquals(List.of("true_false", "short_text", "numeric"), List.of(tf.questionType(), st.questionType(), nu.questionType()));
        for (QuizAttemptGraded.Answer a : List.of(tf, st, nu)) {
            assertEquals(0, a.options(), a.questionType());
            assertEquals(0, a.correctOptions(), a.questionType());
            assertTrue(a.answered(), a.questionType());
        }
        assertFalse(tf.correct());
        assertTrue(st.correct());
        assertTrue(nu.correct());
    }

    @Test
    void aQuestionLeftBlankIsNotAnsweredAndNotCorrectButKeepsItsShape() {
        QuizAttemptGraded.Answer a = observe(version(QuestionType.SINGLE_CHOICE, SQL),
                options(right("a"), wrong("b"), wrong("c")), null);
        assertFalse(a.answered());
        assertFalse(a.correct());
        assertEquals(0.0, a.credit(), 1e-9);
        assertEquals(3, a.options());
        assertEquals(1, a.correctOptions());
    }

    @Test
    void anEmptyAnswerThatWasSavedIsAnsweredAndWrong() {
        // docs/quiz.md: an empty multiple-choice list can be saved (and earns nothing); the learner did answer
        QuizAttemptGraded.Answer a = observe(version(QuestionType.MULTIPLE_CHOICE, SQL),
                options(right("a"), wrong("b")), Answer.choices(List.of()));
        assertTrue(a.answered());
        assertFalse(a.correct());
    }

    @Test
    void aSkillTaggedTwiceIsListedOnceInTagOrder() {
        QuizAttemptGraded.Answer a = observe(version(QuestionType.TRUE_FALSE, GIT, SQL, GIT, HTTP, SQL),
                new QuestionBody(null, true, null, null, null, null, null, null), Answer.value(true));
        assertEquals(List.of(GIT, SQL, HTTP), a.skillIds());
    }
}
