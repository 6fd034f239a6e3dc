package dev.skillpath.content.domain;

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

/** A learner finished one published version of a lesson. */
@Entity
@Table(name = "lesson_completion")
@IdClass(LessonCompletion.Key.class)
public class LessonCompletion extends PanacheEntityBase {

    @Id
    @Column(name = "learner_id")
    public String learnerId;
    @Id
    @Column(name = "lesson_id")
    public UUID lessonId;
    @Id
    public int version;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    public static class Key implements Serializable {
        public String learnerId;
        public UUID lessonId;
        public int version;

        public Key() {
        }

        public Key(String learnerId, UUID lessonId, int version) {
            this.learnerId = learnerId;
            this.lessonId = lessonId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(learnerId, k.learnerId) && Objects.equals(lessonId, k.lessonId)
                    && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(learnerId, lessonId, version);
        }
    }
}
