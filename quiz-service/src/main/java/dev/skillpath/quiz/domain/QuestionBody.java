package dev.skillpath.quiz.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The type-specific content of a question version, stored as JSON: what the learner is shown (option texts) and
 * the answer key (correct flags, the true/false answer, accepted texts, the numeric value and tolerance, the
 * correct order), with per-option feedback. Fields a type does not use are null.
 *
 * @param options         choices (single and multiple choice), or the items in their correct order (ordering)
 * @param answer          the correct answer of a true/false question
 * @param trueFeedback    feedback for the response "true" (true/false)
 * @param falseFeedback   feedback for the response "false" (true/false)
 * @param acceptedAnswers texts accepted for a short-text question, compared after normalisation
 * @param foldAccents     whether "café" matches "cafe" (short text; default true)
 * @param value           the correct value of a numeric question
 * @param tolerance       how far from the value an answer may be and still be right, inclusive (numeric)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuestionBody(List<Option> options, Boolean answer, String trueFeedback, String falseFeedback,
        List<String> acceptedAnswers, Boolean foldAccents, Double value, Double tolerance) {

    /** One option: its id (stable within the question), text, whether it is correct, and its feedback. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(String id, String text, Boolean correct, String feedback) {
        public boolean isCorrect() {
            return Boolean.TRUE.equals(correct);
        }
    }

    public List<Option> optionsOrEmpty() {
        return options == null ? List.of() : options;
    }

    public boolean foldsAccents() {
        return foldAccents == null || foldAccents;
    }

    public double toleranceOrZero() {
        return tolerance == null ? 0 : tolerance;
    }
}
