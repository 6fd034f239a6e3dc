package dev.skillpath.skills.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.SkillMastered;
import dev.skillpath.events.payload.SkillMasteryChanged;
import dev.skillpath.skills.domain.ModelInForce.Snapshot;
import dev.skillpath.skills.domain.model.LearnerModel;
import dev.skillpath.skills.domain.model.LearnerState;
import dev.skillpath.skills.domain.model.SkillEvidence;
import dev.skillpath.skills.store.ModelStore;
import dev.skillpath.skills.store.ModelStore.Effect;
import dev.skillpath.skills.store.ModelStore.EvidenceRow;
import dev.skillpath.skills.store.ModelStore.StateRow;

/**
 * Turns evidence into mastery with the learner model (docs/learning.md): stores each graded answer and completed
 * lesson, applies it to the learner's state, keeps what each piece of evidence moved, and announces every estimate
 * that moved ({@code skill.mastery.changed}) and every crossing of the threshold ({@code skill.mastered}).
 *
 * <p>A learner's state is always the result of applying all their stored evidence, in order, with one fit's
 * parameters: the consumer goes on from the stored state; a replay (after a fit) starts from nothing and applies the
 * same steps, so both give the same numbers. Both hold the learner's row lock.
 */
@ApplicationScoped
public class MasteryTracker {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(MasteryTracker.class);

    /** A tagged skill's estimate that moved less than this is not a change worth a line of evidence. */
    static final double EFFECT_MIN = 0.001;
    /**
     * A skill the evidence was not about moves a little with every answer (through the learner's ability); a line of
     * evidence for it, a row and an announcement only when it moved at least this far.
     */
    static final double INDIRECT_MIN = 0.05;

    @Inject
    ModelStore store;

    @Inject
    ModelInForce parameters;

    @Inject
    OutboxWriter outbox;

    /** Applies one progress event's evidence (rows without ids, in order), in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String learnerId, List<EvidenceRow> rows, CloudEvent cause) {
        Snapshot snap = parameters.current();
        long learnerFit = store.lockLearner(learnerId);
        if (learnerFit > snap.fitId()) {
            snap = parameters.rebuild(); // another replica applied a newer fit
        }
        if (learnerFit != snap.fitId()) {
            replayLocked(learnerId, snap);
        }
        for (EvidenceRow r : rows) {
            for (UUID skill : r.skillIds()) {
                if (snap.graph().indexOf(skill) < 0) {
                    LOG.debugf("evidence for skill %s, which the model does not know (retired or unknown), ignored",
                            skill);
                }
            }
        }
        Map<UUID, StateRow> stored = store.state(learnerId);
        Progress progress = Progress.restore(snap, stored);
        List<EvidenceRow> saved = store.addEvidence(rows);
        for (EvidenceHistory.Group g : EvidenceHistory.group(saved, snap.graph())) {
            progress.apply(snap, g);
        }
        progress.save(store, learnerId, false);
        announce(learnerId, snap, stored, progress, cause.id(), cause.type());
    }

    /**
     * Every skill's estimate for a learner now, computed from their stored state with the parameters in force (so a
     * skill the graph or the learner's ability moved since its row was written is current too).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public double[] estimates(String learnerId, Snapshot snap) {
        return Progress.restore(snap, store.state(learnerId)).known.clone();
    }

    /**
     * Recomputes a learner's state from all their evidence with the parameters in force; in its own transaction,
     * under the learner's lock, so it is whole or not at all. Answers whether the state changed fit.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean replay(String learnerId) {
        Snapshot snap = parameters.current();
        long learnerFit = store.lockLearner(learnerId);
        if (learnerFit == snap.fitId()) {
            return false;
        }
        Map<UUID, StateRow> before = store.state(learnerId);
        Progress progress = replayLocked(learnerId, snap);
        announce(learnerId, snap, before, progress, UUID.nameUUIDFromBytes(("fit:" + snap.fitId()).getBytes()),
                "dev.skillpath.skill.model.refitted");
        return true;
    }

    private Progress replayLocked(String learnerId, Snapshot snap) {
        List<EvidenceRow> rows = store.evidenceOf(learnerId);
        Progress progress = Progress.fresh(snap);
        for (EvidenceHistory.Group g : EvidenceHistory.group(rows, snap.graph())) {
            progress.apply(snap, g);
        }
        store.clearDerived(learnerId);
        progress.save(store, learnerId, true);
        store.setLearnerFit(learnerId, snap.fitId());
        return progress;
    }

    private void announce(String learnerId, Snapshot snap, Map<UUID, StateRow> before, Progress progress,
            UUID causeId, String causeType) {
        Instant at = progress.lastAt != null ? progress.lastAt.toInstant() : Instant.now();
        for (StateRow row : progress.rows(false)) {
            int i = snap.graph().indexOf(row.skillId());
            StateRow old = before.get(row.skillId());
            double previous = old != null ? old.probability() : snap.baseline()[i];
            boolean wasMastered = KnowledgeTracing.isMastered(previous);
            boolean mastered = KnowledgeTracing.isMastered(row.probability());
            double moved = Math.abs(row.probability() - previous);
            boolean touchedDirectly = progress.touched.containsKey(i) && progress.touched.get(i);
            if (moved < (touchedDirectly ? EFFECT_MIN : INDIRECT_MIN) && wasMastered == mastered) {
                continue;
            }
            Skill skill = Skill.findById(row.skillId());
            outbox.publish(EventTypes.SKILL_MASTERY_CHANGED, learnerId, row.skillId().toString(),
                    new SkillMasteryChanged(learnerId, row.skillId(), skill.slug, previous, row.probability(), mastered,
                            causeId, causeType, at));
            if (!wasMastered && mastered) {
                outbox.publish(EventTypes.SKILL_MASTERED, learnerId, row.skillId().toString(),
                        new SkillMastered(learnerId, row.skillId(), skill.slug, row.probability(), at));
            }
        }
    }

    /** A learner's state being brought forward event by event, with the rows and effects it will write. */
    static final class Progress {
        final LearnerState state;
        final double[] known;
        final Map<Integer, OffsetDateTime> masteredAt = new HashMap<>();
        final Map<Integer, OffsetDateTime> lastEvidenceAt = new HashMap<>();
        final Map<Integer, Boolean> touched = new LinkedHashMap<>(); // skill → touched by own evidence in this run
        final Map<Integer, Boolean> hasRow = new HashMap<>();
        final Map<Long, Map<Integer, double[]>> effects = new LinkedHashMap<>(); // evidence → skill → {before, after, direct}
        final double[] baseline;
        final ModelInForce.Snapshot snap;
        OffsetDateTime lastAt;

        private Progress(Snapshot snap, LearnerState state) {
            this.snap = snap;
            this.state = state;
            this.known = snap.model().estimate(state).known().clone();
            this.baseline = snap.baseline();
        }

        static Progress fresh(Snapshot snap) {
            return new Progress(snap, snap.model().fresh());
        }

        static Progress restore(Snapshot snap, Map<UUID, StateRow> rows) {
            LearnerState state = snap.model().fresh();
            for (StateRow r : rows.values()) {
                int i = snap.graph().indexOf(r.skillId());
                if (i >= 0) {
                    state.restore(i, r.evidence(), r.observations(), r.correct(), r.learningSteps());
                }
            }
            Progress p = new Progress(snap, state);
            for (StateRow r : rows.values()) {
                int i = snap.graph().indexOf(r.skillId());
                if (i >= 0) {
                    p.hasRow.put(i, true);
                    if (r.masteredAt() != null) {
                        p.masteredAt.put(i, r.masteredAt());
                    }
                    if (r.lastEvidenceAt() != null) {
                        p.lastEvidenceAt.put(i, r.lastEvidenceAt());
                    }
                }
            }
            return p;
        }

        void apply(Snapshot snap, EvidenceHistory.Group group) {
            LearnerModel<UUID> model = snap.model();
            List<EvidenceRow> rows = group.rows();
            OffsetDateTime at = rows.get(rows.size() - 1).observedAt().withOffsetSameInstant(ZoneOffset.UTC);
            lastAt = at;
            double[] current = known.clone();
            double[][] holder = {current};
            snap.parameters().apply(state, group.event(), 0, LearnerModel.Steps.NONE, i -> {
                double[] next = model.estimate(state).known();
                record(rows.get(i), holder[0], next);
                holder[0] = next;
            });
            double[] last = model.estimate(state).known();
            // the learning opportunity after an attempt (or the lesson itself) counts with the event's last row
            record(rows.get(rows.size() - 1), holder[0], last);
            for (int s = 0; s < last.length; s++) {
                boolean wasMastered = KnowledgeTracing.isMastered(known[s]);
                if (!wasMastered && KnowledgeTracing.isMastered(last[s])) {
                    masteredAt.put(s, at);
                }
                if (Math.abs(last[s] - known[s]) >= EFFECT_MIN) {
                    lastEvidenceAt.put(s, at);
                }
            }
            for (EvidenceRow r : rows) {
                for (int t : EvidenceHistory.tags(r, snap.graph())) {
                    if (t >= 0) {
                        touched.put(t, true);
                        lastEvidenceAt.put(t, at);
                    }
                }
            }
            System.arraycopy(last, 0, known, 0, known.length);
        }

        private void record(EvidenceRow row, double[] before, double[] after) {
            int[] tags = EvidenceHistory.tags(row, snap.graph());
            Map<Integer, double[]> bySkill = effects.computeIfAbsent(row.id(), k -> new LinkedHashMap<>());
            for (int s = 0; s < after.length; s++) {
                double[] e = bySkill.get(s);
                if (e != null) {
                    e[1] = after[s];
                    continue;
                }
                boolean direct = false;
                for (int t : tags) {
                    direct |= t == s;
                }
                if (Math.abs(after[s] - before[s]) >= (direct ? EFFECT_MIN : INDIRECT_MIN)) {
                    bySkill.put(s, new double[] {before[s], after[s], direct ? 1 : 0});
                    touched.putIfAbsent(s, false);
                }
            }
        }

        /** The rows to write: every row there is to keep after a replay, else the ones this run moved. */
        List<StateRow> rows(boolean all) {
            List<StateRow> rows = new ArrayList<>();
            for (int s = 0; s < known.length; s++) {
                boolean moved = touched.containsKey(s);
                boolean far = Math.abs(known[s] - baseline[s]) >= INDIRECT_MIN;
                boolean keep = all ? state.hasEvidence(s) || far
                        : moved && (state.hasEvidence(s) || hasRow.containsKey(s) || far) || far && !hasRow.containsKey(s);
                if (!keep) {
                    continue;
                }
                SkillEvidence ev = state.evidence(s);
                OffsetDateTime last = lastEvidenceAt.getOrDefault(s, lastAt);
                if (last == null) {
                    continue;
                }
                rows.add(new StateRow(snap.graph().skill(s), known[s], ev, state.observations(s),
                        state.correctAnswers(s), state.learningSteps(s), state.hasEvidence(s), masteredAt.get(s), last));
            }
            return rows;
        }

        void save(ModelStore store, String learnerId, boolean all) {
            store.saveState(learnerId, rows(all));
            List<Effect> list = new ArrayList<>();
            for (Map.Entry<Long, Map<Integer, double[]>> e : effects.entrySet()) {
                for (Map.Entry<Integer, double[]> s : e.getValue().entrySet()) {
                    double[] v = s.getValue();
                    if (Math.abs(v[1] - v[0]) >= (v[2] == 1 ? EFFECT_MIN : INDIRECT_MIN)) {
                        list.add(new Effect(e.getKey(), snap.graph().skill(s.getKey()), v[0], v[1], v[2] == 1));
                    }
                }
            }
            store.addEffects(learnerId, list);
        }
    }
}
