package dev.skillpath.skills.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.LearnerEstimates;
import dev.skillpath.skills.store.ModelStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the newcomer baseline ({@code skill.model.baseline}, docs/events.md): what the learner model says of a
 * learner without evidence, for quiz-service to pick a newcomer's practice questions by. Published when it changes:
 * in the transaction that applies a fit, in a catalogue change's transaction, and once on start when the one last
 * published is not the current one. Under an advisory lock, and computed after taking it, so replicas starting
 * together publish it once, and the last one published is always computed from everything committed before it.
 */
@ApplicationScoped
public class ModelBaseline {

    /** The Kafka key of every baseline: the compacted catalogue topic keeps the newest. */
    public static final String KEY = "baseline";

    private static final Logger LOG = Logger.getLogger(ModelBaseline.class);

    @Inject
    ModelStore store;

    @Inject
    ModelInForce parameters;

    @Inject
    OutboxWriter outbox;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** After the seed (default priority): the catalogue is there to compute from. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        QuarkusTransaction.requiringNew().call(() -> publishIfChanged(null)).ifPresent(e ->
                LOG.infof("published the newcomer baseline of fit %d", e.fitId()));
    }

    /**
     * Publishes the baseline as the current transaction sees the model, unless it is the one last published.
     *
     * @param cause the event that changed it (a catalogue change); null: the fit in force
     * @return the baseline published, if one was
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LearnerEstimates> publishIfChanged(CloudEvent cause) {
        Optional<String> last = store.lockBaseline();
        em.flush(); // a catalogue change of this transaction counts
        ModelInForce.Snapshot snap = parameters.build();
        UUID causeId = cause != null ? cause.id() : fitEventId(snap.fitId());
        LearnerEstimates baseline = PublishedEstimates.of(null, snap.fitId(), snap.graph(), snap.baseline(),
                snap.frontierOrder(), causeId, clock.instant());
        String fingerprint = PublishedEstimates.fingerprint(baseline);
        if (last.filter(fingerprint::equals).isPresent()) {
            return Optional.empty();
        }
        CloudEvent published = outbox.publish(EventTypes.MODEL_BASELINE, KEY, KEY, baseline);
        store.saveBaseline(fingerprint, snap.fitId(), published.id());
        return Optional.of(baseline);
    }

    /** The id a fit is referred to by as a cause (of a replay, of a baseline). */
    static UUID fitEventId(long fitId) {
        return UUID.nameUUIDFromBytes(("fit:" + fitId).getBytes(StandardCharsets.UTF_8));
    }
}
