package dev.skillpath.quiz.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.skillpath.quiz.store.QuizStore;
import io.quarkus.scheduler.Scheduled;

/**
 * Grades attempts left open past their deadline, each in its own transaction, so a learner who closed the tab
 * still gets a result and a {@code quiz.attempt.graded} event. Reads and submits grade an expired attempt too;
 * the row lock makes whichever comes first the only one.
 */
@ApplicationScoped
public class ExpiredAttemptSweep {

    private static final Logger LOG = Logger.getLogger(ExpiredAttemptSweep.class);

    @Inject
    QuizStore store;

    @Inject
    Attempts attempts;

    @Scheduled(every = "${skillpath.quiz.expiry-sweep}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "5s")
    void sweep() {
        for (var id : attempts.expired()) {
            try {
                if (attempts.gradeIfExpired(id)) {
                    LOG.debugf("graded expired attempt %s", id);
                }
            } catch (RuntimeException e) {
                LOG.warnf("could not grade expired attempt %s: %s", id, e.getMessage());
            }
        }
    }

}
