package dev.skillpath.skills.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.SkillMastered;
import dev.skillpath.events.payload.SkillMasteryChanged;

/**
 * Turns evidence into mastery: each graded answer is an observation for every skill of its question, each
 * lesson completion a learning step for its skills. Every estimate that moves is announced as
 * {@code skill.mastery.changed}, and a crossing of the threshold as {@code skill.mastered}.
 */
@ApplicationScoped
public class MasteryTracker {

    private static final Logger LOG = Logger.getLogger(MasteryTracker.class);

    @Inject
    OutboxWriter outbox;

    /** One piece of evidence about one skill: an observation (correct or not) or a learning step. */
    public record Evidence(UUID skillId, Boolean correct) {
        public static Evidence observation(UUID skill, boolean correct) {
            return new Evidence(skill, correct);
        }

        public static Evidence learningStep(UUID skill) {
            return new Evidence(skill, null);
        }
    }

    /** Applies a cause event's evidence in order, in the caller's transaction (the consumer's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(String learnerId, List<Evidence> evidence, CloudEvent cause, Instant at) {
        Map<UUID, Double> before = new LinkedHashMap<>();
        Map<UUID, Mastery> touched = new LinkedHashMap<>();
        Map<UUID, Skill> skills = new LinkedHashMap<>();
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        for (Evidence e : evidence) {
            Skill skill = skills.computeIfAbsent(e.skillId(), id -> Skill.findById(id));
            if (skill == null) {
                LOG.debugf("evidence for unknown skill %s in %s ignored", e.skillId(), cause.id());
                continue;
            }
            Mastery m = touched.computeIfAbsent(skill.id, id -> load(learnerId, skill));
            before.putIfAbsent(skill.id, m.probability);
            KnowledgeTracing bkt = skill.knowledgeTracing();
            if (e.correct() == null) {
                m.probability = bkt.learningStep(m.probability);
                m.learningSteps++;
            } else {
                m.probability = bkt.observe(m.probability, e.correct());
                m.observations++;
                if (e.correct()) {
                    m.correctAnswers++;
                }
            }
            if (m.lastEvidenceAt == null || when.isAfter(m.lastEvidenceAt)) {
                m.lastEvidenceAt = when;
            }
        }
        for (Mastery m : touched.values()) {
            double previous = before.get(m.skillId);
            boolean crossed = !KnowledgeTracing.isMastered(previous) && m.mastered();
            if (crossed) {
                m.masteredAt = when;
            }
            m.persist();
            Skill skill = skills.get(m.skillId);
            outbox.publish(EventTypes.SKILL_MASTERY_CHANGED, learnerId, skill.id.toString(),
                    new SkillMasteryChanged(learnerId, skill.id, skill.slug, previous, m.probability, m.mastered(),
                            cause.id(), cause.type(), at));
            if (crossed) {
                outbox.publish(EventTypes.SKILL_MASTERED, learnerId, skill.id.toString(),
                        new SkillMastered(learnerId, skill.id, skill.slug, m.probability, at));
            }
        }
    }

    private static Mastery load(String learnerId, Skill skill) {
        Mastery m = Mastery.findById(new Mastery.Key(learnerId, skill.id), LockModeType.PESSIMISTIC_WRITE);
        if (m == null) {
            m = new Mastery();
            m.learnerId = learnerId;
            m.skillId = skill.id;
            m.probability = skill.knowledgeTracing().prior();
        }
        return m;
    }
}
