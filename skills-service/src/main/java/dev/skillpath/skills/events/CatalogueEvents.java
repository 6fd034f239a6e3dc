package dev.skillpath.skills.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventType;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.outbox.OutboxWriter;
import dev.skillpath.events.payload.SkillChanged;
import dev.skillpath.skills.domain.Skill;

/** Announces catalogue changes on {@code skillpath.catalog}, keyed by skill id, through the outbox. */
@ApplicationScoped
public class CatalogueEvents {

    @Inject
    OutboxWriter outbox;

    public CloudEvent created(Skill skill) {
        return publish(EventTypes.SKILL_CREATED, skill);
    }

    public CloudEvent changed(Skill skill) {
        return publish(EventTypes.SKILL_CHANGED, skill);
    }

    public CloudEvent retired(Skill skill) {
        return publish(EventTypes.SKILL_RETIRED, skill);
    }

    private CloudEvent publish(EventType<SkillChanged> type, Skill s) {
        return outbox.publish(type, s.id.toString(), s.id.toString(),
                new SkillChanged(s.id, s.slug, s.name, s.category.slug, s.level.value(), s.retired));
    }
}
