package dev.skillpath.platform.catalog;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids of the skills seeded from the article. They are derived from the slug, so a seeded skill has the
 * same id in every environment and other services' seeds can tag their lessons and questions with it
 * without waiting for the catalogue's events.
 */
public final class SeededSkills {

    private SeededSkills() {
    }

    public static UUID id(String slug) {
        return UUID.nameUUIDFromBytes(("skillpath:skill:" + slug).getBytes(StandardCharsets.UTF_8));
    }
}
