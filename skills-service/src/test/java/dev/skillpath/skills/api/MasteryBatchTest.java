package dev.skillpath.skills.api;

import static dev.skillpath.skills.api.ProgressStream.answer;
import static dev.skillpath.skills.api.ProgressStream.event;
import static dev.skillpath.skills.api.SkillCatalogueTest.shortId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.payload.LessonCompleted;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.skills.events.ProgressHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The learner model applied to a poll of events at once ({@code ProgressHandler.handleAll}, one transaction, a fixed
 * number of statements) leaves exactly what it leaves applying them one event per transaction: the same state rows,
 * the same lines of evidence, the same announcements; with two learners' events interleaved in the batch.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class MasteryBatchTest {

    private static final UUID BINARY_SEARCH = SeededSkills.id("binary-search");
    private static final UUID ARRAYS = SeededSkills.id("arrays");
    private static final UUID GIT = SeededSkills.id("git");
    private static final UUID HTTP = SeededSkills.id("http");
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    @Inject
    ProgressHandler handler;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBatchOfEventsLeavesWhatTheSameEventsLeaveOneByOne() throws Exception {
        String one = "learner-" + shortId();
        String b = "learner-" + shortId();
        String c = "learner-" + shortId();
        for (CloudEvent e : history(one)) {
            QuarkusTransaction.requiringNew().run(() -> handler.handle(e));
        }
        List<CloudEvent> ofB = history(b);
        List<CloudEvent> ofC = history(c);
        List<CloudEvent> together = new ArrayList<>();
        for (int i = 0; i < ofB.size(); i++) {
            together.add(ofB.get(i));
            together.add(ofC.get(i));
        }
        QuarkusTransaction.requiringNew().run(() -> handler.handleAll(together));

        List<String> state = rows(STATE, one);
        assertTrue(state.stream().anyMatch(r -> r.contains("mastered=2")), "the history masters a skill: " + state);
        assertTrue(state.stream().anyMatch(r -> r.contains("stability=") && !r.contains("stability=null")),
                "and gives it a memory that is reviewed: " + state);
        for (String learner : List.of(b, c)) {
            assertEquals(state, rows(STATE, learner), "the state rows of " + learner);
            assertEquals(rows(EFFECTS, one), rows(EFFECTS, learner), "the lines of evidence of " + learner);
            assertEquals(rows(ANNOUNCED, one), rows(ANNOUNCED, learner), "the announcements of " + learner);
        }
        assertEquals(history(one).size(), count("select count(*) from outbox where event_key = '" + b
                + "' and event_type = '" + EventTypes.LEARNER_ESTIMATES.type() + "'"), "one estimates event per event");
    }

    /** Twelve events over twelve days: attempts right and wrong on several skills, a lesson, practice answers. */
    private static List<CloudEvent> history(String learner) {
        List<CloudEvent> events = new ArrayList<>();
        UUID session = UUID.randomUUID();
        for (int day = 0; day < 12; day++) {
            Instant at = START.plus(Duration.ofDays(day));
            if (day == 3) {
                events.add(event(learner, EventTypes.LESSON_COMPLETED.type(), new LessonCompleted(learner,
                        UUID.nameUUIDFromBytes(("lesson").getBytes()), "arrays-basics", 1, List.of(ARRAYS), at)));
            } else if (day % 4 == 1) {
                events.add(event(learner, EventTypes.PRACTICE_ANSWERED.type(), new PracticeAnswered(learner, session,
                        day, answer(question(day, 0), "true_false", 0, day != 5, GIT), at)));
            } else {
                List<QuizAttemptGraded.Answer> answers = List.of(
                        answer(question(day, 1), "single_choice", 4, day != 2, BINARY_SEARCH),
                        answer(question(day, 2), "multiple_choice", 5, day > 6, ARRAYS, BINARY_SEARCH),
                        answer(question(day, 3), "single_choice", 4, day % 3 == 0, HTTP));
                long right = answers.stream().filter(QuizAttemptGraded.Answer::correct).count();
                events.add(event(learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded(learner,
                        UUID.nameUUIDFromBytes(("quiz" + day).getBytes()), UUID.randomUUID(), right, 3, right == 3,
                        answers, at)));
            }
        }
        return events;
    }

    /** The same question for every learner on the same day and position. */
    private static UUID question(int day, int position) {
        return UUID.nameUUIDFromBytes(("question " + day + "/" + position).getBytes());
    }

    private static final String STATE = "select skill_id, probability, log_known, log_learned_since, log_still_unknown,"
            + " observations, correct_answers, learning_steps, direct, (mastered_at is not null)::int + 1 as mastered,"
            + " mastered_at, last_evidence_at, stability, difficulty, reviews, lapses, last_review_at, due_at"
            + " from mastery where learner_id = ? order by skill_id";
    private static final String EFFECTS = "select e.kind, e.position, e.question_id, x.skill_id, x.before, x.after,"
            + " x.direct from evidence_effect x join evidence e on e.id = x.evidence_id where x.learner_id = ?"
            + " order by e.id, x.skill_id";
    /** What each mastery announcement says, without the learner's id and the cause's id, in the order published. */
    private static final String ANNOUNCED = "select event_type, envelope from outbox where event_key = ? and"
            + " event_type in ('" + EventTypes.SKILL_MASTERY_CHANGED.type() + "', '" + EventTypes.SKILL_MASTERED.type()
            + "') order by seq";

    private List<String> rows(String sql, String learner) throws Exception {
        Function<String, String> announced = envelope -> {
            ObjectNode data = (ObjectNode) CloudEventCodec.parse(envelope.getBytes()).data().deepCopy();
            data.remove(List.of("learnerId", "causeEventId"));
            return data.toString();
        };
        List<String> out = new ArrayList<>();
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, learner);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        String name = rs.getMetaData().getColumnName(i);
                        String value = rs.getString(i);
                        row.append(name).append('=').append("envelope".equals(name) ? announced.apply(value) : value)
                                .append(' ');
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    private long count(String sql) throws Exception {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
