package dev.skillpath.skills.learning;

import java.util.Objects;

/** One graded answer: the question and whether the learner answered it correctly. */
public record Observation(Question question, boolean correct) {

    public Observation {
        Objects.requireNonNull(question, "question");
    }
}
