package dev.skillpath.content.domain;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.skillpath.platform.catalog.Level;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A published version of a lesson: immutable once written. */
@Entity
@Table(name = "lesson_version")
@IdClass(LessonVersion.Key.class)
public class LessonVersion extends PanacheEntityBase {

    @Id
    @Column(name = "lesson_id")
    public UUID lessonId;
    @Id
    public int version;
    public String title;
    public String summary;
    public String body;
    @Convert(converter = Level.Column.class)
    public Level level;
    @Column(name = "estimated_minutes")
    public int estimatedMinutes;
    @Column(name = "skill_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<UUID> skillIds;
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
    @Column(name = "published_by")
    public String publishedBy;

    public static LessonVersion of(UUID lessonId, int version) {
        return findById(new Key(lessonId, version));
    }

    public static class Key implements Serializable {
        public UUID lessonId;
        public int version;

        public Key() {
        }

        public Key(UUID lessonId, int version) {
            this.lessonId = lessonId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(lessonId, k.lessonId) && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(lessonId, version);
        }
    }
}
