package dev.skillpath.quiz.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.consumer.EventHandler;
import dev.skillpath.events.payload.ItemParametersFitted;
import dev.skillpath.quiz.domain.ItemsChanged;
import io.agroal.api.AgroalDataSource;

/**
 * Keeps {@code item_parameter} current from skills-service's {@code dev.skillpath.skill.model.item.fitted.v1} on
 * the catalogue topic: one row per question version with the parameters of the newest fit. Idempotent twice over:
 * the backbone skips a duplicate by its id, and an upsert that only moves forward ({@code fit_id} not older than the
 * row's) leaves a late copy of an older fit without effect, as a handler of the compacted catalogue topic must.
 */
@ApplicationScoped
public class ItemParameterProjection implements EventHandler {

    private static final String UPSERT = "insert into item_parameter as p (question_id, question_version, guess, slip,"
            + " difficulty, answers, fit_id, fitted_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, now())"
            + " on conflict (question_id, question_version) do update set guess = excluded.guess, slip = excluded.slip,"
            + " difficulty = excluded.difficulty, answers = excluded.answers, fit_id = excluded.fit_id,"
            + " fitted_at = excluded.fitted_at, updated_at = now() where excluded.fit_id >= p.fit_id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Event<ItemsChanged> changes;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @Override
    public String consumerGroup() {
        return application + ".item-parameters";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CATALOG);
    }

    @Override
    public boolean accepts(String type) {
        return EventTypes.ITEM_PARAMETERS_FITTED.type().equals(type);
    }

    @Override
    public void handle(CloudEvent event) throws SQLException {
        if (!accepts(event.type())) {
            return;
        }
        ItemParametersFitted fitted = EventTypes.ITEM_PARAMETERS_FITTED.read(event);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setObject(1, fitted.questionId());
            ps.setInt(2, fitted.questionVersion());
            ps.setDouble(3, fitted.guess());
            ps.setDouble(4, fitted.slip());
            ps.setDouble(5, fitted.difficulty());
            ps.setInt(6, fitted.answers());
            ps.setLong(7, fitted.fitId());
            ps.setObject(8, fitted.fittedAt().atOffset(ZoneOffset.UTC));
            if (ps.executeUpdate() > 0) {
                changes.fire(new ItemsChanged("question " + fitted.questionId() + " fitted"));
            }
        }
    }
}
