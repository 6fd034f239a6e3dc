package dev.skillpath.quiz.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** When a learner may see correctness, feedback and the correct answers of a graded attempt. */
public enum ReviewPolicy {
    NEVER,AFTER_SUBMIT,AFTER_LAST_ATTEMPT;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static ReviewPolicy of(String value) {
        for (ReviewPolicy v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be one of: "
                + Arrays.stream(values()).map(ReviewPolicy::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value();
    }

    /** Stores the API value, which the table's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<ReviewPolicy, String> {
        @Override
        public String convertToDatabaseColumn(ReviewPolicy v) {
            return v == null ? null : v.value();
        }

        @Override
        public ReviewPolicy convertToEntityAttribute(String value) {
            return value == null ? null : ReviewPolicy.of(value);
        }
    }
}
