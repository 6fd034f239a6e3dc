package dev.skillpath.content.domain;

import java.time.OffsetDateTime;
import java.util.List;
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

import dev.skillpath.platform.catalog.Level;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A lesson and its working copy. What learners read is the published {@link LessonVersion}; editing the working
 * copy changes nothing for them until the next publish.
 */
@Entity
@Table(name = "lesson")
public class Lesson extends PanacheEntityBase {

    @Id
    public UUID id;
    public String slug;
    @Convert(converter = LessonStatus.Column.class)
    public LessonStatus status;
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
    @Column(name = "published_version")
    public Integer publishedVersion;
    @Column(name = "unpublished_changes")
    public boolean unpublishedChanges;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    public static Lesson findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** Whether learners can read it: published, not retired. */
    public boolean readable() {
        return status == LessonStatus.PUBLISHED && publishedVersion != null;
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
