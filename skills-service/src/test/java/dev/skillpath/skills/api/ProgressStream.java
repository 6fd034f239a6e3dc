package dev.skillpath.skills.api;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.skillpath.devinfra.testing.TestTokens;
import dev.skillpath.devinfra.testing.TopicReader;
import dev.skillpath.events.CloudEvent;
import dev.skillpath.events.CloudEventCodec;
import dev.skillpath.events.EventTypes;
import dev.skillpath.events.Topics;
import dev.skillpath.events.payload.PracticeAnswered;
import dev.skillpath.events.payload.QuizAttemptGraded;
import dev.skillpath.events.payload.QuizAttemptGradedV1;
import dev.skillpath.platform.learning.QuestionShape;
import dev.skillpath.skills.domain.ModelInForce;
import dev.skillpath.skills.domain.model.AnsweredQuestion;
import dev.skillpath.skills.domain.model.EvidenceEvent;
import dev.skillpath.skills.domain.model.ItemKey;
import dev.skillpath.skills.domain.model.LearnerModel;
import dev.skillpath.skills.domain.model.LearnerState;

/** The real progress topic as the skills-service tests use it: events in, announcements out, waits. */
final class ProgressStream {

    static final Duration WAIT = Duration.ofSeconds(30);

    private static volatile boolean consuming;

    private final String bootstrap;

    ProgressStream(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Waits (once per test class, up to a minute) until the service's consumer applies events at all: right after
     * the application starts, its consumer may still be joining its group.
     */
    void awaitConsumer() throws Exception {
        if (consuming) {
            return;
        }
        String probe = "probe-" + UUID.randomUUID();
        send(event(probe, EventTypes.LESSON_COMPLETED.type(), new dev.skillpath.events.payload.LessonCompleted(probe,
                UUID.randomUUID(), "probe", 1, List.of(dev.skillpath.platform.catalog.SeededSkills.id("git")),
                Instant.now())));
        // A readiness wait, not a timing check: when an earlier application of this JVM left the group without
        // saying so, joining waits for its session to time out, which on a loaded machine took over a minute once.
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (steps(probe, "git") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the consumer applied nothing within three minutes");
            }
            Thread.sleep(200);
        }
        consuming = true;
    }

    /** A v2 answer to a single-choice question with four options. */
    static QuizAttemptGraded.Answer answer(boolean correct, UUID... skills) {
        return answer(UUID.randomUUID(), "single_choice", 4, correct, skills);
    }

    static QuizAttemptGraded.Answer answer(UUID question, String type, int options, boolean correct, UUID... skills) {
        return new QuizAttemptGraded.Answer(question, 1, type, options, type.endsWith("choice") ? 1 : 0, true, correct,
                correct ? 1 : 0, List.of(skills));
    }

    static CloudEvent graded(String learner, List<QuizAttemptGraded.Answer> answers) {
        long right = answers.stream().filter(QuizAttemptGraded.Answer::correct).count();
        return event(learner, EventTypes.QUIZ_ATTEMPT_GRADED.type(), new QuizAttemptGraded(learner, UUID.randomUUID(),
                UUID.randomUUID(), right, answers.size(), right == answers.size(), answers, Instant.now()));
    }

    static CloudEvent gradedV1(String learner, List<QuizAttemptGradedV1.Answer> answers) {
        long right = answers.stream().filter(QuizAttemptGradedV1.Answer::correct).count();
        return event(learner, EventTypes.QUIZ_ATTEMPT_GRADED_V1.type(), new QuizAttemptGradedV1(learner,
                UUID.randomUUID(), UUID.randomUUID(), right, answers.size(), right == answers.size(), answers,
                Instant.now()));
    }

    static CloudEvent event(String learner, String type, Object payload) {
        return new CloudEvent(UUID.randomUUID(), "/quiz-service", type, learner, OffsetDateTime.now(ZoneOffset.UTC),
                "application/json", CloudEventCodec.toTree(payload));
    }

    void send(CloudEvent... events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (CloudEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.PROGRESS, event.subject(), CloudEventCodec.toBytes(event))).get();
            }
        }
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** The learner's events of the type on the topic, once there are at least {@code atLeast}. */
    List<CloudEvent> events(String learner, String type, int atLeast) {
        return events(Topics.PROGRESS, learner, type, found -> found.size() >= atLeast);
    }

    /** The events of the type with the key on the topic, in topic order, once {@code done} holds for them. */
    List<CloudEvent> events(String topic, String key, String type, Predicate<List<CloudEvent>> done) {
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.readUntil(rs -> done.test(mine(rs, key, type)), WAIT);
            return mine(reader.readToEnd(WAIT), key, type);
        }
    }

    /** A practice session's answer, graded at once. */
    static CloudEvent practiced(String learner, UUID session, int position, QuizAttemptGraded.Answer answer) {
        return event(learner, EventTypes.PRACTICE_ANSWERED.type(), new PracticeAnswered(learner, session, position,
                answer, Instant.now()));
    }

    private static List<CloudEvent> mine(List<ConsumerRecord<String, byte[]>> records, String learner, String type) {
        return records.stream().filter(r -> learner.equals(r.key())).map(r -> {
            try {
                return CloudEventCodec.parse(r.value());
            } catch (RuntimeException e) {
                return null;
            }
        }).filter(e -> e != null && type.equals(e.type())).toList();
    }

    /** What the learner model gives a fresh learner for these answers (one attempt), per skill position. */
    static double[] expectedAfter(ModelInForce.Snapshot snap, List<QuizAttemptGraded.Answer> answers) {
        List<AnsweredQuestion> event = answers.stream().map(a -> new AnsweredQuestion(
                new ItemKey(a.questionId(), a.questionVersion()),
                new QuestionShape(a.questionType(), a.options(), a.correctOptions()),
                a.skillIds().stream().mapToInt(id -> snap.graph().indexOf(id)).toArray(), a.correct())).toList();
        LearnerState state = snap.model().fresh();
        snap.parameters().apply(state, EvidenceEvent.attempt(event), 0, LearnerModel.Steps.NONE);
        return snap.model().estimate(state).known();
    }

    /** A probability as the API shows it. */
    static double round(double p) {
        return Math.round(p * 10_000d) / 10_000d;
    }

    static void waitUntil(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    static int observations(String learner, String slug) {
        return field(learner, slug, "observations");
    }

    static int steps(String learner, String slug) {
        return field(learner, slug, "learningSteps");
    }

    static int field(String learner, String slug, String field) {
        Object value = given().auth().oauth2(TestTokens.admin()).get("/api/v1/learners/me/mastery?learner=" + learner)
                .then().statusCode(200).extract().path("skills.find { it.skill.slug == '" + slug + "' }." + field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    /** The learner's estimate per skill slug, as the API shows it. */
    static Map<String, Float> estimates(String learner) {
        List<Map<String, Object>> skills = given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/learners/me/mastery?learner=" + learner).then().statusCode(200).extract().path("skills");
        Map<String, Float> out = new java.util.TreeMap<>();
        for (Map<String, Object> s : skills) {
            @SuppressWarnings("unchecked")
            Map<String, Object> skill = (Map<String, Object>) s.get("skill");
            out.put((String) skill.get("slug"), ((Number) s.get("probability")).floatValue());
        }
        return out;
    }
}
