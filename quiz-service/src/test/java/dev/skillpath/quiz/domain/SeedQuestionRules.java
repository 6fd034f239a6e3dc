package dev.skillpath.quiz.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the seed's questions must be beyond what an author's must (docs/quiz.md, "Seed"): tags that are seeded
 * skills, at least {@link #PER_SKILL} questions per skill, every type used, each question's fields consistent with
 * its type, and feedback everywhere a learner can go wrong. Each check returns what is wrong, empty when all is well,
 * so the test of the files and the test of the checks use the same code.
 */
final class SeedQuestionRules {

    static final int PER_SKILL = 4;

    private SeedQuestionRules() {
    }

    /** The skills with fewer than {@link #PER_SKILL} questions, each with its count. */
    static Map<String, Integer> skillsShortOfQuestions(Collection<SeedBank.Entry> entries, Collection<String> slugs) {
        Map<String, Integer> counts = new TreeMap<>();
        slugs.forEach(s -> counts.put(s, 0));
        for (SeedBank.Entry e : entries) {
            for (String tag : tags(e)) {
                counts.computeIfPresent(tag, (k, n) -> n + 1);
            }
        }
        counts.values().removeIf(n -> n >= PER_SKILL);
        return counts;
    }

    /** "key: tag" for every tag that is not one of the slugs. */
    static List<String> unknownTags(Collection<SeedBank.Entry> entries, Set<String> slugs) {
        List<String> unknown = new ArrayList<>();
        for (SeedBank.Entry e : entries) {
            tags(e).stream().filter(t -> !slugs.contains(t)).forEach(t -> unknown.add(e.key() + ": " + t));
        }
        return unknown;
    }

    static Set<QuestionType> unusedTypes(Collection<SeedBank.Entry> entries) {
        Set<QuestionType> unused = EnumSet.allOf(QuestionType.class);
        for (SeedBank.Entry e : entries) {
            JsonNode type = e.question().get("type");
            if (type != null) {
                unused.removeIf(t -> t.value().equals(type.asText()));
            }
        }
        return unused;
    }

    /** Files in the bank's folder that the index does not list, and files it lists that are not there. */
    static List<String> indexMismatches(Collection<String> inFolder, Collection<String> inIndex) {
        List<String> problems = new ArrayList<>();
        new TreeSet<>(inFolder).stream().filter(f -> !inIndex.contains(f))
                .forEach(f -> problems.add(f + " is not listed in index.json"));
        new TreeSet<>(inIndex).stream().filter(f -> !inFolder.contains(f))
                .forEach(f -> problems.add("index.json lists " + f + ", which is not in the folder"));
        return problems;
    }

    /** Whether the question's fields make a question of its type. */
    static List<String> shape(SeedBank.Entry e) {
        JsonNode q = e.question();
        List<String> problems = new ArrayList<>();
        String type = text(q, "type");
        JsonNode options = q.get("options");
        int correct = 0;
        int wrong = 0;
        if (options != null && options.isArray()) {
            for (JsonNode o : options) {
                if (o.path("correct").asBoolean(false)) {
                    correct++;
                } else {
                    wrong++;
                }
            }
        }
        switch (type == null ? "" : type) {
            case "single_choice" -> {
                if (correct != 1) {
                    problems.add("a single choice question needs exactly one correct option (" + correct + ")");
                }
            }
            case "multiple_choice" -> {
                if (correct < 1 || wrong < 1) {
                    problems.add("a multiple choice question needs at least one correct and one wrong option ("
                            + correct + " correct, " + wrong + " wrong)");
                }
            }
            case "true_false" -> {
                if (!q.path("answer").isBoolean()) {
                    problems.add("a true/false question needs a boolean answer");
                }
            }
            case "numeric" -> {
                if (!q.path("value").isNumber()) {
                    problems.add("a numeric question needs a number as its value");
                }
            }
            case "short_text" -> {
                JsonNode accepted = q.get("acceptedAnswers");
                boolean any = false;
                if (accepted != null && accepted.isArray()) {
                    for (JsonNode a : accepted) {
                        any |= a.isTextual() && !a.asText().isBlank();
                    }
                }
                if (!any) {
                    problems.add("a short text question needs at least one accepted answer");
                }
            }
            case "ordering" -> {
                int items = options == null || !options.isArray() ? 0 : options.size();
                if (items < 3 || items > 10) {
                    problems.add("an ordering question needs 3 to 10 items (" + items + ")");
                }
                for (JsonNode o : options == null ? List.<JsonNode>of() : options) {
                    if (o.has("id")) {
                        problems.add("an ordering item must not have an id (" + o.get("id").asText() + ")");
                    }
                    if (o.has("correct")) {
                        problems.add("an ordering item must not say whether it is correct");
                    }
                }
            }
            default -> problems.add("unknown type " + type);
        }
        return prefixed(e, problems);
    }

    /**
     * Feedback wherever a learner can go wrong: general feedback on every question (for short text, numeric and
     * ordering questions it is the only feedback, so it must explain the answer), feedback on every wrong option of a
     * choice question, and feedback for both answers of a true/false question.
     */
    static List<String> feedback(SeedBank.Entry e) {
        JsonNode q = e.question();
        List<String> problems = new ArrayList<>();
        if (blank(q, "generalFeedback")) {
            problems.add("has no generalFeedback");
        }
        String type = text(q, "type");
        if ("single_choice".equals(type) || "multiple_choice".equals(type)) {
            int i = 0;
            for (JsonNode o : q.path("options")) {
                if (!o.path("correct").asBoolean(false) && blank(o, "feedback")) {
                    problems.add("wrong option " + i + " (" + text(o, "text") + ") has no feedback");
                }
                i++;
            }
        }
        if ("true_false".equals(type)) {
            if (blank(q, "trueFeedback")) {
                problems.add("has no trueFeedback");
            }
            if (blank(q, "falseFeedback")) {
                problems.add("has no falseFeedback");
            }
        }
        return prefixed(e, problems);
    }

    private static List<String> tags(SeedBank.Entry e) {
        List<String> tags = new ArrayList<>();
        e.question().path("skills").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    private static List<String> prefixed(SeedBank.Entry e, List<String> problems) {
        return problems.stream().map(p -> e.key() + " (" + e.file() + "): " + p).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean blank(JsonNode node, String field) {
        String v = text(node, field);
        return v == null || v.isBlank();
    }
}
