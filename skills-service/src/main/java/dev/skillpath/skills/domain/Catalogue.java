package dev.skillpath.skills.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.skillpath.problems.ProblemType;
import dev.skillpath.platform.api.Problem;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.skills.api.SkillViews.RelationInput;
import dev.skillpath.skills.api.SkillViews.SkillInput;
import dev.skillpath.skills.api.SkillViews.TracingInput;
import dev.skillpath.skills.events.CatalogueEvents;
import dev.skillpath.skills.store.CatalogueStore;

/**
 * Authoring of the catalogue: every change is validated, keeps the requires graph acyclic, and announces
 * itself on the catalogue topic in the same transaction.
 */
@ApplicationScoped
@Transactional
public class Catalogue {

    @Inject
    CatalogueStore store;

    @Inject
    CatalogueEvents events;

    @Inject
    EntityManager em;

    @Inject
    ModelInForce model;

    @Inject
    ModelBaseline baseline;

    public Skill create(SkillInput input) {
        oneWriterAtATime();
        model.invalidateAfterCommit(); // the learner model's graph and parameters follow the catalogue
        requireSlugFree(input.slug(), null);
        Skill skill = new Skill();
        skill.id = UUID.randomUUID();
        apply(skill, input);
        skill.persist();
        baseline.publishIfChanged(events.created(skill)); // a new skill is a new node of the model's graph
        return skill;
    }

    public Skill update(String ref, SkillInput input) {
        oneWriterAtATime();
        model.invalidateAfterCommit(); // the learner model's graph and parameters follow the catalogue
        Skill skill = existing(ref);
        if (!skill.slug.equals(input.slug())) {
            requireSlugFree(input.slug(), skill.id);
            SkillSlugAlias.delete("slug", input.slug()); // taking back a former slug of its own
            SkillSlugAlias alias = new SkillSlugAlias();
            alias.slug = skill.slug;
            alias.skillId = skill.id;
            alias.persist();
        }
        apply(skill, input);
        em.flush();
        baseline.publishIfChanged(events.changed(skill)); // its prior or level may move a newcomer's estimates or frontier
        return skill;
    }

    /** Retires a skill: it leaves lists, paths and frontiers, and learners' evidence stays. Idempotent. */
    public void retire(String ref) {
        oneWriterAtATime();
        model.invalidateAfterCommit(); // the learner model's graph and parameters follow the catalogue
        Skill skill = existing(ref);
        if (skill.retired) {
            return;
        }
        skill.retired = true;
        em.flush();
        baseline.publishIfChanged(events.retired(skill));
    }

    /** Adds a relation; adding one that exists changes nothing. Returns whether it was new. */
    public boolean relate(String ref, RelationInput input) {
        oneWriterAtATime();
        model.invalidateAfterCommit(); // the learner model's graph and parameters follow the catalogue
        Skill skill = existing(ref);
        Skill target = store.find(input.target()).map(CatalogueStore.Found::skill)
                .orElseThrow(() -> ProblemException.unprocessable(ProblemType.UNKNOWN_SKILL,
                        "There is no skill '" + input.target() + "' to relate to.",
                        List.of(new Problem.Violation("target", "is not a skill"))));
        if (skill.retired || target.retired) {
            throw ProblemException.conflict(ProblemType.RETIRED_SKILL, "Relations between retired skills cannot be added.");
        }
        if (skill.id.equals(target.id)) {
            throw ProblemException.invalid("A skill cannot be related to itself.",
                    List.of(new Problem.Violation("target", "is the skill itself")));
        }
        if (SkillRelation.findById(new SkillRelation.Key(skill.id, input.type(), target.id)) != null) {
            return false;
        }
        if (input.type() == RelationType.REQUIRES) {
            // with one writer at a time, two edges added at once cannot close a cycle
            Map<UUID, Skill> skills = store.activeSkills();
            Optional<List<UUID>> cycle = store.requiresGraph(skills).cycleIfAdded(skill.id, target.id);
            if (cycle.isPresent()) {
                List<String> slugs = cycle.get().stream().map(id -> skills.get(id).slug).toList();
                throw ProblemException.conflict(ProblemType.REQUIRES_CYCLE, "This would make a cycle of requirements: "
                        + String.join(" requires ", slugs) + ".");
            }
        }
        SkillRelation.of(skill.id, input.type(), target.id).persist();
        baseline.publishIfChanged(events.changed(skill)); // published only when a requires edge moved the baseline
        return true;
    }

    /** Removes a relation; removing one that does not exist is a 404. */
    public void unrelate(String ref, RelationType type, String targetRef) {
        oneWriterAtATime();
        model.invalidateAfterCommit(); // the learner model's graph and parameters follow the catalogue
        Skill skill = existing(ref);
        Skill target = store.find(targetRef).map(CatalogueStore.Found::skill)
                .orElseThrow(() -> ProblemException.notFound("There is no skill '" + targetRef + "'."));
        SkillRelation relation = SkillRelation.findById(new SkillRelation.Key(skill.id, type, target.id));
        if (relation == null) {
            throw ProblemException.notFound(skill.slug + " has no relation " + type.value() + " " + target.slug + ".");
        }
        relation.delete();
        baseline.publishIfChanged(events.changed(skill));
    }

    /**
     * Catalogue writes go one after the other (a transaction-scoped advisory lock, taken before anything is read):
     * each one checks what the one before committed, so that two creations of one slug, a rename onto a slug being
     * created, two renames of one skill, two edges that together would close a cycle of requirements, or two
     * additions of one relation answer as they would a moment apart (a 409, or the same answer), never a 500.
     * Authors write the catalogue rarely; readers and the learner model never wait for this lock.
     */
    private void oneWriterAtATime() {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('skills.catalogue'))").getSingleResult();
    }

    private Skill existing(String ref) {
        return store.find(ref).map(CatalogueStore.Found::skill)
                .orElseThrow(() -> ProblemException.notFound("There is no skill '" + ref + "'."));
    }

    private void requireSlugFree(String slug, UUID self) {
        Skill holder = Skill.findBySlug(slug);
        SkillSlugAlias alias = SkillSlugAlias.findById(slug);
        if ((holder != null && !holder.id.equals(self)) || (alias != null && !alias.skillId.equals(self))) {
            throw ProblemException.conflict(ProblemType.SLUG_TAKEN, "The slug '" + slug + "' is already used by another skill.");
        }
    }

    private void apply(Skill skill, SkillInput input) {
        SkillCategory category = SkillCategory.findBySlug(input.category());
        if (category == null) {
            throw ProblemException.unprocessable(ProblemType.UNKNOWN_CATEGORY, "There is no category '" + input.category() + "'.",
                    List.of(new Problem.Violation("category", "is not a category")));
        }
        TracingInput t = input.knowledgeTracing();
        if (t != null) {
            try {
                new KnowledgeTracing(t.prior(), t.learn(), t.guess(), t.slip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(e.getMessage(),
                        List.of(new Problem.Violation("knowledgeTracing", e.getMessage())));
            }
        }
        skill.slug = input.slug();
        skill.name = input.name().strip();
        skill.summary = input.summary().strip();
        skill.description = input.description().strip();
        skill.level = input.level();
        skill.category = category;
        skill.bktPrior = t == null ? null : t.prior();
        skill.bktLearn = t == null ? null : t.learn();
        skill.bktGuess = t == null ? null : t.guess();
        skill.bktSlip = t == null ? null : t.slip();
    }
}
