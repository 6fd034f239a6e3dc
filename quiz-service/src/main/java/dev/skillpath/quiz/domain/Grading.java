package dev.skillpath.quiz.domain;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.skillpath.platform.api.Problem.Violation;

/**
 * The scoring rules of every question type, as plain functions (docs/quiz.md has them in prose). Credit is the
 * fraction of the question's points earned, from 0 to 1; an answer is correct when it earns full credit.
 */
public final class Grading {

    public static final int MAX_TEXT = 1_000;

    private Grading() {
    }

    /** The credit an answer earns and the feedback of what it chose. */
    public record Grade(double credit, List<String> feedback) {
        public boolean correct() {
            return credit >= 1.0;
        }

        static Grade of(double credit) {
            return new Grade(clamp(credit), List.of());
        }
    }

    /** Grades an answer (null or {@link Answer#NONE}: nothing was saved, which earns nothing). */
    public static Grade grade(QuestionType type, QuestionBody body, Answer answer) {
        Answer a = answer == null ? Answer.NONE : answer;
        return switch (type) {
            case SINGLE_CHOICE -> single(body, a.choice());
            case MULTIPLE_CHOICE -> multiple(body, a.choices());
            case TRUE_FALSE -> trueFalse(body, a.value());
            case SHORT_TEXT -> Grade.of(a.text() != null && matchesAccepted(body, a.text()) ? 1 : 0);
            case NUMERIC -> Grade.of(a.number() != null && withinTolerance(a.number(), body.value(),
                    body.toleranceOrZero()) ? 1 : 0);
            case ORDERING -> Grade.of(ordering(body, a.order()));
        };
    }

    private static Grade single(QuestionBody body, String choice) {
        if (choice == null) {
            return Grade.of(0);
        }
        return body.optionsOrEmpty().stream().filter(o -> o.id().equals(choice)).findFirst()
                .map(o -> new Grade(o.isCorrect() ? 1 : 0, feedback(List.of(o))))
                .orElse(Grade.of(0));
    }

    /**
     * Each correct option chosen earns 1/C of the credit (C correct options); each wrong option chosen loses 1/W
     * (W wrong options), so choosing every option earns nothing; never below zero.
     */
    private static Grade multiple(QuestionBody body, List<String> choices) {
        if (choices == null || choices.isEmpty()) {
            return Grade.of(0);
        }
        List<QuestionBody.Option> options = body.optionsOrEmpty();
        long correct = options.stream().filter(QuestionBody.Option::isCorrect).count();
        long wrong = options.size() - correct;
        Set<String> chosen = new HashSet<>(choices);
        double credit = 0;
        List<QuestionBody.Option> picked = new ArrayList<>();
        for (QuestionBody.Option o : options) {
            if (!chosen.contains(o.id())) {
                continue;
            }
            picked.add(o);
            if (o.isCorrect()) {
                credit += 1.0 / correct;
            } else if (wrong > 0) {
                credit -= 1.0 / wrong;
            }
        }
        return new Grade(clamp(credit), feedback(picked));
    }

    private static Grade trueFalse(QuestionBody body, Boolean value) {
        if (value == null) {
            return Grade.of(0);
        }
        String feedback = value ? body.trueFeedback() : body.falseFeedback();
        return new Grade(value.equals(body.answer()) ? 1 : 0, feedback == null ? List.of() : List.of(feedback));
    }

    /** The share of items in their correct position; full credit only for the exact order. */
    private static double ordering(QuestionBody body, List<String> order) {
        List<QuestionBody.Option> items = body.optionsOrEmpty();
        if (order == null || order.isEmpty() || items.isEmpty()) {
            return 0;
        }
        int right = 0;
        for (int i = 0; i < items.size() && i < order.size(); i++) {
            if (items.get(i).id().equals(order.get(i))) {
                right++;
            }
        }
        return (double) right / items.size();
    }

    static boolean matchesAccepted(QuestionBody body, String text) {
        String given = normalise(text, body.foldsAccents());
        if (given.isEmpty()) {
            return false;
        }
        return body.acceptedAnswers() != null && body.acceptedAnswers().stream()
                .anyMatch(accepted -> normalise(accepted, body.foldsAccents()).equals(given));
    }

    /** Trimmed, inner whitespace collapsed to one space, lower case, and without accents when folding. */
    public static String normalise(String text, boolean foldAccents) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        if (foldAccents) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        }
        return s;
    }

    /** |answer − value| ≤ tolerance, bounds included, computed on the decimals as written (no binary rounding). */
    public static boolean withinTolerance(double answer, Double value, double tolerance) {
        if (value == null || !Double.isFinite(answer)) {
            return false;
        }
        BigDecimal distance = BigDecimal.valueOf(answer).subtract(BigDecimal.valueOf(value)).abs();
        return distance.compareTo(BigDecimal.valueOf(tolerance)) <= 0;
    }

    /**
     * What is wrong with an answer's shape for this question: the type's field is missing, another type's field
     * is set, or it names options the question does not have. An empty list means it can be saved.
     */
    public static List<Violation> check(QuestionType type, QuestionBody body, Answer a) {
        List<Violation> problems = new ArrayList<>();
        String expected = switch (type) {
            case SINGLE_CHOICE -> "choice";
            case MULTIPLE_CHOICE -> "choices";
            case TRUE_FALSE -> "value";
            case SHORT_TEXT -> "text";
            case NUMERIC -> "number";
            case ORDERING -> "order";
        };
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("choice", a.choice());
        fields.put("choices", a.choices());
        fields.put("value", a.value());
        fields.put("text", a.text());
        fields.put("number", a.number());
        fields.put("order", a.order());
        fields.forEach((name, v) -> {
            if (name.equals(expected) && v == null) {
                problems.add(new Violation(name, "is required for a " + type.value().replace('_', ' ') + " question"));
            } else if (!name.equals(expected) && v != null) {
                problems.add(new Violation(name, "does not apply to a " + type.value().replace('_', ' ')
                        + " question; answer with '" + expected + "'"));
            }
        });
        if (!problems.isEmpty()) {
            return problems;
        }
        Set<String> ids = body.optionsOrEmpty().stream().map(QuestionBody.Option::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        switch (type) {
            case SINGLE_CHOICE -> {
                if (!ids.contains(a.choice())) {
                    problems.add(new Violation("choice", "'" + a.choice() + "' is not an option of this question"));
                }
            }
            case MULTIPLE_CHOICE -> {
                checkIds("choices", a.choices(), ids, problems);
                if (new HashSet<>(a.choices()).size() != a.choices().size()) {
                    problems.add(new Violation("choices", "names an option more than once"));
                }
            }
            case ORDERING -> {
                checkIds("order", a.order(), ids, problems);
                if (problems.isEmpty() && !(a.order().size() == ids.size() && new HashSet<>(a.order()).size() == ids.size())) {
                    problems.add(new Violation("order", "must list every item exactly once"));
                }
            }
            case SHORT_TEXT -> {
                if (a.text().length() > MAX_TEXT) {
                    problems.add(new Violation("text", "must be at most " + MAX_TEXT + " characters"));
                }
            }
            case NUMERIC -> {
                if (!Double.isFinite(a.number())) {
                    problems.add(new Violation("number", "must be a finite number"));
                }
            }
            case TRUE_FALSE -> {
                // a boolean is always well formed
            }
        }
        return problems;
    }

    private static void checkIds(String field, List<String> given, Set<String> ids, List<Violation> problems) {
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == null || !ids.contains(given.get(i))) {
                problems.add(new Violation(field + "[" + i + "]", "'" + given.get(i) + "' is not an option of this question"));
            }
        }
    }

    private static List<String> feedback(List<QuestionBody.Option> picked) {
        return picked.stream().map(QuestionBody.Option::feedback).filter(f -> f != null && !f.isBlank())
                .map(Function.identity()).toList();
    }

    private static double clamp(double credit) {
        double rounded = Math.round(credit * 1_000_000d) / 1_000_000d; // 1/3 + 1/3 + 1/3 is full credit
        return Math.max(0, Math.min(1, rounded));
    }
}
