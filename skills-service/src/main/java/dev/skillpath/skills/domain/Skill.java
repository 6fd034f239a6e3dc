package dev.skillpath.skills.domain;

import dev.skillpath.platform.catalog.Level;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A skill of the catalogue. Its id never changes, so renaming or re-slugging keeps every learner's progress. */
@Entity
@Table(name = "skill")
public class Skill extends PanacheEntityBase {

    @Id
    public UUID id;
    public String slug;
    public String name;
    public String summary;
    public String description;
    @Convert(converter = Level.Column.class)
    public Level level;
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "category_id")
    public SkillCategory category;
    @Column(name = "bkt_prior")
    public Double bktPrior;
    @Column(name = "bkt_learn")
    public Double bktLearn;
    @Column(name = "bkt_guess")
    public Double bktGuess;
    @Column(name = "bkt_slip")
    public Double bktSlip;
    public boolean retired;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    /** This skill's tracing parameters, each unset one taken from the defaults. */
    public KnowledgeTracing knowledgeTracing() {
        KnowledgeTracing d = KnowledgeTracing.DEFAULTS;
        return new KnowledgeTracing(bktPrior != null ? bktPrior : d.prior(), bktLearn != null ? bktLearn : d.learn(),
                bktGuess != null ? bktGuess : d.guess(), bktSlip != null ? bktSlip : d.slip());
    }

    public static Skill findBySlug(String slug) {
        return find("slug", slug).firstResult();
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
