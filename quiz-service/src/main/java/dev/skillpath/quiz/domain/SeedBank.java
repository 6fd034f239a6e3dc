package dev.skillpath.quiz.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillpath.platform.api.ProblemException;
import dev.skillpath.quiz.api.QuizViews.QuestionInput;

/**
 * The seed's questions: those of {@code seed/quizzes.json} and those of every file listed in
 * {@code seed/bank/index.json}, each file {@code {"questions": [...]}} in the format of an author's question plus a
 * {@code key}. Keys are unique across all files (a question's id is derived from its key). Plain code, so the
 * seed at start and the test of the files read and check the questions the same way.
 */
public final class SeedBank {

    public static final String QUIZZES = "seed/quizzes.json";
    public static final String BANK = "seed/bank/";
    public static final String INDEX = BANK + "index.json";

    private SeedBank() {
    }

    /** One seed question: its key, the file it comes from, and the question as an author would send it (no key). */
    public record Entry(String key, String file, ObjectNode question) {

        public String where() {
            return "seed question " + key + " (" + file + ")";
        }
    }

    /** A seed question checked as an author's would be: its input and the body it is stored with. */
    public record Checked(Entry entry, QuestionInput input, QuestionBody body) {
    }

    /** The bank files named by the index, in its order. */
    public static List<String> bankFiles(ObjectMapper json, ClassLoader loader) {
        JsonNode files = read(json, loader, INDEX).get("files");
        if (files == null || !files.isArray()) {
            throw new IllegalStateException(INDEX + " has no \"files\" list");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode f : files) {
            names.add(BANK + f.asText());
        }
        return names;
    }

    /** Every seed question: quizzes.json's first, then each bank file's; fails on a repeated or missing key. */
    public static List<Entry> questions(ObjectMapper json, ClassLoader loader) {
        List<Entry> entries = new ArrayList<>(questionsOf(QUIZZES, read(json, loader, QUIZZES)));
        for (String file : bankFiles(json, loader)) {
            entries.addAll(questionsOf(file, read(json, loader, file)));
        }
        requireUniqueKeys(entries);
        return entries;
    }

    /** The questions of one file's content. */
    public static List<Entry> questionsOf(String file, JsonNode content) {
        JsonNode questions = content.get("questions");
        if (questions == null || !questions.isArray()) {
            throw new IllegalStateException(file + " has no \"questions\" list");
        }
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode node : questions) {
            JsonNode key = node.get("key");
            if (key == null || !key.isTextual() || key.asText().isBlank()) {
                throw new IllegalStateException("question " + i + " of " + file + " has no key");
            }
            ObjectNode question = node.deepCopy();
            question.remove("key");
            entries.add(new Entry(key.asText(), file, question));
            i++;
        }
        return entries;
    }

    public static void requireUniqueKeys(List<Entry> entries) {
        Map<String, String> seen = new HashMap<>();
        for (Entry e : entries) {
            String other = seen.putIfAbsent(e.key(), e.file());
            if (other != null) {
                throw new IllegalStateException("seed question key " + e.key() + " is used twice (" + other + ", "
                        + e.file() + ")");
            }
        }
    }

    /**
     * Checks a seed question the way an author's is checked (bean validation of {@link QuestionInput}, then
     * {@link QuestionBank#bodyOf}), and more strictly in one way: a field the input does not have is an error, not
     * ignored, so a misspelt {@code feedbak} cannot silently drop feedback. Fails naming the key.
     */
    public static Checked check(Entry entry, ObjectMapper json, Validator validator) {
        QuestionInput input;
        try {
            input = json.readerFor(QuestionInput.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(entry.question());
        } catch (IOException e) {
            throw new IllegalStateException(entry.where() + " cannot be read: " + e.getMessage(), e);
        }
        Set<ConstraintViolation<QuestionInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(entry.where() + " is invalid: " + violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).collect(Collectors.joining("; ")));
        }
        try {
            return new Checked(entry, input, QuestionBank.bodyOf(input));
        } catch (ProblemException e) {
            throw new IllegalStateException(entry.where() + " is invalid: " + e.toProblem(null).violations().stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")), e);
        }
    }

    public static JsonNode read(ObjectMapper json, ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
