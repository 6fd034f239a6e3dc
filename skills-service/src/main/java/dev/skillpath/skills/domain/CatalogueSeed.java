package dev.skillpath.skills.domain;

import dev.skillpath.platform.catalog.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.skills.events.CatalogueEvents;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the article's skills catalogue ({@code seed/catalogue.json}) on the first start, when the catalogue is
 * empty, and announces each skill on the catalogue topic so other services' projections learn them. Seeded
 * ids are derived from the slug, so every environment gives the same skill the same id.
 */
@ApplicationScoped
public class CatalogueSeed {

    private static final Logger LOG = Logger.getLogger(CatalogueSeed.class);
    static final String RESOURCE = "seed/catalogue.json";

    record SeedCategory(String slug, String name, String description) {
    }

    record SeedSkill(String slug, String name, String category, String level, String summary, String description) {
    }

    record SeedRelation(String skill, String type, String target) {
    }

    record Seed(List<SeedCategory> categories, List<SeedSkill> skills, List<SeedRelation> relations) {
    }

    @Inject
    ModelInForce model;

    @Inject
    EntityManager em;

    @Inject
    CatalogueEvents events;

    @Inject
    ObjectMapper json;

    void onStart(@Observes StartupEvent event) {
        seed();
    }

    @Transactional
    void seed() {
        model.invalidateAfterCommit(); // a snapshot built while the catalogue was still empty must not be kept
        // replicas starting together: one seeds, the others wait here and then find the catalogue filled
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('skills.seed'))").getSingleResult();
        if (SkillCategory.count() > 0) {
            return;
        }
        Seed seed = read();
        Map<String, SkillCategory> categories = new HashMap<>();
        int position = 0;
        for (SeedCategory c : seed.categories()) {
            SkillCategory category = new SkillCategory();
            category.id = UUID.nameUUIDFromBytes(("skillpath:category:" + c.slug()).getBytes(StandardCharsets.UTF_8));
            category.slug = c.slug();
            category.name = c.name();
            category.description = c.description();
            category.position = position++;
            category.persist();
            categories.put(c.slug(), category);
        }
        Map<String, Skill> skills = new HashMap<>();
        for (SeedSkill s : seed.skills()) {
            Skill skill = new Skill();
            skill.id = SeededSkills.id(s.slug());
            skill.slug = s.slug();
            skill.name = s.name();
            skill.summary = s.summary();
            skill.description = s.description();
            skill.level = Level.of(s.level());
            skill.category = require(categories.get(s.category()), "category " + s.category());
            skill.persist();
            skills.put(s.slug(), skill);
        }
        List<Map.Entry<UUID, UUID>> requires = new ArrayList<>();
        for (SeedRelation r : seed.relations()) {
            Skill from = require(skills.get(r.skill()), "skill " + r.skill());
            Skill to = require(skills.get(r.target()), "skill " + r.target());
            RelationType type = RelationType.of(r.type());
            SkillRelation.of(from.id, type, to.id).persist();
            if (type == RelationType.REQUIRES) {
                requires.add(Map.entry(from.id, to.id));
            }
        }
        // the seed must keep the promise every authored change keeps: an acyclic requires graph
        SkillGraph<UUID> graph = new SkillGraph<>(skills.values().stream().map(s -> s.id).toList(), requires,
                java.util.Comparator.naturalOrder());
        skills.values().forEach(s -> graph.prerequisites(s.id));
        em.flush();
        skills.values().forEach(events::created);
        LOG.infof("seeded the catalogue: %d categories, %d skills, %d relations", categories.size(), skills.size(),
                seed.relations().size());
    }

    private Seed read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return json.readValue(in, Seed.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("the seed names an unknown " + what);
        }
        return value;
    }
}
