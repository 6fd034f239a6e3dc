package dev.skillpath.events;

import java.util.List;

/** Kafka topic names. Keys: learner id on {@link #PROGRESS}, the aggregate's id on {@link #CATALOG}. */
public final class Topics {

    /** Learner progress: lessons completed, attempts graded, mastery changed. Keyed by learner id. */
    public static final String PROGRESS = "skillpath.progress";
    /** Catalogue changes: skills, lessons and quizzes published, changed or retired. Keyed by aggregate id. */
    public static final String CATALOG = "skillpath.catalog";

    public static final List<String> ALL = List.of(PROGRESS, CATALOG);

    private Topics() {
    }

    /** The dead-letter topic for messages of {@code topic} that a consumer could not apply. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
