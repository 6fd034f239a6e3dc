package dev.skillpath.skills.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.SkillMastered;
import dev.skillpath.events.payload.SkillMasteryChanged;
import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.platform.learning.SkillMemory;
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
 * that moved ({@code skill.mastery.changed}), every crossing of the threshold ({@code skill.mastered}), and after
 * each event or replay the learner's every estimate and frontier ({@code skill.estimates.changed}).
 *
 * <p>A learner's state is always the result of applying all their stored evidence, in order, with one fit's
 * parameters: the consumer goes on from the stored state; a replay (after a fit) starts from nothing and applies the
 * same steps, so both give the same numbers. Both hold the learner's row lock.
 */
@ApplicationScoped
public class MasteryTracker {

    /** A tagged skill's estimate that moved less than this is not a change worth a line of evidence. */
    static final double EFFECT_MIN = 0.001;
    /**
     * A skill the evidence was not about moves a little with every answer (through the learner's ability); a line of
     * evidence for it, a row and an announcement only when it moved at least this far.
     */
    public static final double INDIRECT_MIN = 0.05;
    /** {@code /learners/me/mastery} lists a skill without own evidence once its estimate moved this far. */
    public static final double LISTED_MIN = 0.005;

    @Inject
    ModelStore store;

    @Inject
    ModelInForce parameters;

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    @Inject
    Fsrs fsrs;

    /** One progress event's evidence for a learner: its rows, without ids, in order. */
    public record EventEvidence(String learnerId, List<EvidenceRow> rows, CloudEvent cause) {
    }

    /** Applies one progress event's evidence (rows without ids, in order), in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String learnerId, List<EvidenceRow> rows, CloudEvent cause) {
        applyAll(List.of(new EventEvidence(learnerId, rows, cause)));
    }

    /**
     * Applies the evidence of many progress events (in the order given; a learner's in the order of their events), in
     * the consumer's transaction, with a fixed number of statements however many events and learners there are. It
     * leaves what {@link #apply} would, event after event: each event is applied to the state the one before it left
     * (kept in memory, not read back), and announced on its own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(List<EventEvidence> events) {
        if (events.isEmpty()) {
            return;
        }
        Snapshot snap = parameters.current();
        Set<String> learners = new LinkedHashSet<>();
        List<EvidenceRow> rows = new ArrayList<>();
        for (EventEvidence e : events) {
            learners.add(e.learnerId());
            rows.addAll(e.rows());
        }
        Map<String, Long> fits = store.lockLearners(learners);
        long inForce = snap.fitId();
        if (fits.values().stream().anyMatch(f -> f > inForce)) {
            snap = parameters.rebuild(); // another replica applied a newer fit
        }
        for (String learner : learners) {
            if (fits.get(learner) != snap.fitId()) {
                replayLocked(learner, snap);
            }
        }
        Map<String, Map<UUID, StateRow>> states = store.states(learners);
        List<EvidenceRow> saved = store.addEvidence(rows);
        Map<String, Map<UUID, StateRow>> changed = new LinkedHashMap<>();
        Map<String, List<Effect>> effects = new LinkedHashMap<>();
        List<OutboxWriter.Outgoing> announcements = new ArrayList<>();
        int next = 0;
        for (EventEvidence e : events) {
            List<EvidenceRow> ofEvent = saved.subList(next, next + e.rows().size());
            next += e.rows().size();
            Map<UUID, StateRow> stored = states.computeIfAbsent(e.learnerId(), k -> new HashMap<>());
            Progress progress = Progress.restore(snap, stored, fsrs);
            double[] previous = progress.known.clone();
            for (EvidenceHistory.Group g : EvidenceHistory.group(ofEvent, snap.graph())) {
                progress.apply(snap, g);
            }
            Map<UUID, StateRow> ofLearner = changed.computeIfAbsent(e.learnerId(), k -> new LinkedHashMap<>());
            for (StateRow r : progress.rows(false)) {
                stored.put(r.skillId(), r); // the state the learner's next event in this batch starts from
                ofLearner.put(r.skillId(), r);
            }
            effects.computeIfAbsent(e.learnerId(), k -> new ArrayList<>()).addAll(progress.effects());
            for (OutboxWriter.Outgoing o : announce(e.learnerId(), snap, previous, progress, e.cause().id(),
                    e.cause().type())) {
                announcements.add(events.size() == 1 ? o : o.causedBy(e.cause()));
            }
        }
        Map<String, Collection<StateRow>> toSave = new LinkedHashMap<>();
        changed.forEach((learner, bySkill) -> toSave.put(learner, bySkill.values()));
        store.saveStates(toSave);
        store.addEffects(effects);
        outbox.publishAll(announcements);
    }

    /**
     * Every skill's estimate for a learner now, computed from their stored state with the parameters in force (so a
     * skill the graph or the learner's ability moved since its row was written is current too).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public double[] estimates(String learnerId, Snapshot snap) {
        return Progress.restore(snap, store.state(learnerId), fsrs).known.clone();
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
        double[] previous = snap.baseline();
        before.forEach((skill, row) -> {
            int i = snap.graph().indexOf(skill);
            if (i >= 0) {
                previous[i] = row.probability();
            }
        });
        Progress progress = replayLocked(learnerId, snap);
        outbox.publishAll(announce(learnerId, snap, previous, progress, ModelBaseline.fitEventId(snap.fitId()),
                "dev.skillpath.skill.model.refitted"));
        return true;
    }

    private Progress replayLocked(String learnerId, Snapshot snap) {
        List<EvidenceRow> rows = store.evidenceOf(learnerId);
        Progress progress = Progress.fresh(snap, fsrs);
        for (EvidenceHistory.Group g : EvidenceHistory.group(rows, snap.graph())) {
            progress.apply(snap, g);
        }
        store.clearDerived(learnerId);
        progress.save(store, learnerId, true);
        store.setLearnerFit(learnerId, snap.fitId());
        return progress;
    }

    /**
     * Announces, for every skill the evidence was about, the move of its estimate, and for any skill a crossing of the
     * mastery threshold (either way). The small moves every answer gives all skills through the learner's ability and
     * the graph are not announced one by one: every estimate and the frontier go in one {@code skill.estimates.changed}
     * (one outbox row per applied event or replay, however many skills moved).
     */
    private List<OutboxWriter.Outgoing> announce(String learnerId, Snapshot snap, double[] previous,
            Progress progress, UUID causeId, String causeType) {
        List<OutboxWriter.Outgoing> out = new ArrayList<>();
        Instant at = progress.lastAt != null ? progress.lastAt.toInstant() : Instant.now();
        for (int i = 0; i < progress.known.length; i++) {
            double now = progress.known[i];
            boolean direct = Boolean.TRUE.equals(progress.touched.get(i));
            boolean wasMastered = KnowledgeTracing.isMastered(previous[i]);
            boolean mastered = KnowledgeTracing.isMastered(now);
            if (!(direct && Math.abs(now - previous[i]) >= EFFECT_MIN) && wasMastered == mastered) {
                continue;
            }
            UUID skill = snap.graph().skill(i);
            String slug = snap.slug(i);
            out.add(OutboxWriter.Outgoing.of(EventTypes.SKILL_MASTERY_CHANGED, learnerId, skill.toString(),
                    new SkillMasteryChanged(learnerId, skill, slug, previous[i], now, mastered, causeId, causeType, at)));
            if (!wasMastered && mastered) {
                out.add(OutboxWriter.Outgoing.of(EventTypes.SKILL_MASTERED, learnerId, skill.toString(),
                        new SkillMastered(learnerId, skill, slug, now, at)));
            }
        }
        Map<Integer, Instant> reviewDue = new HashMap<>();
        progress.memory.forEach((skill, memory) -> reviewDue.put(skill, memory.due(fsrs)));
        out.add(OutboxWriter.Outgoing.of(EventTypes.LEARNER_ESTIMATES, learnerId, learnerId, PublishedEstimates.of(
                learnerId, snap.fitId(), snap.graph(), progress.known, reviewDue, snap.frontierOrder(), causeId,
                clock.instant())));
        return out;
    }

    /** A learner's state being brought forward event by event, with the rows and effects it will write. */
    static final class Progress {
        final LearnerState state;
        LearnerModel.Estimates current;
        final double[] known;
        final Map<Integer, OffsetDateTime> masteredAt = new HashMap<>();
        final Map<Integer, OffsetDateTime> lastEvidenceAt = new HashMap<>();
        final Map<Integer, Boolean> touched = new LinkedHashMap<>(); // skill → touched by own evidence in this run
        final Map<Integer, Boolean> hasRow = new HashMap<>();
        /** Each mastered skill's memory (docs/learning.md, "Forgetting and reviews"), and those this run moved. */
        final Map<Integer, SkillMemory> memory = new HashMap<>();
        final Set<Integer> memoryMoved = new HashSet<>();
        final Fsrs fsrs;
        final Map<Long, Map<Integer, double[]>> effects = new LinkedHashMap<>(); // evidence → skill → {before, after, direct}
        final double[] startKnown;
        final ModelInForce.Snapshot snap;
        OffsetDateTime lastAt;

        private Progress(Snapshot snap, LearnerState state, LearnerModel.Estimates current, Fsrs fsrs) {
            this.snap = snap;
            this.fsrs = fsrs;
            this.state = state;
            this.current = current;
            this.known = current.known().clone();
            this.startKnown = known.clone();
        }

        static Progress fresh(Snapshot snap, Fsrs fsrs) {
            return new Progress(snap, snap.model().fresh(), snap.start(), fsrs);
        }

        static Progress restore(Snapshot snap, Map<UUID, StateRow> rows, Fsrs fsrs) {
            LearnerState state = snap.model().fresh();
            for (StateRow r : rows.values()) {
                int i = snap.graph().indexOf(r.skillId());
                if (i >= 0) {
                    state.restore(i, r.evidence(), r.observations(), r.correct(), r.learningSteps());
                }
            }
            Progress p = new Progress(snap, state, rows.isEmpty() ? snap.start() : snap.model().estimate(state), fsrs);
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
                    if (r.memory() != null) {
                        p.memory.put(i, r.memory());
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
            double[][] holder = {known.clone()};
            // each answer's move of the skills it is about; the graph's moves of the others come with the event
            snap.parameters().apply(state, current, group.event(), 0, LearnerModel.Steps.NONE, (i, running) -> {
                record(rows.get(i), holder[0], running, true);
                holder[0] = running.clone();
            });
            current = model.estimate(state);
            double[] last = current.known();
            // the learning opportunity after an attempt (or the lesson itself), and the graph's moves, count with the
            // event's last row
            record(rows.get(rows.size() - 1), known, last, false);
            for (int s = 0; s < last.length; s++) {
                boolean wasMastered = KnowledgeTracing.isMastered(known[s]);
                if (!wasMastered && KnowledgeTracing.isMastered(last[s])) {
                    masteredAt.put(s, at);
                }
                if (Math.abs(last[s] - known[s]) >= INDIRECT_MIN) {
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
            remember(rows, last, at.toInstant());
            System.arraycopy(last, 0, known, 0, known.length);
        }

        /**
         * The memories after an event (docs/learning.md, "Forgetting and reviews"): a skill mastered without a memory
         * gets one, rated by the event's answers on it (Good when it has none: the graph mastered it); a skill with
         * one is reviewed when the event has answers on it. Only answered questions are retrievals; a lesson is none.
         */
        private void remember(List<EvidenceRow> rows, double[] after, Instant at) {
            Map<Integer, int[]> answers = new HashMap<>(); // skill → {right, answered}
            for (EvidenceRow r : rows) {
                if (r.isLesson() || !Boolean.TRUE.equals(r.answered())) {
                    continue;
                }
                for (int t : EvidenceHistory.tags(r, snap.graph())) {
                    if (t >= 0) {
                        int[] a = answers.computeIfAbsent(t, k -> new int[2]);
                        a[1]++;
                        a[0] += Boolean.TRUE.equals(r.correct()) ? 1 : 0;
                    }
                }
            }
            for (int s = 0; s < after.length; s++) {
                SkillMemory m = memory.get(s);
                int[] a = answers.get(s);
                if (m != null && a != null) {
                    memory.put(s, m.review(fsrs, SkillMemory.rating(a[0], a[1]), at));
                    memoryMoved.add(s);
                } else if (m == null && KnowledgeTracing.isMastered(after[s])) {
                    memory.put(s, SkillMemory.first(fsrs, a == null ? Fsrs.GOOD : SkillMemory.rating(a[0], a[1]), at));
                    memoryMoved.add(s);
                }
            }
        }

        /**
         * Notes what a row moved: {@code direct} answers move the skills they are tagged with; otherwise the moves of
         * skills the row was not about (at least {@link #INDIRECT_MIN}) are added, and the tagged skills' line is
         * carried to {@code after}.
         */
        private void record(EvidenceRow row, double[] before, double[] after, boolean direct) {
            int[] tags = EvidenceHistory.tags(row, snap.graph());
            boolean[] reach = direct ? null : snap.graph().related(tags);
            Map<Integer, double[]> bySkill = effects.computeIfAbsent(row.id(), k -> new LinkedHashMap<>());
            for (int s = 0; s < after.length; s++) {
                boolean tagged = false;
                for (int t : tags) {
                    tagged |= t == s;
                }
                double[] e = bySkill.get(s);
                if (e != null) {
                    if (!direct && e[2] == 1) {
                        e[1] = after[s]; // a tagged skill: its line ends where the event left it
                    }
                    continue;
                }
                if (direct ? tagged && Math.abs(after[s] - before[s]) >= EFFECT_MIN
                        : !tagged && reach[s] && Math.abs(after[s] - before[s]) >= INDIRECT_MIN) {
                    bySkill.put(s, new double[] {before[s], after[s], tagged ? 1 : 0});
                    touched.putIfAbsent(s, false);
                }
            }
        }

        /** The rows to write: every row there is to keep after a replay, else the ones this run moved. */
        List<StateRow> rows(boolean all) {
            List<StateRow> rows = new ArrayList<>();
            for (int s = 0; s < known.length; s++) {
                // the state is the skills with own evidence; a skill mastered through the graph gets a row too, so
                // that it is listed with the time it was mastered
                boolean mastered = KnowledgeTracing.isMastered(known[s]);
                boolean direct = Boolean.TRUE.equals(touched.get(s));
                boolean keep = all ? state.hasEvidence(s) || mastered || memory.containsKey(s)
                        : direct || mastered != KnowledgeTracing.isMastered(startKnown[s])
                                || hasRow.containsKey(s) && touched.containsKey(s) || memoryMoved.contains(s);
                if (!keep) {
                    continue;
                }
                SkillEvidence ev = state.evidence(s);
                OffsetDateTime last = lastEvidenceAt.getOrDefault(s, lastAt);
                if (last == null) {
                    continue;
                }
                SkillMemory m = memory.get(s);
                rows.add(new StateRow(snap.graph().skill(s), known[s], ev, state.observations(s),
                        state.correctAnswers(s), state.learningSteps(s), state.hasEvidence(s), masteredAt.get(s), last,
                        m, m == null ? null : m.due(fsrs)));
            }
            return rows;
        }

        void save(ModelStore store, String learnerId, boolean all) {
            store.saveState(learnerId, rows(all));
            store.addEffects(learnerId, effects());
        }

        /** What each piece of evidence of this run moved far enough to keep. */
        List<Effect> effects() {
            List<Effect> list = new ArrayList<>();
            for (Map.Entry<Long, Map<Integer, double[]>> e : effects.entrySet()) {
                for (Map.Entry<Integer, double[]> s : e.getValue().entrySet()) {
                    double[] v = s.getValue();
                    if (Math.abs(v[1] - v[0]) >= (v[2] == 1 ? EFFECT_MIN : INDIRECT_MIN)) {
                        list.add(new Effect(e.getKey(), snap.graph().skill(s.getKey()), v[0], v[1], v[2] == 1));
                    }
                }
            }
            return list;
        }
    }
}
