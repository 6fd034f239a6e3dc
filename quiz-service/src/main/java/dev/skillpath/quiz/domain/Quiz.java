package dev.skillpath.quiz.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A quiz: its settings, and either a fixed list of questions ({@link QuizQuestion}) or a draw from a skill's pool. */
@Entity
@Table(name = "quiz")
public class Quiz extends PanacheEntityBase {

    @Id
    public UUID id;
    public String title;
    public String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "skill_ids")
    public UUID[] skillIds;
    @Convert(converter = QuizStatus.Column.class)
    public QuizStatus status;
    @Column(name = "draw_skill_id")
    public UUID drawSkillId;
    @Column(name = "draw_count")
    public Integer drawCount;
    @Column(name = "pass_mark")
    public double passMark;
    @Column(name = "time_limit_seconds")
    public Integer timeLimitSeconds;
    @Column(name = "max_attempts")
    public Integer maxAttempts;
    @Column(name = "shuffle_questions")
    public boolean shuffleQuestions;
    @Column(name = "shuffle_options")
    public boolean shuffleOptions;
    @Convert(converter = GradingMethod.Column.class)
    @Column(name = "grading_method")
    public GradingMethod gradingMethod;
    @Convert(converter = ReviewPolicy.Column.class)
    @Column(name = "review_policy")
    public ReviewPolicy reviewPolicy;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
    @Version
    public long version;

    public boolean drawsAtRandom() {
        return drawSkillId != null;
    }

    @PrePersist
    void created() {
        createdAt = OffsetDateTime.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = OffsetDateTime.now();
    }
}
