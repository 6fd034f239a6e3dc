package dev.skillpath.skills.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A slug a skill had before it was renamed; it keeps answering for the same skill. */
@Entity
@Table(name = "skill_slug_alias")
public class SkillSlugAlias extends PanacheEntityBase {

    @Id
    public String slug;
    @Column(name = "skill_id")
    public UUID skillId;
}
