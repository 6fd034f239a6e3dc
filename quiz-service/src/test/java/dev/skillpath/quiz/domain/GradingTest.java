package dev.skillpath.quiz.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.skillpath.platform.api.Problem.Violation;
import dev.skillpath.quiz.domain.QuestionBody.Option;

/** The scoring rules of every question type, edge cases included, without Quarkus. */
class GradingTest {

    private static final double EPS = 1e-9;

    static QuestionBody options(Option... options) {
        return new QuestionBody(List.of(options), null, null, null, null, null, null, null);
    }

    static Option right(String id) {
        return new Option(id, "text " + id, true, "fb " + id);
    }

    static Option wrong(String id) {
        return new Option(id, "text " + id, false, "fb " + id);
    }

    static double credit(QuestionType type, QuestionBody body, Answer answer) {
        return Grading.grade(type, body, answer).credit();
    }

    @Nested
    class SingleChoice {
        QuestionBody body = options(wrong("a"), right("b"), wrong("c"));

        @Test
        void theCorrectOptionEarnsFullCreditAndItsFeedback() {
            Grading.Grade g = Grading.grade(QuestionType.SINGLE_CHOICE, body, Answer.choice("b"));
            assertEquals(1.0, g.credit(), EPS);
            assertTrue(g.correct());
            assertEquals(List.of("fb b"), g.feedback());
        }

        @Test
        void aWrongOptionOrNoAnswerEarnsNothing() {
            assertEquals(0.0, credit(QuestionType.SINGLE_CHOICE, body, Answer.choice("a")), EPS);
            assertEquals(0.0, credit(QuestionType.SINGLE_CHOICE, body, Answer.NONE), EPS);
            assertEquals(0.0, credit(QuestionType.SINGLE_CHOICE, body, null), EPS);
            assertEquals(0.0, credit(QuestionType.SINGLE_CHOICE, body, Answer.choice("zzz")), EPS);
        }
    }

    @Nested
    class MultipleChoice {
        // 2 correct (a, b), 3 wrong (c, d, e): each right one +1/2, each wrong one −1/3
        QuestionBody body = options(right("a"), right("b"), wrong("c"), wrong("d"), wrong("e"));

        @Test
        void allCorrectAndNothingElseIsFullCredit() {
            assertEquals(1.0, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.choices(List.of("b", "a"))), EPS);
        }

        @Test
        void eachCorrectChoiceEarnsItsShare() {
            assertEquals(0.5, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.choices(List.of("a"))), EPS);
        }

        @Test
        void wrongChoicesArePenalisedByOneOverTheNumberOfWrongOptions() {
            assertEquals(1.0 - 1.0 / 3, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.choices(List.of("a", "b", "c"))), 1e-6);
            assertEquals(0.5 - 1.0 / 3, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.choices(List.of("a", "d"))), 1e-6);
        }

        @Test
        void choosingEverythingEarnsNothing() {
            assertEquals(0.0, credit(QuestionType.MULTIPLE_CHOICE, body,
                    Answer.choices(List.of("a", "b", "c", "d", "e"))), EPS);
        }

        @Test
        void creditNeverGoesBelowZero() {
            assertEquals(0.0, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.choices(List.of("c", "d", "e"))), EPS);
            assertEquals(0.0, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.choices(List.of("a", "c", "d", "e"))), EPS);
        }

        @Test
        void emptyChoicesEarnNothing() {
            assertEquals(0.0, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.choices(List.of())), EPS);
            assertEquals(0.0, credit(QuestionType.MULTIPLE_CHOICE, body, Answer.NONE), EPS);
        }

        @Test
        void thirdsAddUpToFullCredit() {
            QuestionBody thirds = options(right("a"), right("b"), right("c"), wrong("d"));
            Grading.Grade g = Grading.grade(QuestionType.MULTIPLE_CHOICE, thirds, Answer.choices(List.of("a", "b", "c")));
            assertEquals(1.0, g.credit(), EPS);
            assertTrue(g.correct());
            assertEquals(List.of("fb a", "fb b", "fb c"), g.feedback());
        }

        @Test
        void withNoWrongOptionsThereIsNoPenalty() {
            QuestionBody allRight = options(right("a"), right("b"));
            assertEquals(0.5, credit(QuestionType.MULTIPLE_CHOICE, allRight, Answer.choices(List.of("b"))), EPS);
        }
    }

    @Nested
    class TrueFalse {
        QuestionBody body = new QuestionBody(null, false, "not so", "right", null, null, null, null);

        @Test
        void theRightValueEarnsFullCreditWithItsFeedback() {
            Grading.Grade g = Grading.grade(QuestionType.TRUE_FALSE, body, Answer.value(false));
            assertEquals(1.0, g.credit(), EPS);
            assertEquals(List.of("right"), g.feedback());
        }

        @Test
        void theWrongValueOrNoneEarnsNothing() {
            Grading.Grade g = Grading.grade(QuestionType.TRUE_FALSE, body, Answer.value(true));
            assertEquals(0.0, g.credit(), EPS);
            assertEquals(List.of("not so"), g.feedback());
            assertEquals(0.0, credit(QuestionType.TRUE_FALSE, body, Answer.NONE), EPS);
        }
    }

    @Nested
    class ShortText {
        QuestionBody body = new QuestionBody(null, null, null, null, List.of("hash function", "Hashing  Function"), null,
                null, null);

        @Test
        void matchesIgnoringCaseAndExtraWhitespace() {
            assertEquals(1.0, credit(QuestionType.SHORT_TEXT, body, Answer.text("  Hash   FUNCTION \t")), EPS);
            assertEquals(1.0, credit(QuestionType.SHORT_TEXT, body, Answer.text("hashing function")), EPS);
        }

        @Test
        void anyAcceptedAlternativeMatches() {
            assertEquals(1.0, credit(QuestionType.SHORT_TEXT, body, Answer.text("HASHING FUNCTION")), EPS);
        }

        @Test
        void otherTextsAndEmptyAnswersEarnNothing() {
            assertEquals(0.0, credit(QuestionType.SHORT_TEXT, body, Answer.text("hash")), EPS);
            assertEquals(0.0, credit(QuestionType.SHORT_TEXT, body, Answer.text("hashfunction")), EPS);
            assertEquals(0.0, credit(QuestionType.SHORT_TEXT, body, Answer.text("")), EPS);
            assertEquals(0.0, credit(QuestionType.SHORT_TEXT, body, Answer.text("   ")), EPS);
            assertEquals(0.0, credit(QuestionType.SHORT_TEXT, body, Answer.NONE), EPS);
        }

        @Test
        void accentsAreFoldedUnlessTheAuthorSaysOtherwise() {
            QuestionBody folding = new QuestionBody(null, null, null, null, List.of("café"), null, null, null);
            QuestionBody strict = new QuestionBody(null, null, null, null, List.of("café"), false, null, null);
            assertEquals(1.0, credit(QuestionType.SHORT_TEXT, folding, Answer.text("CAFE")), EPS);
            assertEquals(1.0, credit(QuestionType.SHORT_TEXT, strict, Answer.text("CAFÉ")), EPS);
            assertEquals(0.0, credit(QuestionType.SHORT_TEXT, strict, Answer.text("cafe")), EPS);
        }

        @Test
        void normalisationIsTrimCollapseLowerAndFold() {
            assertEquals("a b c", Grading.normalise("  A \n B\t\tc ", true));
            assertEquals("resume", Grading.normalise("Résumé", true));
            assertEquals("résumé", Grading.normalise("Résumé", false));
        }
    }

    @Nested
    class Numeric {
        QuestionBody body = new QuestionBody(null, null, null, null, null, null, 3.14, 0.01);

        @Test
        void bothBoundsOfTheToleranceAreIncluded() {
            assertEquals(1.0, credit(QuestionType.NUMERIC, body, Answer.number(3.15)), EPS);
            assertEquals(1.0, credit(QuestionType.NUMERIC, body, Answer.number(3.13)), EPS);
            assertEquals(1.0, credit(QuestionType.NUMERIC, body, Answer.number(3.14)), EPS);
        }

        @Test
        void justOutsideTheToleranceEarnsNothing() {
            assertEquals(0.0, credit(QuestionType.NUMERIC, body, Answer.number(3.1501)), EPS);
            assertEquals(0.0, credit(QuestionType.NUMERIC, body, Answer.number(3.1299)), EPS);
            assertEquals(0.0, credit(QuestionType.NUMERIC, body, Answer.NONE), EPS);
        }

        @Test
        void zeroToleranceMeansExactly() {
            QuestionBody exact = new QuestionBody(null, null, null, null, null, null, 404.0, 0.0);
            assertEquals(1.0, credit(QuestionType.NUMERIC, exact, Answer.number(404)), EPS);
            assertEquals(0.0, credit(QuestionType.NUMERIC, exact, Answer.number(404.0000001)), EPS);
        }

        @Test
        void negativeValuesWork() {
            QuestionBody negative = new QuestionBody(null, null, null, null, null, null, -2.5, 0.5);
            assertEquals(1.0, credit(QuestionType.NUMERIC, negative, Answer.number(-3.0)), EPS);
            assertEquals(0.0, credit(QuestionType.NUMERIC, negative, Answer.number(-3.01)), EPS);
        }
    }

    @Nested
    class Ordering {
        QuestionBody body = options(new Option("p", "1", null, null), new Option("q", "2", null, null),
                new Option("r", "3", null, null), new Option("s", "4", null, null));

        @Test
        void theExactOrderIsFullCredit() {
            assertTrue(Grading.grade(QuestionType.ORDERING, body, Answer.order(List.of("p", "q", "r", "s"))).correct());
        }

        @Test
        void partialCreditIsTheShareOfItemsInTheirPlace() {
            assertEquals(0.5, credit(QuestionType.ORDERING, body, Answer.order(List.of("p", "q", "s", "r"))), EPS);
            assertEquals(0.0, credit(QuestionType.ORDERING, body, Answer.order(List.of("s", "r", "q", "p"))), EPS);
            Grading.Grade g = Grading.grade(QuestionType.ORDERING, body, Answer.order(List.of("p", "r", "q", "s")));
            assertEquals(0.5, g.credit(), EPS);
            assertFalse(g.correct());
        }

        @Test
        void noOrderEarnsNothing() {
            assertEquals(0.0, credit(QuestionType.ORDERING, body, Answer.NONE), EPS);
            assertEquals(0.0, credit(QuestionType.ORDERING, body, Answer.order(List.of())), EPS);
        }
    }

    @Nested
    class AnswerShape {
        QuestionBody choices = options(right("a"), wrong("b"));

        @Test
        void theTypesFieldIsRequiredAndOthersAreRefused() {
            List<Violation> v = Grading.check(QuestionType.SINGLE_CHOICE, choices, Answer.text("a"));
            assertEquals(List.of("choice", "text"), v.stream().map(Violation::field).toList());
        }

        @Test
        void unknownOptionsAreRefused() {
            assertEquals(List.of("choice"), Grading.check(QuestionType.SINGLE_CHOICE, choices, Answer.choice("x"))
                    .stream().map(Violation::field).toList());
            assertEquals(List.of("choices[1]"), Grading.check(QuestionType.MULTIPLE_CHOICE, choices,
                    Answer.choices(List.of("a", "x"))).stream().map(Violation::field).toList());
            assertEquals(List.of("choices"), Grading.check(QuestionType.MULTIPLE_CHOICE, choices,
                    Answer.choices(List.of("a", "a"))).stream().map(Violation::field).toList());
        }

        @Test
        void anOrderMustListEveryItemOnce() {
            QuestionBody items = options(new Option("a", "1", null, null), new Option("b", "2", null, null),
                    new Option("c", "3", null, null));
            assertEquals(List.of("order"), Grading.check(QuestionType.ORDERING, items, Answer.order(List.of("a")))
                    .stream().map(Violation::field).toList());
            assertEquals(List.of("order"), Grading.check(QuestionType.ORDERING, items,
                    Answer.order(List.of("a", "b", "b"))).stream().map(Violation::field).toList());
            assertEquals(List.of(), Grading.check(QuestionType.ORDERING, items, Answer.order(List.of("b", "c", "a"))));
        }

        @Test
        void emptyAnswersCanBeSaved() {
            assertEquals(List.of(), Grading.check(QuestionType.MULTIPLE_CHOICE, choices, Answer.choices(List.of())));
            assertEquals(List.of(), Grading.check(QuestionType.SHORT_TEXT, choices, Answer.text("")));
        }

        @Test
        void tooLongTextIsRefused() {
            assertEquals(List.of("text"), Grading.check(QuestionType.SHORT_TEXT, choices,
                    Answer.text("x".repeat(Grading.MAX_TEXT + 1))).stream().map(Violation::field).toList());
        }
    }
}
