package dev.skillpath.quiz.domain;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a learner's graded attempts at one quiz make their grade for it. */
public enum GradingMethod {
    HIGHEST, LAST, FIRST, AVERAGE;

    /** The grade from the attempts' percentages in the order they were taken; empty when there are none. */
    public OptionalDouble combine(List<Double> percentagesInOrder) {
        if (percentagesInOrder.isEmpty()) {
            return OptionalDouble.empty();
        }
        return switch (this) {
            case HIGHEST -> percentagesInOrder.stream().mapToDouble(Double::doubleValue).max();
            case LAST -> OptionalDouble.of(percentagesInOrder.get(percentagesInOrder.size() - 1));
            case FIRST -> OptionalDouble.of(percentagesInOrder.get(0));
            case AVERAGE -> percentagesInOrder.stream().mapToDouble(Double::doubleValue).average();
        };
    }

    @JsonValue
    public String value() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static GradingMethod of(String value) {
        for (GradingMethod v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("must be one of: "
                + Arrays.stream(values()).map(GradingMethod::value).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value();
    }

    /** Stores the API value, which the table's check constraint expects. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<GradingMethod, String> {
        @Override
        public String convertToDatabaseColumn(GradingMethod v) {
            return v == null ? null : v.value();
        }

        @Override
        public GradingMethod convertToEntityAttribute(String value) {
            return value == null ? null : GradingMethod.of(value);
        }
    }
}
