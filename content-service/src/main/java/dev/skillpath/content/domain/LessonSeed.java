package dev.skillpath.content.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.skillpath.platform.catalog.Level;
import dev.skillpath.platform.catalog.SeededSkills;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the lessons about the article ({@code seed/lessons.json}) on the first start, published as version 1
 * and tagged with the seeded skills' ids, which are known without waiting for the catalogue's events.
 */
@ApplicationScoped
public class LessonSeed {

    private static final Logger LOG = Logger.getLogger(LessonSeed.class);
    static final String RESOURCE = "seed/lessons.json";

    record SeedLesson(String slug, String title, String summary, String level, int estimatedMinutes,
            List<String> skills, String body) {
    }

    record Seed(List<SeedLesson> lessons) {
    }

    @Inject
    EntityManager em;

    @Inject
    Lessons lessons;

    @Inject
    ObjectMapper json;

    void onStart(@Observes StartupEvent event) {
        seed();
    }

    @Transactional
    void seed() {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('content.seed'))").getSingleResult();
        if (Lesson.count() > 0) {
            return;
        }
        Seed seed;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            seed = json.readValue(in, Seed.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        for (SeedLesson s : seed.lessons()) {
            Lesson lesson = new Lesson();
            lesson.id = UUID.nameUUIDFromBytes(("skillpath:lesson:" + s.slug()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            lesson.slug = s.slug();
            lesson.status = LessonStatus.DRAFT;
            lesson.title = s.title();
            lesson.summary = s.summary();
            lesson.body = s.body();
            lesson.level = Level.of(s.level());
            lesson.estimatedMinutes = s.estimatedMinutes();
            lesson.skillIds = s.skills().stream().map(SeededSkills::id).toList();
            lessons.seed(lesson);
        }
        LOG.infof("seeded %d lessons", seed.lessons().size());
    }
}
