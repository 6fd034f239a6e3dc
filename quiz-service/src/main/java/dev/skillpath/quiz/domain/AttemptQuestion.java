package dev.skillpath.quiz.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A question as an attempt was given it (the exact version and option order), the saved answer, and its grade. */
@Entity
@Table(name = "attempt_question")
public class AttemptQuestion extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "attempt_id")
    public UUID attemptId;
    public int position;
    @Column(name = "question_id")
    public UUID questionId;
    @Column(name = "question_version_id")
    public UUID questionVersionId;
    /** The option ids in the order shown, as a JSON array; null for types without options. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "option_order")
    public String optionOrder;
    /** The saved {@link Answer} as JSON; null until the learner saves one. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String answer;
    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;
    public Double credit;
    public Double score;
}
