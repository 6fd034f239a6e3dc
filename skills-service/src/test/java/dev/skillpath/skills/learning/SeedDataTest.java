package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SeedDataTest {

    private static final SeedData DATA = SeedData.load();

    @Test
    void readsTheRealCatalogueAndBank() {
        assertEquals(43, DATA.skillCount());
        assertEquals(47, DATA.questions().size());
        assertEquals(7, DATA.quizzes().size());
        assertEquals(12, DATA.skills().stream().filter(s -> !DATA.hasQuestion(s)).count());
        assertFalse(DATA.hasQuestion("programming-fundamentals"));
        assertEquals(List.of("python", "http"), DATA.prerequisites("django"));
    }

    @Test
    void theTopologicalOrderPutsPrerequisitesFirst() {
        Set<String> seen = new HashSet<>();
        for (String s : DATA.topologicalOrder()) {
            assertTrue(seen.containsAll(DATA.prerequisites(s)), s + " comes before one of its prerequisites");
            seen.add(s);
        }
        assertEquals(DATA.skillCount(), seen.size());
    }

    @Test
    void skillsWithoutQuestionsMayStillHaveAnEvidencePath() {
        assertTrue(DATA.hasEvidencePath("programming-fundamentals"));   // required by java, which is tagged
        assertTrue(DATA.hasEvidencePath("data-validation"));            // required by api-design
        assertTrue(DATA.hasEvidencePath("sql"));
        assertFalse(DATA.hasEvidencePath("html"));                      // css requires it, but css has no question
        assertFalse(DATA.hasEvidencePath("graph-traversal"));
    }

    @Test
    void questionsCarryTheirShape() {
        Question languages = DATA.question("bb-languages");
        assertEquals("multiple_choice", languages.type());
        assertEquals(5, languages.options());
        assertEquals(3, languages.correctOptions());
        assertEquals(List.of("java", "python", "php"), languages.skills());
        Question ordering = DATA.question("al-growth");
        assertEquals("ordering", ordering.type());
        assertEquals(5, ordering.options());
        Question tf = DATA.question("bb-nodejs");
        assertEquals(2, tf.options());
        assertEquals(1, tf.correctOptions());
        assertEquals(0, DATA.question("ds-stack-count").options());
    }

    @Test
    void quizzesKeepTheirLimitsAndDraws() {
        Quiz draw = DATA.quizzes().stream().filter(Quiz::drawn).findFirst().orElseThrow();
        assertEquals("sql", draw.drawSkill());
        assertEquals(3, draw.drawCount());
        assertTrue(DATA.questionsTagged("sql").size() >= 3);
        Quiz algorithms = DATA.quizzes().stream().filter(q -> q.key().equals("algorithms")).findFirst().orElseThrow();
        assertEquals(2, algorithms.maxAttempts());
        assertTrue(algorithms.allowsAnotherAfter(1));
        assertFalse(algorithms.allowsAnotherAfter(2));
        Quiz git = DATA.quizzes().stream().filter(q -> q.key().equals("git")).findFirst().orElseThrow();
        assertEquals(0, git.maxAttempts());
        assertTrue(git.allowsAnotherAfter(100));
    }

    @Test
    void questionTagsAreDeduplicated() {
        Question q = new Question("q", "numeric", 0, 0, List.of("sql", "http", "sql"));
        assertEquals(List.of("sql", "http"), q.skills());
        assertThrows(IllegalArgumentException.class, () -> new Question("q", "numeric", 0, 0, List.of()));
    }

    @Test
    void unknownSlugsAreRejected() {
        assertEquals(-1, DATA.index("cobol"));
        assertThrows(IllegalArgumentException.class, () -> DATA.prerequisites("cobol"));
    }
}
