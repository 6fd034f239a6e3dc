package dev.skillpath.events.payload;

import java.util.UUID;

/** The state of a catalogue skill after it was created, changed or retired: enough for a projection. */
public record SkillChanged(UUID skillId, String slug, String name, String category, String level,
        boolean retired) {
}
