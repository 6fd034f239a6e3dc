package dev.skillpath.skills.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.ItemParametersFitted;
import dev.skillpath.skills.domain.model.EvidenceEvent;
import dev.skillpath.skills.domain.model.ItemKey;
import dev.skillpath.skills.domain.model.ItemParameters;
import dev.skillpath.skills.domain.model.ModelFitter;
import dev.skillpath.skills.domain.model.ModelParameters;
import dev.skillpath.skills.store.ModelStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Refits the learner model from all stored evidence and replays every learner with the new parameters
 * (docs/learning.md, "Fitting"). Runs on its own thread, never in the consumer's: the fit reads the evidence in one
 * read-only transaction, computes without one, writes the new parameters in one short transaction, and then
 * replays learner by learner, each in its own transaction under that learner's lock, so a learner is never half
 * replayed and the consumer waits at most for one learner. The write transaction also announces the fitted
 * question parameters and the new newcomer baseline, so they are published exactly when the fit is applied.
 *
 * <p>A fit starts on demand (an admin) or by the schedule when the evidence has grown enough since the last one; at
 * most one runs at a time across replicas (a unique index on the running fit).
 */
@ApplicationScoped
public class ModelRefit {

    private static final Logger LOG = Logger.getLogger(ModelRefit.class);
    private static final Duration STALE = Duration.ofMinutes(30);

    @Inject
    ModelStore store;

    @Inject
    ModelInForce parameters;

    @Inject
    MasteryTracker tracker;

    @Inject
    ModelBaseline baseline;

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    @ConfigProperty(name = "skillpath.model.refit.enabled", defaultValue = "true")
    boolean scheduled;

    @ConfigProperty(name = "skillpath.model.refit.min-new-answers", defaultValue = "200")
    long minNewAnswers;

    @ConfigProperty(name = "skillpath.model.refit.growth", defaultValue = "0.25")
    double growth;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "learner-model-fit");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean replaying = new AtomicBoolean();

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Starts a fit now, unless one is running; answers its id. The work goes on in the background. */
    public Optional<Long> request(String requestedBy) {
        Optional<Long> id = QuarkusTransaction.requiringNew().call(() -> store.startFit(requestedBy, STALE));
        id.ifPresent(fitId -> worker.submit(() -> run(fitId)));
        return id;
    }

    @Scheduled(every = "${skillpath.model.refit.check:60s}", delayed = "${skillpath.model.refit.delay:20s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (scheduled && due()) {
            request("schedule");
        } else {
            worker.submit(this::replayPending);
        }
    }

    /** Due when the answers since the last fit are at least {@code min-new-answers} and {@code growth} of the rest. */
    boolean due() {
        return QuarkusTransaction.requiringNew().call(() -> {
            long now = store.evidenceCount();
            long before = store.currentFit().map(f -> f.observations() == null ? 0L : f.observations().longValue())
                    .orElse(0L);
            long added = now - before;
            return added >= minNewAnswers && added >= growth * before;
        });
    }

    void run(long fitId) {
        try {
            long started = System.nanoTime();
            ModelParameters<UUID> start = QuarkusTransaction.requiringNew().call(() -> parameters.starting());
            List<List<EvidenceEvent>> histories = new ArrayList<>();
            Map<ItemKey, String> types = new HashMap<>();
            QuarkusTransaction.requiringNew().run(() -> store.forEachLearner(rows -> {
                histories.add(EvidenceHistory.events(rows, start.graph()));
                for (ModelStore.EvidenceRow r : rows) {
                    if (r.questionId() != null && r.questionVersion() != null) {
                        types.putIfAbsent(new ItemKey(r.questionId(), r.questionVersion()), r.questionType());
                    }
                }
            }));
            ModelFitter.Fit<UUID> fit = new ModelFitter<UUID>().fit(start, histories);
            List<ModelStore.SkillFitRow> skills = new ArrayList<>();
            for (int i = 0; i < start.graph().size(); i++) {
                skills.add(new ModelStore.SkillFitRow(start.graph().skill(i), fit.parameters().skill(i),
                        fit.observationsPerSkill()[i], fit.learnersPerSkill()[i]));
            }
            QuarkusTransaction.requiringNew().run(() -> {
                store.finishFit(fitId, fit.learners(), fit.observations(), fit.iterations(), fit.logLikelihood(),
                        fit.parameters().leak(), fit.parameters().abilitySpread(), fit.parameters().compensation(),
                        fit.parameters().abilityEffect(), skills, fit.parameters().fittedItems(), types);
                announceItems(fitId, fit.parameters().fittedItems());
                baseline.publishIfChanged(null);
            });
            parameters.invalidate();
            LOG.infof("learner model fit %d: %d learners, %d answers, %d iterations, %.1f s", fitId, fit.learners(),
                    fit.observations(), fit.iterations(), (System.nanoTime() - started) / 1e9);
            replayPending();
        } catch (RuntimeException e) {
            LOG.warnf(e, "learner model fit %d failed", fitId);
            QuarkusTransaction.requiringNew().run(() -> store.failFit(fitId, String.valueOf(e)));
        }
    }

    /**
     * Announces the parameters the fit wrote for each question version ({@code skill.model.item.fitted}), in the
     * fit's write transaction, keyed by question id so that a question's versions stay in order.
     */
    private void announceItems(long fitId, Map<ItemKey, ItemParameters> items) {
        Instant at = clock.instant();
        List<Map.Entry<ItemKey, ItemParameters>> sorted = new ArrayList<>(items.entrySet());
        sorted.sort(Map.Entry.comparingByKey(
                Comparator.comparing(ItemKey::questionId).thenComparingInt(ItemKey::version)));
        for (Map.Entry<ItemKey, ItemParameters> e : sorted) {
            ItemParameters p = e.getValue();
            UUID question = e.getKey().questionId();
            outbox.publish(EventTypes.ITEM_PARAMETERS_FITTED, question.toString(), question.toString(),
                    new ItemParametersFitted(question, e.getKey().version(), p.guess(), p.slip(), p.difficulty(),
                            p.observations(), fitId, at));
        }
    }

    /** Replays every learner whose state was computed with another fit than the one in force. */
    void replayPending() {
        if (!replaying.compareAndSet(false, true)) {
            return;
        }
        try {
            while (true) {
                ModelInForce.Snapshot snap = QuarkusTransaction.requiringNew().call(() -> parameters.current());
                List<String> learners = QuarkusTransaction.requiringNew()
                        .call(() -> store.learnersNotAt(snap.fitId(), 200));
                if (learners.isEmpty()) {
                    return;
                }
                int done = 0;
                for (String learner : learners) {
                    try {
                        if (tracker.replay(learner)) {
                            done++;
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf("could not replay learner %s: %s", learner, e.getMessage());
                    }
                }
                if (done == 0) {
                    return; // the snapshot moved on meanwhile; the next round starts from the new one
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "replaying learners failed; the next check tries again");
        } finally {
            replaying.set(false);
        }
    }
}
