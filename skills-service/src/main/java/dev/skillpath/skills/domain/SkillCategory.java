package dev.skillpath.skills.domain;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "skill_category")
public class SkillCategory extends PanacheEntityBase {

    @Id
    public UUID id;
    public String slug;
    public String name;
    public String description;
    public int position;

    public static SkillCategory findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }
}
