package dev.skillpath.quiz.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A learner's attempt at a quiz. Its questions, their versions, the pass mark, the deadline (start + the quiz's
 * time limit then) and the review policy are fixed when it starts: a later change of the quiz changes none of them.
 */
@Entity
@Table(name = "attempt")
public class Attempt extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "quiz_id")
    public UUID quizId;
    @Column(name = "learner_id")
    public String learnerId;
    public int number;
    @Convert(converter = AttemptStatus.Column.class)
    public AttemptStatus status;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    public OffsetDateTime deadline;
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;
    @Column(name = "graded_at")
    public OffsetDateTime gradedAt;
    @Column(name = "auto_submitted")
    public boolean autoSubmitted;
    @Column(name = "max_score")
    public double maxScore;
    @Column(name = "pass_mark")
    public double passMark;
    /** The quiz's review policy when the attempt started: what its learner sees of it once it is graded. */
    @Convert(converter = ReviewPolicy.Column.class)
    @Column(name = "review_policy")
    public ReviewPolicy reviewPolicy;
    public Double score;
    public Boolean passed;
    /** Whether its learner held the author or admin role at the start: such attempts stay out of the statistics. */
    @Column(name = "by_author")
    public boolean byAuthor;
    @Version
    public long version;

    public boolean graded() {
        return status == AttemptStatus.GRADED;
    }

    public boolean expired(OffsetDateTime now) {
        return !graded() && deadline != null && !now.isBefore(deadline);
    }

    /** The score as a percentage of the maximum. */
    public Double percentage() {
        return score == null ? null : maxScore == 0 ? 0 : Math.round(score / maxScore * 10_000d) / 100d;
    }
}
