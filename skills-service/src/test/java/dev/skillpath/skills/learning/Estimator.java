package dev.skillpath.skills.learning;

import java.time.Instant;
import java.util.List;

/**
 * A learner model as the evaluation harness sees it: it is told graded quiz attempts, one at a time and in order,
 * and is asked for its estimates. It never sees the simulated learners' true states or the generative model's
 * parameters (only {@link OracleEstimator}, the ceiling, does).
 *
 * <p>Every probability must be finite and in [0, 1]; {@link LearningEvaluation} stops with an error otherwise.
 */
public interface Estimator {
    String name();

    /** Answers graded together (one quiz attempt); the estimator may learn from them only now. */
    void graded(String learner, List<Observation> answers, Instant at);

    /** P(the learner knows the skill) now, for every skill slug of the catalogue (also those never observed). */
    double known(String learner, String skill);

    /** The estimator's own predicted probability that the learner answers the question correctly now. */
    double predictCorrect(String learner, Question question);

    boolean mastered(String learner, String skill);

    /** The learner's frontier, most ready first. */
    List<String> frontier(String learner);

    /** Called between phases (see protocol): an estimator may refit its parameters from everything it has seen. */
    default void refit() { }

    /** What the estimator's last refit found, for the report (empty when it fits nothing). */
    default String fitted() {
        return "";
    }
}
