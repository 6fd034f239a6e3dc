package dev.skillpath.quiz.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.quiz.api.QuizViews.QuestionInput;
import dev.skillpath.quiz.api.QuizViews.QuizInput;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the seed quizzes and questions ({@code seed/quizzes.json}) on the first start, when the bank is empty,
 * under an advisory lock so replicas starting together seed once. Questions go through the same checks as an
 * author's; skill tags are seeded skills' slugs, turned into their fixed ids so the seed never waits for the
 * catalogue. Each seeded quiz is published and announced with {@code quiz.published}.
 */
@ApplicationScoped
public class QuizSeed {

    private static final Logger LOG = Logger.getLogger(QuizSeed.class);
    static final String RESOURCE = "seed/quizzes.json";
    static final String AUTHOR = "skillpath-seed";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    QuestionBank bank;

    @Inject
    QuizAuthoring authoring;

    void onStart(@Observes StartupEvent event) {
        seed();
    }

    public static UUID questionId(String key) {
        return UUID.nameUUIDFromBytes(("skillpath:question:" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID quizId(String key) {
        return UUID.nameUUIDFromBytes(("skillpath:quiz:" + key).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional
    void seed() {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('quiz.seed'))").getSingleResult();
        if (Question.count() > 0) {
            return;
        }
        JsonNode seed = read();
        Map<String, UUID> questions = new HashMap<>();
        for (JsonNode node : seed.get("questions")) {
            ObjectNode q = node.deepCopy();
            String key = q.remove("key").asText();
            QuestionInput input = convert(q, QuestionInput.class, "question " + key);
            UUID id = questionId(key);
            bank.create(id, input, QuestionBank.bodyOf(input), skillIds(input.skills()), AUTHOR);
            questions.put(key, id);
        }
        em.flush();
        int quizzes = 0;
        for (JsonNode node : seed.get("quizzes")) {
            ObjectNode q = node.deepCopy();
            String key = q.remove("key").asText();
            List<UUID> ids = new ArrayList<>();
            if (q.has("questions")) {
                for (JsonNode k : q.remove("questions")) {
                    UUID id = questions.get(k.asText());
                    if (id == null) {
                        throw new IllegalStateException("seed quiz " + key + " names an unknown question " + k);
                    }
                    ids.add(id);
                }
            }
            QuizInput input = convert(q, QuizInput.class, "quiz " + key);
            UUID drawSkill = input.draw() == null ? null : SeededSkills.id(input.draw().skill());
            authoring.seed(quizId(key), input, skillIds(input.skills()), ids, drawSkill, AUTHOR);
            quizzes++;
        }
        LOG.infof("seeded the question bank: %d questions, %d quizzes", questions.size(), quizzes);
    }

    private static List<UUID> skillIds(List<String> slugs) {
        return slugs == null ? List.of() : slugs.stream().map(SeededSkills::id).distinct().toList();
    }

    private <T> T convert(ObjectNode node, Class<T> type, String what) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException e) {
            throw new IllegalStateException("the seed's " + what + " cannot be read: " + e.getMessage(), e);
        }
    }

    private JsonNode read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
