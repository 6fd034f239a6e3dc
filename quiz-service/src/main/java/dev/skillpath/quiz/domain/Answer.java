package dev.skillpath.quiz.domain;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A learner's answer to one question; the field that matches the question's type is set:
 * {@code choice} (single choice), {@code choices} (multiple choice), {@code value} (true/false),
 * {@code text} (short text), {@code number} (numeric), {@code order} (ordering: item ids, first to last).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A learner's answer to one question: exactly the field of the question's type, the others left out."
        + " choice: single choice (an option id); choices: multiple choice (option ids); value: true/false; text: short"
        + " text; number: numeric; order: ordering (item ids, first to last). A field of another type is refused (400),"
        + " an empty list too: an empty choices is an answer (none chosen), so a client must leave unused lists out.")
public record Answer(String choice, List<String> choices, Boolean value, String text, Double number,
        List<String> order) {

    public static final Answer NONE = new Answer(null, null, null, null, null, null);

    public static Answer choice(String id) {
        return new Answer(id, null, null, null, null, null);
    }

    public static Answer choices(List<String> ids) {
        return new Answer(null, ids, null, null, null, null);
    }

    public static Answer value(boolean value) {
        return new Answer(null, null, value, null, null, null);
    }

    public static Answer text(String text) {
        return new Answer(null, null, null, text, null, null);
    }

    public static Answer number(double number) {
        return new Answer(null, null, null, null, number, null);
    }

    public static Answer order(List<String> ids) {
        return new Answer(null, null, null, null, null, ids);
    }
}
