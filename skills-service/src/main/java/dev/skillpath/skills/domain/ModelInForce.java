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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.skillpath.platform.catalog.Level;

import dev.skillpath.skills.domain.model.ItemKey;
import dev.skillpath.skills.domain.model.ItemParameters;
import dev.skillpath.skills.domain.model.LearnerModel;
import dev.skillpath.skills.domain.model.ModelGraph;
import dev.skillpath.skills.domain.model.ModelParameters;
import dev.skillpath.skills.store.ModelStore;

/**
 * The learner model's parameters in force: the active skills and their {@code requires} graph, the newest applied
 * fit (or the authors' values and the defaults before any fit). Built from the database and kept for a few seconds,
 * so the consumer does not read parameters per event; a local catalogue change or a fit refreshes it at once, and
 * another replica's within {@link #MAX_AGE}.
 */
@ApplicationScoped
public class ModelInForce {

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    @Inject
    ModelStore store;

    @Inject
    Clock clock;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry registry;

    /** The parameters and what they were built from. {@code fitId} 0 means no fit yet. */
    public record Snapshot(long fitId, ModelParameters<UUID> parameters, LearnerModel.Estimates start, Instant builtAt,
            Map<UUID, ModelStore.SkillFitRow> fitted, List<String> slugs, List<Level> levels) {

        /** The slug of the skill at position i. */
        public String slug(int i) {
            return slugs.get(i);
        }

        /** The order of skills equally ready on a frontier: by level, then slug (docs/learning.md). */
        public Comparator<Integer> frontierOrder() {
            return Comparator.comparing((Integer i) -> levels.get(i)).thenComparing(slugs::get);
        }

        /** Where a learner without evidence stands on every skill. */
        public double[] baseline() {
            return start.known().clone();
        }

        public LearnerModel<UUID> model() {
            return parameters.model();
        }

        public ModelGraph<UUID> graph() {
            return parameters.graph();
        }

    }

    private volatile Snapshot current;

    /** The snapshot in force, rebuilt when it is older than {@link #MAX_AGE}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Snapshot current() {
        Snapshot s = current;
        if (s == null || Duration.between(s.builtAt(), clock.instant()).compareTo(MAX_AGE) > 0) {
            s = rebuild();
        }
        return s;
    }

    /** Forgets the snapshot: the next use rebuilds it (after a fit, or a change of the catalogue). */
    public void invalidate() {
        current = null;
    }

    /** Forgets the snapshot once the current transaction has ended (so no rebuild caches what it changes). */
    public void invalidateAfterCommit() {
        registry.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                invalidate();
            }
        });
    }

    /** Builds the snapshot from the database and keeps it as the one in force. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public synchronized Snapshot rebuild() {
        Snapshot s = build();
        current = s;
        return s;
    }

    /**
     * Builds a snapshot from what the current transaction sees, without keeping it: for a transaction that is
     * changing what it is built from (a fit being written, a catalogue change) and must not cache it for others.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Snapshot build() {
        List<Skill> skills = new ArrayList<>(Skill.<Skill>list("retired", false));
        skills.sort(Comparator.comparing(s -> s.id));
        List<UUID> ids = skills.stream().map(s -> s.id).toList();
        List<Map.Entry<UUID, UUID>> edges = new ArrayList<>();
        for (SkillRelation r : SkillRelation.<SkillRelation>list("typeValue", RelationType.REQUIRES.value())) {
            edges.add(Map.entry(r.skillId, r.targetId));
        }
        ModelGraph<UUID> graph = new ModelGraph<>(ids, edges);
        Optional<ModelStore.FitRow> fit = store.currentFit();
        long fitId = fit.map(ModelStore.FitRow::id).orElse(0L);
        Map<UUID, ModelStore.SkillFitRow> fitted = fitId == 0 ? Map.of() : store.skillFits(fitId);
        KnowledgeTracing[] parameters = new KnowledgeTracing[skills.size()];
        for (int i = 0; i < skills.size(); i++) {
            ModelStore.SkillFitRow f = fitted.get(skills.get(i).id);
            parameters[i] = f != null ? f.parameters() : skills.get(i).knowledgeTracing();
        }
        double leak = fit.map(ModelStore.FitRow::leak).orElse(ModelParameters.DEFAULT_LEAK);
        Map<ItemKey, ItemParameters> items = new HashMap<>();
        if (fitId != 0) {
            for (ModelStore.ItemFitRow row : store.itemFits(fitId, null)) {
                items.put(row.key(), row.parameters());
            }
        }
        double spread = fit.map(ModelStore.FitRow::abilitySpread).orElse(ModelParameters.DEFAULT_ABILITY_SPREAD);
        // fits before V4 kept neither: they assumed the pure noisy-AND without an ability effect
        double compensation = fit.map(ModelStore.FitRow::compensation).orElse(0.0);
        double abilityEffect = fit.map(ModelStore.FitRow::abilityEffect).orElse(0.0);
        ModelParameters<UUID> p = new ModelParameters<>(graph, parameters, leak, spread, compensation, abilityEffect, items);
        return new Snapshot(fitId, p, p.model().estimate(p.model().fresh()), clock.instant(), fitted,
                skills.stream().map(k -> k.slug).toList(), skills.stream().map(k -> k.level).toList());
    }

    /** The parameters a fit starts from and shrinks toward: the authors' values, else the defaults. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ModelParameters<UUID> starting() {
        Snapshot s = current();
        KnowledgeTracing[] authored = new KnowledgeTracing[s.graph().size()];
        for (int i = 0; i < authored.length; i++) {
            Skill skill = Skill.findById(s.graph().skill(i));
            authored[i] = skill.knowledgeTracing();
        }
        return new ModelParameters<>(s.graph(), authored, ModelParameters.DEFAULT_LEAK, Map.of());
    }
}
