package dev.skillpath.quiz.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seed's question files (seed/quizzes.json and seed/bank/*.json): every seeded skill has enough questions, tags
 * are seeded skills, keys are unique, every type is used, each question is consistent with its type, the bank's
 * questions have feedback wherever a learner can go wrong, and every question passes an author's checks. The second
 * half shows that each check fails on a broken example.
 */
class SeedBankTest {

    private static final Path CATALOGUE = Path.of("../skills-service/src/main/resources/seed/catalogue.json");
    private static final Path BANK_FOLDER = Path.of("src/main/resources").resolve(SeedBank.BANK);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Validator validator;
    private static List<SeedBank.Entry> all;
    private static List<SeedBank.Entry> bank;
    private static Set<String> slugs;

    @BeforeAll
    static void load() throws IOException {
        validator = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        all = SeedBank.questions(JSON, SeedBankTest.class.getClassLoader());
        bank = all.stream().filter(e -> e.file().startsWith(SeedBank.BANK)).toList();
        slugs = new java.util.TreeSet<>();
        JSON.readTree(CATALOGUE.toFile()).get("skills").forEach(s -> slugs.add(s.get("slug").asText()));
    }

    // --- the files ---

    @Test
    void everyFileOfTheBankFolderIsInTheIndex() throws IOException {
        List<String> inFolder;
        try (Stream<Path> files = Files.list(BANK_FOLDER)) {
            inFolder = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .filter(n -> !n.equals("index.json")).toList();
        }
        List<String> inIndex = SeedBank.bankFiles(JSON, getClass().getClassLoader()).stream()
                .map(f -> f.substring(SeedBank.BANK.length())).toList();
        assertEquals(List.of(), SeedQuestionRules.indexMismatches(inFolder, inIndex));
        assertTrue(!inIndex.isEmpty());
    }

    @Test
    void everySeededSkillHasAtLeastFourQuestions() {
        assertTrue(slugs.size() >= 40, "the catalogue was read: " + slugs.size() + " skills");
        assertEquals(Map.of(), SeedQuestionRules.skillsShortOfQuestions(all, slugs),
                "skills with fewer than " + SeedQuestionRules.PER_SKILL + " questions (counts)");
    }

    @Test
    void everyTagIsASeededSkill() {
        assertEquals(List.of(), SeedQuestionRules.unknownTags(all, slugs));
    }

    @Test
    void keysAreUniqueAcrossAllFiles() {
        assertEquals(all.size(), all.stream().map(SeedBank.Entry::key).distinct().count());
    }

    @Test
    void everyTypeIsUsedInTheBank() {
        assertEquals(Set.of(), SeedQuestionRules.unusedTypes(bank));
    }

    @Test
    void everyQuestionIsConsistentWithItsType() {
        assertEquals(List.of(), all.stream().flatMap(e -> SeedQuestionRules.shape(e).stream()).toList());
    }

    @Test
    void everyBankQuestionHasFeedbackWhereALearnerCanGoWrong() {
        assertEquals(List.of(), bank.stream().flatMap(e -> SeedQuestionRules.feedback(e).stream()).toList());
    }

    @Test
    void everyQuestionPassesAnAuthorsChecks() {
        List<String> failures = new ArrayList<>();
        for (SeedBank.Entry e : all) {
            try {
                SeedBank.check(e, JSON, validator);
            } catch (IllegalStateException ex) {
                failures.add(ex.getMessage());
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Not a rule, a record: the counts per skill and per type, printed so a change to them shows in the build log. */
    @Test
    void countsPerSkillAndType() {
        Map<String, Long> perSkill = new TreeMap<>(all.stream().flatMap(e -> tags(e).stream())
                .collect(Collectors.groupingBy(t -> t, Collectors.counting())));
        Map<String, Long> perType = new TreeMap<>(all.stream()
                .collect(Collectors.groupingBy(e -> e.question().get("type").asText(), Collectors.counting())));
        System.out.println("seed questions: " + all.size() + " (" + bank.size() + " in seed/bank/); per type "
                + perType + "; per skill " + perSkill);
        assertEquals(all.size(), perType.values().stream().mapToLong(Long::longValue).sum());
    }

    // --- the checks fail on broken examples ---

    @Test
    void theIndexCheckNamesAFileMissingFromTheIndexAndOneMissingFromTheFolder() {
        assertEquals(List.of("b-new.json is not listed in index.json", "index.json lists a-gone.json, which is not in the folder"),
                SeedQuestionRules.indexMismatches(List.of("a-x.json", "b-new.json"), List.of("a-x.json", "a-gone.json")));
    }

    @Test
    void theCountCheckNamesASkillWithTooFewQuestions() {
        List<SeedBank.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(entry("k" + i, "{\"type\": \"numeric\", \"skills\": [\"stacks\"]}"));
        }
        entries.add(entry("q", "{\"type\": \"numeric\", \"skills\": [\"queues\", \"stacks\"]}"));
        assertEquals(Map.of("queues", 1, "graphs", 0),
                SeedQuestionRules.skillsShortOfQuestions(entries, List.of("stacks", "queues", "graphs")));
    }

    @Test
    void theTagCheckNamesAnUnknownSlug() {
        assertEquals(List.of("k: stack"), SeedQuestionRules.unknownTags(
                List.of(entry("k", "{\"skills\": [\"queues\", \"stack\"]}")), Set.of("stacks", "queues")));
    }

    @Test
    void aRepeatedKeyIsRefusedNamingBothFiles() {
        List<SeedBank.Entry> entries = List.of(new SeedBank.Entry("a-x", "seed/bank/a-one.json", JSON.createObjectNode()),
                new SeedBank.Entry("a-x", "seed/bank/a-two.json", JSON.createObjectNode()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SeedBank.requireUniqueKeys(entries));
        assertEquals("seed question key a-x is used twice (seed/bank/a-one.json, seed/bank/a-two.json)", e.getMessage());
    }

    @Test
    void aQuestionWithoutAKeyIsRefused() throws IOException {
        JsonNode file = JSON.readTree("{\"questions\": [{\"type\": \"numeric\"}]}");
        assertThrows(IllegalStateException.class, () -> SeedBank.questionsOf("seed/bank/a-x.json", file));
    }

    @Test
    void theTypeCheckNamesTheMissingType() {
        assertEquals(EnumSet.complementOf(EnumSet.of(QuestionType.NUMERIC, QuestionType.ORDERING)),
                SeedQuestionRules.unusedTypes(List.of(entry("a", "{\"type\": \"numeric\"}"), entry("b", "{\"type\": \"ordering\"}"))));
    }

    @Test
    void theShapeCheckRefusesEachInconsistentType() {
        assertBroken(SeedQuestionRules::shape, "exactly one correct option (2)", """
                {"type": "single_choice", "options": [{"text": "a", "correct": true}, {"text": "b", "correct": true}]}""");
        assertBroken(SeedQuestionRules::shape, "exactly one correct option (0)", """
                {"type": "single_choice", "options": [{"text": "a", "correct": false}, {"text": "b"}]}""");
        assertBroken(SeedQuestionRules::shape, "(2 correct, 0 wrong)", """
                {"type": "multiple_choice", "options": [{"text": "a", "correct": true}, {"text": "b", "correct": true}]}""");
        assertBroken(SeedQuestionRules::shape, "(0 correct, 2 wrong)", """
                {"type": "multiple_choice", "options": [{"text": "a", "correct": false}, {"text": "b", "correct": false}]}""");
        assertBroken(SeedQuestionRules::shape, "boolean answer", """
                {"type": "true_false", "answer": "true"}""");
        assertBroken(SeedQuestionRules::shape, "boolean answer", """
                {"type": "true_false"}""");
        assertBroken(SeedQuestionRules::shape, "number as its value", """
                {"type": "numeric", "value": "4"}""");
        assertBroken(SeedQuestionRules::shape, "at least one accepted answer", """
                {"type": "short_text", "acceptedAnswers": [" "]}""");
        assertBroken(SeedQuestionRules::shape, "3 to 10 items (2)", """
                {"type": "ordering", "options": [{"text": "a"}, {"text": "b"}]}""");
        assertBroken(SeedQuestionRules::shape, "3 to 10 items (11)", "{\"type\": \"ordering\", \"options\": ["
                + String.join(", ", java.util.Collections.nCopies(11, "{\"text\": \"x\"}")) + "]}");
        assertBroken(SeedQuestionRules::shape, "must not have an id (o2)", """
                {"type": "ordering", "options": [{"text": "a"}, {"id": "o2", "text": "b"}, {"text": "c"}]}""");
        assertBroken(SeedQuestionRules::shape, "must not say whether it is correct", """
                {"type": "ordering", "options": [{"text": "a", "correct": true}, {"text": "b"}, {"text": "c"}]}""");
        assertBroken(SeedQuestionRules::shape, "unknown type essay", """
                {"type": "essay"}""");
        assertEquals(List.of(), SeedQuestionRules.shape(entry("ok", """
                {"type": "ordering", "options": [{"text": "a"}, {"text": "b"}, {"text": "c"}]}""")));
    }

    @Test
    void theFeedbackCheckRefusesEachMissingFeedback() {
        assertBroken(SeedQuestionRules::feedback, "has no generalFeedback", """
                {"type": "numeric", "value": 4, "generalFeedback": "  "}""");
        assertBroken(SeedQuestionRules::feedback, "wrong option 1 (b) has no feedback", """
                {"type": "single_choice", "generalFeedback": "g",
                 "options": [{"text": "a", "correct": true}, {"text": "b", "correct": false}]}""");
        assertBroken(SeedQuestionRules::feedback, "wrong option 0 (a) has no feedback", """
                {"type": "multiple_choice", "generalFeedback": "g",
                 "options": [{"text": "a"}, {"text": "b", "correct": true}]}""");
        assertBroken(SeedQuestionRules::feedback, "has no trueFeedback", """
                {"type": "true_false", "answer": false, "falseFeedback": "f", "generalFeedback": "g"}""");
        assertBroken(SeedQuestionRules::feedback, "has no falseFeedback", """
                {"type": "true_false", "answer": true, "trueFeedback": "t", "generalFeedback": "g"}""");
        assertEquals(List.of(), SeedQuestionRules.feedback(entry("ok", """
                {"type": "single_choice", "generalFeedback": "g",
                 "options": [{"text": "a", "correct": true}, {"text": "b", "correct": false, "feedback": "f"}]}""")));
    }

    @Test
    void theAuthorsChecksRefuseABadQuestionNamingItsKey() {
        assertRefused("a-two-correct", "options exactly one option must be correct (2 are)", """
                {"type": "single_choice", "prompt": "p", "skills": ["stacks"],
                 "options": [{"text": "a", "correct": true}, {"text": "b", "correct": true}]}""");
        assertRefused("a-blank-prompt", "prompt", """
                {"type": "numeric", "prompt": " ", "skills": ["stacks"], "value": 4}""");
        assertRefused("a-foreign-field", "answer does not apply to a numeric question", """
                {"type": "numeric", "prompt": "p", "skills": ["stacks"], "value": 4, "answer": true}""");
        assertRefused("a-misspelt", "feedbak", """
                {"type": "single_choice", "prompt": "p", "skills": ["stacks"],
                 "options": [{"text": "a", "correct": true}, {"text": "b", "feedbak": "f"}]}""");
        assertRefused("a-two-items", "needs at least 3 items", """
                {"type": "ordering", "prompt": "p", "skills": ["stacks"], "options": [{"text": "a"}, {"text": "b"}]}""");
        SeedBank.check(entry("a-fine", """
                {"type": "numeric", "prompt": "p", "skills": ["stacks"], "value": 4}"""), JSON, validator);
    }

    private static void assertBroken(java.util.function.Function<SeedBank.Entry, List<String>> check, String expected,
            String question) {
        List<String> problems = check.apply(entry("bad", question));
        assertEquals(1, problems.size(), question + " gave " + problems);
        assertTrue(problems.get(0).startsWith("bad (seed/bank/a-test.json): ") && problems.get(0).contains(expected),
                problems.get(0));
    }

    private static void assertRefused(String key, String expected, String question) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SeedBank.check(entry(key, question), JSON, validator));
        assertTrue(e.getMessage().startsWith("seed question " + key + " (seed/bank/a-test.json)")
                && e.getMessage().contains(expected), e.getMessage());
    }

    private static SeedBank.Entry entry(String key, String question) {
        try {
            return new SeedBank.Entry(key, "seed/bank/a-test.json", (ObjectNode) JSON.readTree(question));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> tags(SeedBank.Entry e) {
        List<String> tags = new ArrayList<>();
        e.question().path("skills").forEach(t -> tags.add(t.asText()));
        return tags;
    }
}
