package dev.skillpath.content.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.skillpath.content.domain.Lesson;
import dev.skillpath.content.domain.LessonStatus;
import dev.skillpath.content.domain.LessonVersion;
import dev.skillpath.platform.api.PageRequest;
import dev.skillpath.platform.catalog.Level;

/** Lists of lessons: what learners may read (published versions) or, for authors, every working copy. */
@ApplicationScoped
public class LessonStore {

    @Inject
    EntityManager em;

    public record Filter(UUID skill, Level level, String text, LessonStatus status) {
    }

    public record Listed<T>(List<T> items, long total) {
    }

    /** Published lessons as learners read them: the fields of their published version. */
    public Listed<LessonVersion> published(Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" from LessonVersion v, Lesson l where v.lessonId = l.id"
                + " and v.version = l.publishedVersion and l.status = :published");
        Map<String, Object> params = new HashMap<>();
        params.put("published", LessonStatus.PUBLISHED);
        filter(where, params, f, "v");
        long total = count("select count(v)" + where, params);
        var q = em.createQuery("select v" + where + " order by l.slug", LessonVersion.class);
        params.forEach(q::setParameter);
        return new Listed<>(q.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList(), total);
    }

    /** Every lesson's working copy, for authors; {@code status} filters. */
    public Listed<Lesson> all(Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" from Lesson l where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            where.append(" and l.status = :status");
            params.put("status", f.status());
        }
        filter(where, params, f, "l");
        long total = count("select count(l)" + where, params);
        var q = em.createQuery("select l" + where + " order by l.slug", Lesson.class);
        params.forEach(q::setParameter);
        return new Listed<>(q.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList(), total);
    }

    public Map<UUID, Lesson> lessons(List<UUID> ids) {
        Map<UUID, Lesson> result = new HashMap<>();
        if (!ids.isEmpty()) {
            Lesson.<Lesson>list("id in ?1", ids).forEach(l -> result.put(l.id, l));
        }
        return result;
    }

    private void filter(StringBuilder where, Map<String, Object> params, Filter f, String alias) {
        if (f.level() != null) {
            where.append(" and ").append(alias).append(".level = :level");
            params.put("level", f.level());
        }
        if (f.skill() != null) {
            where.append(" and array_contains(").append(alias).append(".skillIds, :skill)");
            params.put("skill", f.skill());
        }
        if (f.text() != null && !f.text().isBlank()) {
            where.append(" and (lower(").append(alias).append(".title) like :text escape '\\' or lower(")
                    .append(alias).append(".summary) like :text escape '\\')");
            params.put("text", "%" + f.text().trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
    }

    private long count(String jpql, Map<String, Object> params) {
        var q = em.createQuery(jpql, Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }
}
