package dev.skillpath.quiz.practice;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A learner's practice session (docs/quiz.md, "Practice sessions"): its target, limits, state and tallies. */
@Entity
@Table(name = "practice_session")
public class PracticeSession extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String ENDED = "ended";

    @Id
    public UUID id;
    @Column(name = "learner_id")
    public String learnerId;
    /** {@code skill} or {@code frontier}. */
    public String target;
    @Column(name = "target_skill_ids")
    public UUID[] targetSkillIds;
    public String status;
    /**
     * Why it ended: {@code target-mastered}, {@code reviews-done} (each due review answered once),
     * {@code question-limit}, {@code pool-exhausted}, {@code by-learner}.
     */
    @Column(name = "end_reason")
    public String endReason;
    @Column(name = "max_questions")
    public int maxQuestions;
    @Column(name = "target_chance")
    public double targetChance;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
    public int answered;
    public int correct;
    @Version
    public long version;

    public boolean active() {
        return ACTIVE.equals(status);
    }

    void end(String reason, OffsetDateTime at) {
        status = ENDED;
        endReason = reason;
        endedAt = at;
    }
}
