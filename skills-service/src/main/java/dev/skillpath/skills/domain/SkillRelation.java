package dev.skillpath.skills.domain;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A typed, directed relation: {@code skill} —type→ {@code target}. */
@Entity
@Table(name = "skill_relation")
@IdClass(SkillRelation.Key.class)
public class SkillRelation extends PanacheEntityBase {

    @Id
    @Column(name = "skill_id")
    public UUID skillId;
    /** The relation type's API value ({@code alternative-of}); see {@link #type()}. */
    @Id
    @Column(name = "type")
    public String typeValue;
    @Id
    @Column(name = "target_id")
    public UUID targetId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static SkillRelation of(UUID skill, RelationType type, UUID target) {
        SkillRelation r = new SkillRelation();
        r.skillId = skill;
        r.typeValue = type.value();
        r.targetId = target;
        return r;
    }

    public RelationType type() {
        return RelationType.of(typeValue);
    }

    @PrePersist
    void created() {
        createdAt = OffsetDateTime.now();
    }

    public static class Key implements Serializable {
        public UUID skillId;
        public String typeValue;
        public UUID targetId;

        public Key() {
        }

        public Key(UUID skillId, RelationType type, UUID targetId) {
            this.skillId = skillId;
            this.typeValue = type.value();
            this.targetId = targetId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(skillId, k.skillId) && Objects.equals(typeValue, k.typeValue)
                    && Objects.equals(targetId, k.targetId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(skillId, typeValue, targetId);
        }
    }
}
