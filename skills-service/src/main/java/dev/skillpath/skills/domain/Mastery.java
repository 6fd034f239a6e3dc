package dev.skillpath.skills.domain;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import dev.skillpath.platform.learning.Fsrs;
import dev.skillpath.platform.learning.SkillMemory;

/**
 * A learner's estimate for one skill, as the learner model left it (written by {@code ModelStore}; read here for the
 * API): the counts behind the estimate and whether the learner gave evidence on the skill itself. The model's
 * state of that evidence (the log-likelihood columns) is read and written by {@code ModelStore} alone.
 */
@Entity
@Table(name = "mastery")
@IdClass(Mastery.Key.class)
public class Mastery extends PanacheEntityBase {

    @Id
    @Column(name = "learner_id")
    public String learnerId;
    @Id
    @Column(name = "skill_id")
    public UUID skillId;
    public double probability;
    public int observations;
    @Column(name = "correct_answers")
    public int correctAnswers;
    @Column(name = "learning_steps")
    public int learningSteps;
    @Column(name = "mastered_at")
    public OffsetDateTime masteredAt;
    @Column(name = "last_evidence_at")
    public OffsetDateTime lastEvidenceAt;
    /** The learner gave evidence on this skill itself; false when only the graph moved it. */
    public boolean direct;
    /** The skill's memory since it was first mastered (all null before): docs/learning.md, "Forgetting and reviews". */
    public Double stability;
    public Double difficulty;
    public Integer reviews;
    public Integer lapses;
    @Column(name = "last_review_at")
    public OffsetDateTime lastReviewAt;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    /** The skill's memory, or empty before it was first mastered. */
    public java.util.Optional<SkillMemory> memory() {
        return stability == null ? java.util.Optional.empty() : java.util.Optional.of(new SkillMemory(
                new Fsrs.State(stability, difficulty), reviews, lapses, lastReviewAt.toInstant()));
    }

    public boolean mastered() {
        return KnowledgeTracing.isMastered(probability);
    }

    /** Where a learner stands on a skill, for people: from evidence only. */
    public String state() {
        return mastered() ? "mastered" : "learning";
    }

    public static class Key implements Serializable {
        public String learnerId;
        public UUID skillId;

        public Key() {
        }

        public Key(String learnerId, UUID skillId) {
            this.learnerId = learnerId;
            this.skillId = skillId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(learnerId, k.learnerId) && Objects.equals(skillId, k.skillId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(learnerId, skillId);
        }
    }
}
