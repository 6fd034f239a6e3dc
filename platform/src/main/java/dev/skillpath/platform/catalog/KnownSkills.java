package dev.skillpath.platform.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillpath.platform.api.Problem;
import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.platform.api.Uuids;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Checks skill tags against the local projection of the catalogue ({@link SkillProjection}). A tag is a
 * skill's id or current slug; the answer is the ids. Until the projection has seen any skill it says so
 * (503) rather than accept or refuse tags it cannot judge.
 */
@ApplicationScoped
@IfBuildProperty(name = "skillpath.skill-projection.enabled", stringValue = "true")
public class KnownSkills {

    /** A skill as this service knows it. */
    public record KnownSkill(UUID id, String slug, String name, boolean retired) {
    }

    @Inject
    AgroalDataSource dataSource;

    /**
     * The ids of the tagged skills, in the order given, without duplicates.
     *
     * @param field the request field the tags came from, for the problem's violations
     * @throws ProblemException 422 naming unknown or retired tags; 503 while the catalogue is not known yet
     */
    public List<UUID> requireActive(Collection<String> tags, String field) {
        if (tags == null || tags.isEmpty()) {
            return List.of();
        }
        Map<String, KnownSkill> found = lookup(tags);
        List<Problem.Violation> violations = new ArrayList<>();
        LinkedHashSet<UUID> ids = new LinkedHashSet<>();
        int i = 0;
        for (String tag : tags) {
            KnownSkill skill = found.get(tag);
            if (skill == null) {
                violations.add(new Problem.Violation(field + "[" + i + "]", "'" + tag + "' is not a known skill"));
            } else if (skill.retired()) {
                violations.add(new Problem.Violation(field + "[" + i + "]", "'" + tag + "' is a retired skill"));
            } else {
                ids.add(skill.id());
            }
            i++;
        }
        if (!violations.isEmpty()) {
            if (isEmpty()) {
                throw new ProblemException(dev.skillpath.problems.ProblemType.CATALOGUE_NOT_KNOWN,
                        "This service has not yet received the skills catalogue, so it cannot check skill tags;"
                                + " try again shortly.");
            }
            throw ProblemException.unprocessable(dev.skillpath.problems.ProblemType.UNKNOWN_SKILL, "Some skill tags are not skills of the catalogue.",
                    violations);
        }
        return List.copyOf(ids);
    }

    /** The known skills with these ids (retired ones included). */
    public Map<UUID, KnownSkill> byIds(Collection<UUID> ids) {
        Map<UUID, KnownSkill> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        query("select id, slug, name, retired from known_skill where id = any(?)", "uuid", ids.toArray(),
                s -> result.put(s.id(), s));
        return result;
    }

    /** The id of a skill by id or current slug, if known. */
    public java.util.Optional<KnownSkill> find(String tag) {
        return java.util.Optional.ofNullable(lookup(List.of(tag)).get(tag));
    }

    public boolean isEmpty() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select not exists (select 1 from known_skill)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read known skills", e);
        }
    }

    private Map<String, KnownSkill> lookup(Collection<String> tags) {
        List<UUID> ids = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        for (String tag : tags) {
            if (tag == null) {
                continue;
            }
            Uuids.parse(tag).ifPresentOrElse(ids::add, () -> slugs.add(tag));
        }
        Map<String, KnownSkill> found = new HashMap<>();
        if (!ids.isEmpty()) {
            query("select id, slug, name, retired from known_skill where id = any(?)", "uuid", ids.toArray(),
                    s -> found.put(s.id().toString(), s));
        }
        if (!slugs.isEmpty()) {
            query("select id, slug, name, retired from known_skill where slug = any(?)", "text", slugs.toArray(),
                    s -> found.put(s.slug(), s));
        }
        // a tag given as an id in another letter case still matches
        for (String tag : tags) {
            if (tag != null && !found.containsKey(tag)) {
                found.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(tag)).findFirst()
                        .ifPresent(e -> found.put(tag, e.getValue()));
            }
        }
        return found;
    }

    private void query(String sql, String type, Object[] values, java.util.function.Consumer<KnownSkill> sink) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf(type, values);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new KnownSkill(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read known skills", e);
        }
    }
}
