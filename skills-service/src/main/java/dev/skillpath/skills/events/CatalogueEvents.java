package dev.skillpath.skills.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    public void created(Skill skill) {
        publish(EventTypes.SKILL_CREATED, skill);
    }

    public void changed(Skill skill) {
        publish(EventTypes.SKILL_CHANGED, skill);
    }

    public void retired(Skill skill) {
        publish(EventTypes.SKILL_RETIRED, skill);
    }

    private void publish(EventType<SkillChanged> type, Skill s) {
        outbox.publish(type, s.id.toString(), s.id.toString(),
                new SkillChanged(s.id, s.slug, s.name, s.category.slug, s.level.value(), s.retired));
    }
}
