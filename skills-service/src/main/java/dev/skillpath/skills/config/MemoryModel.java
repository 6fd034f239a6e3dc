package dev.skillpath.skills.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.skillpath.platform.learning.Fsrs;

/**
 * The memory model of mastered skills: FSRS-6 with its default weights and the requested retention
 * {@code skillpath.reviews.retention} (default 0.9: a review is due when the chance of recall has fallen to 90 %);
 * docs/learning.md, "Forgetting and reviews". A retention outside (0, 1) stops the service at start.
 */
@ApplicationScoped
public class MemoryModel {

    @Produces
    @Singleton
    Fsrs fsrs(@ConfigProperty(name = "skillpath.reviews.retention", defaultValue = "0.9") double retention) {
        return new Fsrs(Fsrs.defaultWeights(), retention, Fsrs.DEFAULT_MAXIMUM_INTERVAL);
    }
}
