package dev.skillpath.platform.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How far along a learner is expected to be before taking a skill, lesson or quiz on. */
public enum Level {
    FOUNDATION, INTERMEDIATE, ADVANCED;

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static Level of(String value) {
        for (Level l : values()) {
            if (l.value().equals(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException("must be one of: " + java.util.Arrays.stream(values()).map(v -> v.value()).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** A {@code level} query parameter: null when absent, a 400 problem naming the parameter when unknown. */
    public static Level fromQuery(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return of(value);
        } catch (IllegalArgumentException e) {
            throw dev.skillpath.platform.api.ProblemException.invalid("Unknown level '" + value + "'.",
                    java.util.List.of(new dev.skillpath.platform.api.Problem.Violation("level", e.getMessage())));
        }
    }

    @Override
    public String toString() {
        return value();
    }

    /** Stores a level as its API value, which the table's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<Level, String> {
        @Override
        public String convertToDatabaseColumn(Level level) {
            return level == null ? null : level.value();
        }

        @Override
        public Level convertToEntityAttribute(String value) {
            return value == null ? null : Level.of(value);
        }
    }
}
