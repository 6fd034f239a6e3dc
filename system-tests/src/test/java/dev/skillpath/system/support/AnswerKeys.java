package dev.skillpath.system.support;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Finds anything in a learner-facing answer that could give away a question's key before grading. */
public final class AnswerKeys {

    /** Fields that only an answer key, a review or feedback has. */
    private static final Set<String> KEY_FIELDS = Set.of("correct", "correctAnswer", "acceptedAnswers", "tolerance",
            "feedback", "generalFeedback", "trueFeedback", "falseFeedback", "review", "foldAccents");

    private AnswerKeys() {
    }

    /** The JSON paths of key material in {@code node}; empty when there is none. */
    public static List<String> leaks(JsonNode node) {
        List<String> found = new ArrayList<>();
        walk(node, "$", found);
        return found;
    }

    private static void walk(JsonNode node, String path, List<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String p = path + "." + f.getKey();
                if (KEY_FIELDS.contains(f.getKey()) && !f.getValue().isNull()) {
                    found.add(p);
                }
                // a true/false question's key is a boolean "answer"; a learner's own saved answer is an object
                if (f.getKey().equals("answer") && f.getValue().isBoolean()) {
                    found.add(p);
                }
                // a numeric question's key
                if (f.getKey().equals("value") && f.getValue().isNumber() && !path.endsWith(".answer")) {
                    found.add(p);
                }
                walk(f.getValue(), p, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", found);
            }
        }
    }
}
