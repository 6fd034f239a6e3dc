package dev.skillpath.quiz.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a quiz is in its life: drafts are seen by authors only, retired quizzes take no new attempts. */
public enum QuizStatus {
    DRAFT,PUBLISHED,RETIRED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static QuizStatus of(String value) {
        for (QuizStatus v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be one of: "
                + Arrays.stream(values()).map(QuizStatus::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value();
    }

    /** Stores the API value, which the table's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<QuizStatus, String> {
        @Override
        public String convertToDatabaseColumn(QuizStatus v) {
            return v == null ? null : v.value();
        }

        @Override
        public QuizStatus convertToEntityAttribute(String value) {
            return value == null ? null : QuizStatus.of(value);
        }
    }
}
