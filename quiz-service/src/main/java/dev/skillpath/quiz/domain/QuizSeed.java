package dev.skillpath.quiz.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillpath.platform.catalog.SeededSkills;
import dev.skillpath.quiz.api.QuizViews.QuizInput;
import io.quarkus.runtime.StartupEvent;

/**
 * Seeds the question bank and the seed quizzes on every start, under an advisory lock so replicas starting together
 * seed once: each seed question ({@link SeedBank}: {@code seed/quizzes.json} and the files of {@code seed/bank/})
 * and each seed quiz whose fixed id does not exist yet is added; existing ones are never overwritten, so a new seed
 * question reaches an existing database on its next start but an edit to an old one does not. Every seed question is
 * checked as an author's is, on every start, and a bad one fails the start naming its key. Skill tags are seeded
 * skills' slugs, turned into their fixed ids so the seed never waits for the catalogue. Each quiz added is published
 * and announced with {@code quiz.published}.
 */
@ApplicationScoped
public class QuizSeed {

    private static final Logger LOG = Logger.getLogger(QuizSeed.class);
    static final String AUTHOR = "skillpath-seed";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    QuestionBank bank;

    @Inject
    QuizAuthoring authoring;

    /** What one run of the seed added. */
    public record Added(int questions, int quizzes) {
    }

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
    Added seed() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return seed(SeedBank.questions(json, loader), SeedBank.read(json, loader, SeedBank.QUIZZES).get("quizzes"));
    }

    /** Adds the questions and quizzes that are not there yet; package-private so a test can seed what it likes. */
    @Transactional
    Added seed(List<SeedBank.Entry> questions, JsonNode quizzes) {
        SeedBank.requireUniqueKeys(questions);
        List<SeedBank.Checked> checked = questions.stream().map(e -> SeedBank.check(e, json, validator)).toList();
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('quiz.seed'))").getSingleResult();
        Map<String, UUID> ids = new HashMap<>();
        checked.forEach(c -> ids.put(c.entry().key(), questionId(c.entry().key())));
        Set<UUID> existing = new HashSet<>(em.createQuery("select q.id from Question q where q.id in :ids", UUID.class)
                .setParameter("ids", ids.values()).getResultList());
        int addedQuestions = 0;
        for (SeedBank.Checked c : checked) {
            UUID id = ids.get(c.entry().key());
            if (!existing.contains(id)) {
                bank.create(id, c.input(), c.body(), skillIds(c.input().skills()), AUTHOR);
                addedQuestions++;
            }
        }
        em.flush();
        int addedQuizzes = 0;
        for (JsonNode node : quizzes == null ? List.<JsonNode>of() : quizzes) {
            ObjectNode q = node.deepCopy();
            String key = q.remove("key").asText();
            if (Quiz.findById(quizId(key)) != null) {
                continue;
            }
            List<UUID> list = new ArrayList<>();
            if (q.has("questions")) {
                for (JsonNode k : q.remove("questions")) {
                    UUID id = ids.get(k.asText());
                    if (id == null) {
                        throw new IllegalStateException("seed quiz " + key + " names an unknown question " + k);
                    }
                    list.add(id);
                }
            }
            QuizInput input = convert(q, QuizInput.class, "quiz " + key);
            UUID drawSkill = input.draw() == null ? null : SeededSkills.id(input.draw().skill());
            authoring.seed(quizId(key), input, skillIds(input.skills()), list, drawSkill, AUTHOR);
            addedQuizzes++;
        }
        if (addedQuestions + addedQuizzes > 0) {
            LOG.infof("seeded the question bank: %d questions and %d quizzes added (%d seed questions in all)",
                    addedQuestions, addedQuizzes, checked.size());
        }
        return new Added(addedQuestions, addedQuizzes);
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
}
