package dev.skillpath.skills.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How two skills relate. Only {@link #REQUIRES} is a hard prerequisite and must stay acyclic; the others guide.
 */
public enum RelationType {
    /** The skill cannot be learned before the target. */
    REQUIRES,
    /** The target helps beforehand but is not needed. */
    RECOMMENDS,
    /** The two are interchangeable choices (e.g. two frameworks for the same language). */
    ALTERNATIVE_OF,
    /** The skill is a component of the target. */
    PART_OF;

    @JsonValue
    public String value() {
        return name().toLowerCase().replace('_', '-');
    }

    @JsonCreator
    public static RelationType of(String value) {
        for (RelationType t : values()) {
            if (t.value().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be one of: " + java.util.Arrays.stream(values()).map(v -> v.value()).collect(java.util.stream.Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return value();
    }
}
