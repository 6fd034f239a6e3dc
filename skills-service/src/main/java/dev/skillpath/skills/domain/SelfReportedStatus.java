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

    /**
     * Records what the learner says in one statement (an upsert), so that two first reports at once cannot both
     * insert: the second updates the row the first made, as it would a moment later. Returns when it was recorded.
     */
    public static OffsetDateTime report(String learnerId, UUID skillId, Status status) {
        Object at = getEntityManager().createNativeQuery("""
                insert into self_reported_status (learner_id, skill_id, status, updated_at) values (?1, ?2, ?3, now())
                on conflict (learner_id, skill_id) do update set status = excluded.status, updated_at = excluded.updated_at
                returning updated_at""").setParameter(1, learnerId).setParameter(2, skillId).setParameter(3, status.name())
                .getSingleResult();
        return at instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC)
                : at instanceof OffsetDateTime o ? o : ((java.sql.Timestamp) at).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
