package dev.skillpath.content.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a lesson is in its life: never published, readable by learners, or withdrawn. */
public enum LessonStatus {
    DRAFT, PUBLISHED, RETIRED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static LessonStatus of(String value) {
        for (LessonStatus s : values()) {
            if (s.value().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be one of: draft, published, retired");
    }

    /** Stores a status as its API value, which the table's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<LessonStatus, String> {
        @Override
        public String convertToDatabaseColumn(LessonStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public LessonStatus convertToEntityAttribute(String value) {
            return value == null ? null : LessonStatus.of(value);
        }
    }
}
