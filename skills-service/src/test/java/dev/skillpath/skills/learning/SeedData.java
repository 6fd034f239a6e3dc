package dev.skillpath.skills.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real seed content the simulation runs on: the skills catalogue with its {@code requires} graph and the quiz
 * service's question bank and quizzes. Read with Jackson from the repository's JSON files.
 *
 * <p>Questions: those of quizzes.json, then, when the directory {@code bank/} beside it exists, those of every
 * {@code *.json} file under it (in path order), each {@code {"questions": [...]}} in quizzes.json's question format;
 * a file there without a {@code questions} array (the bank's index.json) is not a question file and is skipped. A
 * question key must be unique across all of them. Quizzes come from quizzes.json only; a drawn quiz draws from every
 * question tagged with its skill, bank questions included (as quiz-service does once the bank is loaded).
 *
 * <p>Locations: the system properties {@value #CATALOGUE_PROPERTY}, {@value #QUIZZES_PROPERTY} and
 * {@value #BANK_PROPERTY} ({@code none}: no bank) when set; otherwise the files relative to the skills-service
 * module directory (the working directory of Maven tests), or failing that relative to the repository root.
 */
public final class SeedData {

    public static final String CATALOGUE_PROPERTY = "skillpath.learning.catalogue";
    public static final String QUIZZES_PROPERTY = "skillpath.learning.quizzes";
    public static final String BANK_PROPERTY = "skillpath.learning.bank";
    /** A bank location that means: no bank, quizzes.json's questions only. */
    public static final String NO_BANK = "none";

    private static final List<String> CATALOGUE_CANDIDATES = List.of(
            "src/main/resources/seed/catalogue.json", "skills-service/src/main/resources/seed/catalogue.json");
    private static final List<String> QUIZZES_CANDIDATES = List.of(
            "../quiz-service/src/main/resources/seed/quizzes.json", "quiz-service/src/main/resources/seed/quizzes.json");

    private final Path cataloguePath;
    private final Path quizzesPath;
    private final Path bankPath;                             // null: no bank
    private final List<Path> bankFiles;                      // the question files read from it, in order
    private final int bankQuestions;
    private final List<String> skills;                       // catalogue order
    private final Map<String, Integer> index;
    private final List<List<String>> prerequisites;          // by skill index: the direct `requires` targets
    private final int requiresCount;
    private final List<String> topologicalOrder;             // prerequisites first
    private final Map<String, Question> questions;           // file order
    private final List<List<Question>> tagged;               // by skill index
    private final List<Quiz> quizzes;

    private SeedData(Path cataloguePath, Path quizzesPath, JsonNode catalogue, JsonNode bank, Path bankPath,
                     Map<Path, JsonNode> bankFiles) {
        this.cataloguePath = cataloguePath;
        this.quizzesPath = quizzesPath;
        this.bankPath = bankPath;
        this.bankFiles = List.copyOf(bankFiles.keySet());

        List<String> slugs = new ArrayList<>();
        Map<String, Integer> idx = new HashMap<>();
        for (JsonNode s : required(catalogue, "skills", cataloguePath)) {
            String slug = text(s, "slug", cataloguePath);
            if (idx.putIfAbsent(slug, slugs.size()) != null) {
                throw new IllegalArgumentException(cataloguePath + ": skill " + slug + " appears twice");
            }
            slugs.add(slug);
        }
        this.skills = List.copyOf(slugs);
        this.index = Map.copyOf(idx);

        List<List<String>> prereq = new ArrayList<>();
        for (int i = 0; i < slugs.size(); i++) {
            prereq.add(new ArrayList<>());
        }
        int edges = 0;
        for (JsonNode r : required(catalogue, "relations", cataloguePath)) {
            if (!"requires".equals(text(r, "type", cataloguePath))) {
                continue;
            }
            String skill = known(text(r, "skill", cataloguePath), cataloguePath);
            String target = known(text(r, "target", cataloguePath), cataloguePath);
            List<String> list = prereq.get(index.get(skill));
            if (!list.contains(target)) {
                list.add(target);
                edges++;
            }
        }
        List<List<String>> frozen = new ArrayList<>();
        prereq.forEach(l -> frozen.add(List.copyOf(l)));
        this.prerequisites = List.copyOf(frozen);
        this.requiresCount = edges;
        this.topologicalOrder = topologicalOrder(slugs, frozen, cataloguePath);

        Map<String, Question> qs = new LinkedHashMap<>();
        List<List<Question>> tags = new ArrayList<>();
        for (int i = 0; i < slugs.size(); i++) {
            tags.add(new ArrayList<>());
        }
        Map<String, Path> from = new HashMap<>();
        Map<Path, JsonNode> files = new LinkedHashMap<>();
        files.put(quizzesPath, bank);
        files.putAll(bankFiles);
        int fromBank = 0;
        for (Map.Entry<Path, JsonNode> f : files.entrySet()) {
            Path file = f.getKey();
            for (JsonNode q : required(f.getValue(), "questions", file)) {
                Question question = question(q, file);
                for (String s : question.skills()) {
                    known(s, file);
                }
                if (qs.putIfAbsent(question.key(), question) != null) {
                    throw new IllegalArgumentException(file + ": question " + question.key() + " appears twice"
                            + (from.get(question.key()).equals(file) ? "" : " (also in " + from.get(question.key()) + ")"));
                }
                from.put(question.key(), file);
                fromBank += file.equals(quizzesPath) ? 0 : 1;
                for (String s : question.skills()) {
                    tags.get(index.get(s)).add(question);
                }
            }
        }
        this.bankQuestions = fromBank;
        this.questions = Collections.unmodifiableMap(qs);
        List<List<Question>> frozenTags = new ArrayList<>();
        tags.forEach(l -> frozenTags.add(List.copyOf(l)));
        this.tagged = List.copyOf(frozenTags);

        List<Quiz> qz = new ArrayList<>();
        for (JsonNode z : required(bank, "quizzes", quizzesPath)) {
            String key = text(z, "key", quizzesPath);
            List<String> keys = new ArrayList<>();
            for (JsonNode k : z.path("questions")) {
                if (!qs.containsKey(k.asText())) {
                    throw new IllegalArgumentException(quizzesPath + ": quiz " + key + " names unknown question " + k.asText());
                }
                keys.add(k.asText());
            }
            String drawSkill = null;
            int drawCount = 0;
            if (z.hasNonNull("draw")) {
                drawSkill = known(text(z.get("draw"), "skill", quizzesPath), quizzesPath);
                drawCount = z.get("draw").path("count").asInt(0);
                if (drawCount > tagged.get(index.get(drawSkill)).size()) {
                    throw new IllegalArgumentException(quizzesPath + ": quiz " + key + " draws " + drawCount
                            + " questions tagged " + drawSkill + " but the bank has fewer");
                }
            }
            qz.add(new Quiz(key, keys, drawSkill, drawCount, z.path("maxAttempts").asInt(0), z.path("passMark").asInt(60)));
        }
        this.quizzes = List.copyOf(qz);
    }

    /** The seed files at their default locations, or where the system properties say. */
    public static SeedData load() {
        return load(defaultCatalogue(), defaultQuizzes());
    }

    /** Where the catalogue is read from when no path is given. */
    public static Path defaultCatalogue() {
        return locate(CATALOGUE_PROPERTY, CATALOGUE_CANDIDATES);
    }

    /** Where the question bank and quizzes are read from when no path is given. */
    public static Path defaultQuizzes() {
        return locate(QUIZZES_PROPERTY, QUIZZES_CANDIDATES);
    }

    /** The catalogue and quizzes.json, with the bank beside quizzes.json (or where {@value #BANK_PROPERTY} says). */
    public static SeedData load(Path catalogue, Path quizzes) {
        return load(catalogue, quizzes, defaultBank(quizzes));
    }

    /** @param bank the bank directory; null, or a directory that does not exist: quizzes.json's questions only */
    public static SeedData load(Path catalogue, Path quizzes, Path bank) {
        ObjectMapper json = new ObjectMapper();
        try {
            Map<Path, JsonNode> files = new LinkedHashMap<>();
            boolean present = bank != null && Files.isDirectory(bank);
            if (present) {
                List<Path> paths;
                try (var walk = Files.walk(bank)) {
                    paths = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).sorted().toList();
                }
                for (Path p : paths) {
                    JsonNode node = json.readTree(p.toFile());
                    if (node.has("questions")) {   // index.json and the like list files, not questions
                        files.put(p, node);
                    }
                }
            }
            return new SeedData(catalogue, quizzes, json.readTree(catalogue.toFile()), json.readTree(quizzes.toFile()),
                    present ? bank : null, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed data " + catalogue + " / " + quizzes + " / " + bank, e);
        }
    }

    /** The bank directory read with {@code quizzes}: {@value #BANK_PROPERTY} when set, else {@code bank/} beside it. */
    public static Path defaultBank(Path quizzes) {
        String set = System.getProperty(BANK_PROPERTY);
        if (set != null && !set.isBlank()) {
            return set.equals(NO_BANK) ? null : Path.of(set);
        }
        return quizzes.resolveSibling("bank");
    }

    static Path locate(String property, List<String> candidates) {
        String set = System.getProperty(property);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isRegularFile(p)) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("no " + candidates.get(0) + " under " + Path.of("").toAbsolutePath()
                + "; run from the skills-service module or the repository root, or set -D" + property + "=FILE");
    }

    public Path cataloguePath() { return cataloguePath; }

    public Path quizzesPath() { return quizzesPath; }

    /** The bank directory the questions were also read from; null when there was none. */
    public Path bankPath() { return bankPath; }

    /** The bank's question files that were read, in order (empty without a bank). */
    public List<Path> bankFiles() { return bankFiles; }

    /** How many of {@link #questions()} come from the bank rather than quizzes.json. */
    public int bankQuestionCount() { return bankQuestions; }

    /** Every skill slug of the catalogue, in the catalogue's order. */
    public List<String> skills() { return skills; }

    public int skillCount() { return skills.size(); }

    /** The position of a slug in {@link #skills()}; -1 when the catalogue has no such skill. */
    public int index(String skill) {
        Integer i = index.get(skill);
        return i == null ? -1 : i;
    }

    /** The skills {@code skill} directly requires. */
    public List<String> prerequisites(String skill) {
        return prerequisites.get(checkedIndex(skill));
    }

    public List<String> prerequisites(int skill) {
        return prerequisites.get(skill);
    }

    public int requiresCount() { return requiresCount; }

    /** Every skill, each after all the skills it requires. */
    public List<String> topologicalOrder() { return topologicalOrder; }

    public Map<String, Question> questions() { return questions; }

    public Question question(String key) {
        Question q = questions.get(key);
        if (q == null) {
            throw new IllegalArgumentException("no question " + key);
        }
        return q;
    }

    /** The questions tagged with the skill, in the bank's order. */
    public List<Question> questionsTagged(String skill) {
        return tagged.get(checkedIndex(skill));
    }

    public boolean hasQuestion(String skill) {
        return !questionsTagged(skill).isEmpty();
    }

    /**
     * Whether any answer can say something about the skill: it is tagged on a question, or required (directly or
     * not) by a skill that is. The others (e.g. a leaf no question tags) can only ever be guessed at.
     */
    public boolean hasEvidencePath(String skill) {
        if (hasQuestion(skill)) {
            return true;
        }
        Deque<String> todo = new ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String s : skills) {
            if (prerequisites(s).contains(skill)) {
                todo.add(s);
            }
        }
        while (!todo.isEmpty()) {
            String next = todo.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (hasQuestion(next)) {
                return true;
            }
            for (String s : skills) {
                if (prerequisites(s).contains(next)) {
                    todo.add(s);
                }
            }
        }
        return false;
    }

    public List<Quiz> quizzes() { return quizzes; }

    private int checkedIndex(String skill) {
        int i = index(skill);
        if (i < 0) {
            throw new IllegalArgumentException("no skill " + skill + " in the catalogue");
        }
        return i;
    }

    private String known(String skill, Path file) {
        if (!index.containsKey(skill)) {
            throw new IllegalArgumentException(file + ": unknown skill " + skill);
        }
        return skill;
    }

    private static Question question(JsonNode q, Path file) {
        String key = text(q, "key", file);
        String type = text(q, "type", file);
        JsonNode options = q.has("options") ? q.get("options") : q.path("items");
        int correct = 0;
        for (JsonNode o : options) {
            if (o.path("correct").asBoolean(false)) {
                correct++;
            }
        }
        int count;
        switch (type) {
            case "single_choice", "multiple_choice" -> count = options.size();
            case "ordering" -> {
                count = options.size();
                correct = 0;
            }
            case "true_false" -> {
                count = 2;
                correct = 1;
            }
            case "short_text", "numeric" -> {
                count = 0;
                correct = 0;
            }
            default -> throw new IllegalArgumentException(file + ": question " + key + " has unknown type " + type);
        }
        List<String> skills = new ArrayList<>();
        for (JsonNode s : q.path("skills")) {
            skills.add(s.asText());
        }
        return new Question(key, type, count, correct, skills);
    }

    private static List<String> topologicalOrder(List<String> skills, List<List<String>> prereq, Path file) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < skills.size(); i++) {
            idx.put(skills.get(i), i);
        }
        int[] missing = new int[skills.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < skills.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < skills.size(); i++) {
            missing[i] = prereq.get(i).size();
            for (String p : prereq.get(i)) {
                dependents.get(idx.get(p)).add(i);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < skills.size(); i++) {
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            int s = ready.poll();
            order.add(skills.get(s));
            for (int d : dependents.get(s)) {
                if (--missing[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() != skills.size()) {
            throw new IllegalArgumentException(file + ": the requires graph has a cycle");
        }
        return List.copyOf(order);
    }

    private static JsonNode required(JsonNode node, String field, Path file) {
        JsonNode n = node.get(field);
        if (n == null || !n.isArray()) {
            throw new IllegalArgumentException(file + ": no array '" + field + "'");
        }
        return n;
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": missing '" + field + "' in " + node);
        }
        return n.asText();
    }
}
