package dev.skillpath.platform.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.consumer.EventHandler;
import dev.skillpath.events.payload.SkillChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Keeps {@code known_skill} current from the catalogue topic: every skill created, changed or retired is
 * upserted with its latest slug, name and state. Active only in services that set
 * {@code skillpath.skill-projection.enabled=true} (and add the {@code db/skill-projection} migration).
 */
@ApplicationScoped
@IfBuildProperty(name = "skillpath.skill-projection.enabled", stringValue = "true")
public class SkillProjection implements EventHandler {

    private static final String UPSERT = "insert into known_skill (id, slug, name, retired, updated_at)"
            + " values (?, ?, ?, ?, now()) on conflict (id) do update"
            + " set slug = excluded.slug, name = excluded.name, retired = excluded.retired, updated_at = now()";

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @Override
    public String consumerGroup() {
        return application + ".skill-projection";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CATALOG);
    }

    /** Skill events only: lessons and quizzes share the topic. */
    @Override
    public boolean accepts(String type) {
        return EventTypes.SKILL_CREATED.type().equals(type) || EventTypes.SKILL_CHANGED.type().equals(type)
                || EventTypes.SKILL_RETIRED.type().equals(type);
    }

    @Override
    public void handle(CloudEvent event) throws SQLException {
        if (!accepts(event.type())) {
            return;
        }
        SkillChanged skill = EventTypes.SKILL_CHANGED.read(event);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setObject(1, skill.skillId());
            ps.setString(2, skill.slug());
            ps.setString(3, skill.name());
            ps.setBoolean(4, skill.retired() || EventTypes.SKILL_RETIRED.matches(event));
            ps.executeUpdate();
        }
    }
}
