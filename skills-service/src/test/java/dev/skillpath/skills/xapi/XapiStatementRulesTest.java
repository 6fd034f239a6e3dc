package dev.skillpath.skills.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The validator itself: it passes a good statement, and finds each rule broken in a copy that breaks it. */
class XapiStatementRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode good() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"id": "5bb2a1a4-7e43-3c43-9a0e-2f9f1e2b1c3d",
                 "actor": {"objectType": "Agent", "account": {"homePage": "https://skillpath.example", "name": "ada"}},
                 "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
                 "object": {"objectType": "Activity", "id": "https://skillpath.example/activities/questions/1",
                            "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                                           "interactionType": "choice"}},
                 "result": {"score": {"scaled": 0.5, "raw": 1, "min": 0, "max": 2}, "success": false, "completion": true,
                            "extensions": {"https://skillpath.example/extensions/x": 1}},
                 "context": {"registration": "0f8fad5b-d9cb-469f-a165-70867728950e",
                             "contextActivities": {"parent": [{"id": "https://skillpath.example/activities/quizzes/1"}],
                                                   "grouping": [{"objectType": "Activity", "id": "urn:skill:git"}]},
                             "platform": "Skillpath"},
                 "timestamp": "2026-12-03T11:00:00.123Z", "stored": "2026-12-03T11:00:01+00:00",
                 "authority": {"account": {"homePage": "https://skillpath.example", "name": "skillpath"}},
                 "version": "1.0.3"}
                """);
    }

    @Test
    void aGoodStatementKeepsEveryRule() throws Exception {
        assertEquals(List.of(), XapiStatementRules.violations(good()));
    }

    @Test
    void eachBrokenRuleIsFound() throws Exception {
        broken("actor is required", s -> s.remove("actor"));
        broken("verb is required", s -> s.remove("verb"));
        broken("object is required", s -> s.remove("object"));
        broken("id must be a UUID", s -> s.put("id", "statement-1"));
        broken("undefined property", s -> s.put("mood", "happy"));
        broken("exactly one identifier", s -> ((ObjectNode) s.get("actor")).put("mbox", "mailto:ada@example.com"));
        broken("account.homePage must be an absolute IRI", s -> ((ObjectNode) s.at("/actor/account")).put("homePage", "skillpath"));
        broken("account.name must be a string", s -> ((ObjectNode) s.at("/actor/account")).remove("name"));
        broken("verb.id must be an absolute IRI", s -> ((ObjectNode) s.get("verb")).put("id", "answered"));
        broken("verb.display is required", s -> ((ObjectNode) s.get("verb")).remove("display"));
        broken("not a language tag", s -> ((ObjectNode) s.at("/verb/display")).put("english please", "x"));
        broken("object.id must be an absolute IRI", s -> ((ObjectNode) s.get("object")).put("id", "/activities/q/1"));
        broken("object.objectType must be Activity", s -> ((ObjectNode) s.get("object")).put("objectType", "Thing"));
        broken("not an interaction type", s -> ((ObjectNode) s.at("/object/definition")).put("interactionType", "essay"));
        broken("scaled must be within [-1, 1]", s -> ((ObjectNode) s.at("/result/score")).put("scaled", 1.5));
        broken("raw must be within [min, max]", s -> ((ObjectNode) s.at("/result/score")).put("raw", 3));
        broken("min must not be above max", s -> ((ObjectNode) s.at("/result/score")).put("min", 5).put("raw", 5));
        broken("result.success must be a boolean", s -> ((ObjectNode) s.get("result")).put("success", "yes"));
        broken("key x must be an absolute IRI", s -> ((ObjectNode) s.at("/result/extensions")).put("x", 1));
        broken("context.registration must be a UUID", s -> ((ObjectNode) s.get("context")).put("registration", "attempt-1"));
        broken("must be an array", s -> ((ObjectNode) s.at("/context/contextActivities")).putObject("parent")
                .put("id", "https://skillpath.example/activities/quizzes/1"));
        broken("parent[1].id must be an absolute IRI", s -> ((ArrayNode) s.at("/context/contextActivities/parent"))
                .addObject().put("id", "quiz 1"));
        broken("not a kind of context activity", s -> ((ObjectNode) s.at("/context/contextActivities")).putArray("sibling"));
        broken("timestamp must be an ISO 8601", s -> s.put("timestamp", "yesterday"));
        broken("stored must be an ISO 8601", s -> s.put("stored", "2026-12-03T11:00:01"));
        broken("version must be 1.0.x", s -> s.put("version", "2.0.0"));
    }

    private static void broken(String expected, Consumer<ObjectNode> change) throws Exception {
        ObjectNode s = good();
        change.accept(s);
        List<String> violations = XapiStatementRules.violations(s);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                "expected a violation containing '" + expected + "', got " + violations);
    }
}
