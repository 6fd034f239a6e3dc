package dev.skillpath.gateway.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class ViewsTest {

    private static JsonObject json(String s) {
        return new JsonObject(s.replace('\'', '"'));
    }

    private static JsonArray lessons(String... slugs) {
        JsonArray a = new JsonArray();
        for (String s : slugs) {
            a.add(new JsonObject().put("slug", s));
        }
        return a;
    }

    @Test
    void masteryIsSummarisedWithTheMostRecentEvidenceFirst() {
        JsonObject mastery = json("""
                {'learnerId': 'l1', 'skills': [
                  {'skill': {'slug': 'a'}, 'state': 'mastered', 'lastEvidenceAt': '2026-01-01T00:00:00Z'},
                  {'skill': {'slug': 'b'}, 'state': 'learning', 'lastEvidenceAt': '2026-01-06T00:00:00Z'},
                  {'skill': {'slug': 'c'}, 'state': 'learning'},
                  {'skill': {'slug': 'd'}, 'state': 'mastered', 'lastEvidenceAt': '2026-01-03T00:00:00Z'},
                  {'skill': {'slug': 'e'}, 'state': 'learning', 'lastEvidenceAt': '2026-01-05T00:00:00Z'},
                  {'skill': {'slug': 'f'}, 'state': 'learning', 'lastEvidenceAt': '2026-01-04T00:00:00Z'}]}
                """);
        JsonObject summary = Views.masterySummary(mastery);
        assertEquals(6, summary.getInteger("skills"));
        assertEquals(2, summary.getInteger("mastered"));
        assertEquals(List.of("b", "e", "f", "d", "a"), summary.getJsonArray("items").stream()
                .map(i -> ((JsonObject) i).getJsonObject("skill").getString("slug")).toList());
        assertNull(Views.masterySummary(null));
    }

    @Test
    void theReviewsDueAreTheReviewDueSkillsMostOverdueFirst() {
        JsonObject mastery = json("""
                {'learnerId': 'l1', 'skills': [
                  {'skill': {'slug': 'a'}, 'state': 'mastered', 'memory': {'dueAt': '2026-01-01T00:00:00Z'}},
                  {'skill': {'slug': 'b'}, 'state': 'review-due', 'memory': {'dueAt': '2026-01-06T00:00:00Z'}},
                  {'skill': {'slug': 'c'}, 'state': 'learning'},
                  {'skill': {'slug': 'd'}, 'state': 'review-due', 'memory': {'dueAt': '2026-01-02T00:00:00Z'}}]}
                """);
        assertEquals(List.of("d", "b"), Views.reviewsDue(mastery).stream()
                .map(i -> ((JsonObject) i).getJsonObject("skill").getString("slug")).toList());
        JsonObject summary = Views.masterySummary(mastery);
        assertEquals(1, summary.getInteger("mastered"), "a skill due for review is not counted as mastered");
        assertEquals(2, summary.getInteger("reviewDue"));
        assertEquals(0, Views.reviewsDue(null).size());
    }

    @Test
    void nextItemsTakeUpToThreePerSkillTenInAllEachOnce() {
        List<Views.ForSkill> perSkill = List.of(
                new Views.ForSkill("s1", lessons("a", "b", "c", "d")),
                new Views.ForSkill("s2", lessons("a", "e", "f", "g")),
                new Views.ForSkill("s3", null),
                new Views.ForSkill("s4", lessons("h", "i", "j")),
                new Views.ForSkill("s5", lessons("k", "l", "m")));
        JsonArray next = Views.next(perSkill);
        assertEquals(List.of("a", "b", "c", "e", "f", "g", "h", "i", "j", "k"),
                next.stream().map(i -> ((JsonObject) i).getString("slug")).toList());
        assertEquals("s2", next.getJsonObject(3).getString("forSkill"));
    }

    @Test
    void theDashboardNamesWhatIsMissingAndKeepsTheRest() {
        JsonObject frontier = json("{'learnerId': 'l1', 'skills': [{'skill': {'slug': 'http'}}, {'skill': {'id': 'x-id'}}]}");
        assertEquals(List.of("http", "x-id"), Views.frontierSkills(frontier, 10));
        JsonObject attempts = json("{'items': [{'id': 1}, {'id': 2}, {'id': 3}, {'id': 4}, {'id': 5}, {'id': 6}]}");
        JsonObject view = Views.dashboard("sub", null, frontier, List.of(new Views.ForSkill("http", lessons("l"))),
                List.of(), attempts, Set.of("skills-service", "quiz-service"));
        assertEquals("l1", view.getString("learnerId"));
        assertNull(view.getValue("mastery"));
        assertEquals(2, view.getJsonArray("frontier").size());
        assertEquals(1, view.getJsonArray("nextLessons").size());
        assertEquals(0, view.getJsonArray("nextQuizzes").size());
        assertEquals(5, view.getJsonArray("recentAttempts").size());
        assertEquals(List.of("quiz-service", "skills-service"), view.getJsonArray("degraded").getList());
    }

    @Test
    void unknownShapesAreEmptyNotErrors() {
        assertEquals(0, Views.items(json("{'content': []}")).size());
        assertEquals(2, Views.items(new JsonArray().add(1).add(2)).size());
        assertEquals(List.of(), Views.frontierSkills(json("{'skills': 'nope'}"), 10));
        JsonObject path = Views.path(json("{'target': {'slug': 't'}, 'steps': [{'skill': {'slug': 'a'}}, 'junk']}"),
                Map.of("a", lessons("l1", "l2", "l3", "l4")), Map.of(), Set.of());
        assertEquals(1, path.getJsonArray("steps").size());
        assertEquals(3, path.getJsonArray("steps").getJsonObject(0).getJsonArray("lessons").size());
        assertEquals(0, path.getJsonArray("steps").getJsonObject(0).getJsonArray("quizzes").size());
    }
}
