package dev.skillpath.skills.xapi;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployment's xAPI settings ({@code skillpath.xapi.*}, application.properties): its IRIs, and what the
 * {@code X-Experience-API-Consistent-Through} header may promise.
 */
@ApplicationScoped
public class XapiConfig {

    @ConfigProperty(name = "skillpath.xapi.home-page")
    String homePage;

    @ConfigProperty(name = "skillpath.xapi.activity-base")
    String activityBase;

    /**
     * The longest a projection transaction can stay open: the transaction manager's timeout (the backbone runs each
     * event in a transaction of the default timeout, and the transaction manager rolls back one that outlives it).
     */
    @ConfigProperty(name = "quarkus.transaction-manager.default-transaction-timeout", defaultValue = "60s")
    Duration transactionTimeout;

    /** The clock difference allowed between replicas, which each stamp {@code stored} by their own clock. */
    @ConfigProperty(name = "skillpath.xapi.clock-skew", defaultValue = "1s")
    Duration clockSkew;

    /** Singletons, not application-scoped: a record is final, so it cannot stand behind a client proxy. */
    @Produces
    @Singleton
    XapiIris iris() {
        return new XapiIris(homePage, activityBase);
    }

    @Produces
    @Singleton
    StatementMapper mapper(XapiIris iris) {
        return new StatementMapper(iris);
    }

    /**
     * How far behind the query time {@code X-Experience-API-Consistent-Through} is. A statement is stamped
     * {@code stored} inside its event's transaction, which began before and commits at most the transaction timeout
     * after it began, so a statement stored at {@code s} is visible by {@code s + timeout} or never; stamped on another
     * replica's clock, by {@code s + timeout + skew} of ours.
     */
    public Duration consistencyLag() {
        return transactionTimeout.plus(clockSkew);
    }
}
