package dev.skillpath.quiz.practice;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One question a practice session gave: the exact version and option order, why it was chosen, and once answered
 * the answer and its grade.
 */
@Entity
@Table(name = "practice_item")
public class PracticeItem extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    public int position;
    @Column(name = "question_id")
    public UUID questionId;
    @Column(name = "question_version_id")
    public UUID questionVersionId;
    /** The target skill it practises. */
    @Column(name = "skill_id")
    public UUID skillId;
    /** The learner's estimate of that skill when it was picked. */
    @Column(name = "skill_estimate")
    public double skillEstimate;
    /** The predicted chance of a right answer when it was picked. */
    public double predicted;
    public double guess;
    public double slip;
    /** The learner model's difficulty of the version; null before a fit has seen it. */
    public Double difficulty;
    /** {@code fitted} (the learner model's fit) or {@code shape} (starting values from the question's shape). */
    public String parameters;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "option_order")
    public String optionOrder;
    @Column(name = "served_at")
    public OffsetDateTime servedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String answer;
    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;
    public Double credit;
    public Boolean correct;

    public boolean answered() {
        return answeredAt != null;
    }
}
