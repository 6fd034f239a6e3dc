package dev.skillpath.skills.store;

import dev.skillpath.platform.api.Uuids;
import dev.skillpath.platform.catalog.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.skills.domain.RelationType;
import dev.skillpath.skills.domain.Skill;
import dev.skillpath.skills.domain.SkillGraph;
import dev.skillpath.skills.domain.SkillRelation;
import dev.skillpath.skills.domain.SkillSlugAlias;

/** Queries over the catalogue. */
@ApplicationScoped
public class CatalogueStore {

    @Inject
    EntityManager em;

    /** A skill found by id, slug or former slug; {@code formerSlug} tells the caller to point at the new one. */
    public record Found(Skill skill, boolean formerSlug) {
    }

    public Optional<Found> find(String ref) {
        if (ref == null || ref.isBlank() || ref.length() > 100) {
            return Optional.empty();
        }
        Optional<UUID> id = Uuids.parse(ref);
        if (id.isPresent()) {
            return Optional.ofNullable(Skill.<Skill>findById(id.get())).map(s -> new Found(s, false));
        }
        Skill bySlug = Skill.findBySlug(ref);
        if (bySlug != null) {
            return Optional.of(new Found(bySlug, false));
        }
        SkillSlugAlias alias = SkillSlugAlias.findById(ref);
        return alias == null ? Optional.empty()
                : Optional.ofNullable(Skill.<Skill>findById(alias.skillId)).map(s -> new Found(s, true));
    }

    public record ListResult(List<Skill> skills, long total) {
    }

    public ListResult list(String category, String text, String level, boolean includeRetired, PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!includeRetired) {
            where.append(" and s.retired = false");
        }
        if (category != null && !category.isBlank()) {
            where.append(" and s.category.slug = :category");
            params.put("category", category);
        }
        if (level != null && !level.isBlank()) {
            where.append(" and s.level = :level");
            params.put("level", dev.skillpath.platform.catalog.Level.of(level));
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(s.name) like :text escape '\\' or lower(s.summary) like :text escape '\\' or lower(s.slug) like :text escape '\\')");
            params.put("text", "%" + escapeLike(text.trim().toLowerCase()) + "%");
        }
        var count = em.createQuery("select count(s) from Skill s" + where, Long.class);
        var query = em.createQuery("select s from Skill s" + where
                + " order by s.category.position, s.level, s.name", Skill.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            query.setParameter(k, v);
        });
        List<Skill> skills = query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return new ListResult(skills, count.getSingleResult());
    }

    public List<SkillRelation> relationsOf(UUID skillId) {
        return SkillRelation.list("skillId = ?1 or targetId = ?1", skillId);
    }

    public List<String> formerSlugs(UUID skillId) {
        return SkillSlugAlias.<SkillSlugAlias>list("skillId", skillId).stream().map(a -> a.slug).sorted().toList();
    }

    /** The catalogue as a graph: every active skill (category fetched, by slug) and the relations among them. */
    public record Graph(List<Skill> skills, List<SkillRelation> relations) {
    }

    public Graph graph() {
        List<Skill> skills = Skill.<Skill>find("from Skill s join fetch s.category where s.retired = false order by s.slug").list();
        java.util.Set<UUID> active = new java.util.HashSet<>();
        skills.forEach(skill -> active.add(skill.id));
        List<SkillRelation> relations = SkillRelation.<SkillRelation>listAll().stream()
                .filter(r -> active.contains(r.skillId) && active.contains(r.targetId)).toList();
        return new Graph(skills, relations);
    }

    /** Active skills by id. */
    public Map<UUID, Skill> activeSkills() {
        Map<UUID, Skill> skills = new HashMap<>();
        for (Skill s : Skill.<Skill>list("retired", false)) {
            skills.put(s.id, s);
        }
        return skills;
    }

    /** The requires graph over active skills; ties in an order broken by level, then slug. */
    public SkillGraph<UUID> requiresGraph(Map<UUID, Skill> skills) {
        List<Map.Entry<UUID, UUID>> edges = new ArrayList<>();
        for (SkillRelation r : SkillRelation.<SkillRelation>list("typeValue", RelationType.REQUIRES.value())) {
            edges.add(Map.entry(r.skillId, r.targetId));
        }
        Comparator<UUID> order = Comparator.comparing((UUID id) -> skills.get(id).level)
                .thenComparing(id -> skills.get(id).slug);
        return new SkillGraph<>(skills.keySet(), edges, order);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
