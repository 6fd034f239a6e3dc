package dev.skillpath.skills.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What a learner says about a skill (done, learning, skipped). Never feeds into demonstrated mastery. */
@Entity
@Table(name = "self_reported_status")
@IdClass(Mastery.Key.class)
public class SelfReportedStatus extends PanacheEntityBase {

    public enum Status {
        done, learning, skipped
    }

    @Id
    @Column(name = "learner_id")
    public String learnerId;
    @Id
    @Column(name = "skill_id")
    public UUID skillId;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @PrePersist
    @PreUpdate
    void touched() {
        updatedAt = OffsetDateTime.now();
    }
}
