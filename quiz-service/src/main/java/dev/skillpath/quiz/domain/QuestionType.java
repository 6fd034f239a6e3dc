package dev.skillpath.quiz.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of question the bank holds; each has its own answer shape and scoring rule (docs/quiz.md). */
public enum QuestionType {
    SINGLE_CHOICE,MULTIPLE_CHOICE,TRUE_FALSE,SHORT_TEXT,NUMERIC,ORDERING;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static QuestionType of(String value) {
        for (QuestionType v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be one of: "
                + Arrays.stream(values()).map(QuestionType::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value();
    }

    /** Stores the API value, which the table's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<QuestionType, String> {
        @Override
        public String convertToDatabaseColumn(QuestionType v) {
            return v == null ? null : v.value();
        }

        @Override
        public QuestionType convertToEntityAttribute(String value) {
            return value == null ? null : QuestionType.of(value);
        }
    }
}
