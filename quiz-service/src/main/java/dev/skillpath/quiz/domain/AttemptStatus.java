package dev.skillpath.quiz.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An attempt is open for answers until it is graded (submitted, or past its deadline). */
public enum AttemptStatus {
    IN_PROGRESS,GRADED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static AttemptStatus of(String value) {
        for (AttemptStatus v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be one of: "
                + Arrays.stream(values()).map(AttemptStatus::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value();
    }

    /** Stores the API value, which the table's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<AttemptStatus, String> {
        @Override
        public String convertToDatabaseColumn(AttemptStatus v) {
            return v == null ? null : v.value();
        }

        @Override
        public AttemptStatus convertToEntityAttribute(String value) {
            return value == null ? null : AttemptStatus.of(value);
        }
    }
}
