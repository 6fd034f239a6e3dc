package dev.skillpath.quiz.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.platform.api.Uuids;
import dev.skillpath.platform.catalog.KnownSkills;
import dev.skillpath.platform.catalog.SeededSkills;

/** A {@code skill} list filter, by slug or id. A filter is not a tag: an unknown skill just matches nothing. */
@ApplicationScoped
public class SkillFilter {

    @Inject
    KnownSkills knownSkills;

    public UUID resolve(String skill) {
        if (skill == null || skill.isBlank()) {
            return null;
        }
        String tag = skill.trim();
        // a slug: the projection knows current slugs; a seeded slug has a fixed id even before it does
        return Uuids.parse(tag).orElseGet(() -> knownSkills.find(tag).map(KnownSkills.KnownSkill::id)
                .orElseGet(() -> SeededSkills.id(tag)));
    }
}
