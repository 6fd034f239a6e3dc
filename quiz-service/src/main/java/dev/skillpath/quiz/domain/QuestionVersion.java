package dev.skillpath.quiz.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a question's content. Once an attempt was given a version, it never changes again. */
@Entity
@Table(name = "question_version")
public class QuestionVersion extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "question_id")
    public UUID questionId;
    public int version;
    @Convert(converter = QuestionType.Column.class)
    public QuestionType type;
    public String prompt;
    public double points;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "skill_ids")
    public UUID[] skillIds;
    /** {@link QuestionBody} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String body;
    @Column(name = "general_feedback")
    public String generalFeedback;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static QuestionVersion of(UUID questionId, int version) {
        return find("questionId = ?1 and version = ?2", questionId, version).firstResult();
    }

    @PrePersist
    void created() {
        createdAt = OffsetDateTime.now();
    }
}
