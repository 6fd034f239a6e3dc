package dev.skillpath.skills.learning;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A question of the bank as an estimator may see it: what kind it is and which skills it is tagged with, never
 * its answer.
 *
 * @param key            the question's key in quizzes.json
 * @param type           single_choice, multiple_choice, true_false, short_text, numeric or ordering
 * @param options        choice questions: the number of options; ordering: the number of items to put in order;
 *                       true_false: 2; short_text and numeric: 0
 * @param correctOptions choice questions: the number of correct options; true_false: 1; otherwise 0
 * @param skills         the tagged skill slugs, deduplicated, in the file's order
 */
public record Question(String key, String type, int options, int correctOptions, List<String> skills) {

    public Question {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        if (options < 0 || correctOptions < 0 || correctOptions > options) {
            throw new IllegalArgumentException("question " + key + ": " + correctOptions + " correct of " + options + " options");
        }
        skills = List.copyOf(new LinkedHashSet<>(skills));
        if (skills.isEmpty()) {
            throw new IllegalArgumentException("question " + key + " is tagged with no skill");
        }
    }
}
