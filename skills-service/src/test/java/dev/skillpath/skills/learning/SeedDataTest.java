package dev.skillpath.skills.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedDataTest {

    private static final SeedData DATA = SeedData.load();

    @Test
    void readsTheRealCatalogueAndBank() {
        assertEquals(43, DATA.skillCount());
        assertEquals(47, DATA.questions().size() - DATA.bankQuestionCount(), "quizzes.json's own questions");
        assertEquals(7, DATA.quizzes().size());
        if (DATA.bankPath() == null) {   // the grown bank (issue #15) tags every skill
            assertEquals(12, DATA.skills().stream().filter(s -> !DATA.hasQuestion(s)).count());
            assertFalse(DATA.hasQuestion("programming-fundamentals"));
        }
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
        SeedData alone = SeedData.load(DATA.cataloguePath(), DATA.quizzesPath(), null);   // quizzes.json alone
        assertTrue(alone.hasEvidencePath("programming-fundamentals"));   // required by java, which is tagged
        assertTrue(alone.hasEvidencePath("data-validation"));            // required by api-design
        assertTrue(alone.hasEvidencePath("sql"));
        assertFalse(alone.hasEvidencePath("html"));                      // css requires it, but css has no question
        assertFalse(alone.hasEvidencePath("graph-traversal"));
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

    @Test
    void readsEveryQuestionFileOfTheBankBesideQuizzesJsonAndSkipsItsIndex(@TempDir Path dir) throws IOException {
        Path quizzes = Files.copy(DATA.quizzesPath(), dir.resolve("quizzes.json"));
        Path bank = Files.createDirectories(dir.resolve("bank"));
        Files.writeString(bank.resolve("index.json"), "{\"files\": [\"b.json\", \"a.json\"]}");
        Files.writeString(bank.resolve("b.json"), "{\"questions\": [" + question("x-sql", "sql") + "]}");
        Files.createDirectories(bank.resolve("more"));
        Files.writeString(bank.resolve("more/c.json"), "{\"questions\": [" + question("x-pf", "programming-fundamentals")
                + ", " + question("x-pf2", "programming-fundamentals") + "]}");
        Files.writeString(bank.resolve("a.json"), "{\"questions\": [" + question("x-html", "html") + "]}");
        Files.writeString(bank.resolve("notes.txt"), "not json");

        if (System.getProperty(SeedData.BANK_PROPERTY) == null) {
            assertEquals(bank, SeedData.defaultBank(quizzes), "the bank beside quizzes.json");
        }
        SeedData grown = SeedData.load(DATA.cataloguePath(), quizzes, bank);
        assertEquals(bank, grown.bankPath());
        assertEquals(List.of(bank.resolve("a.json"), bank.resolve("b.json"), bank.resolve("more/c.json")), grown.bankFiles());
        assertEquals(4, grown.bankQuestionCount());
        assertEquals(47 + 4, grown.questions().size());
        // quizzes.json first, then the bank's files in path order
        assertEquals(List.of("x-html", "x-sql", "x-pf", "x-pf2"),
                grown.questions().keySet().stream().skip(47).toList());
        assertEquals(2, grown.questionsTagged("programming-fundamentals").size());
        assertTrue(grown.questionsTagged("sql").contains(grown.question("x-sql")), "a drawn quiz draws bank questions too");
        assertEquals(DATA.quizzes(), grown.quizzes());

        SeedData without = SeedData.load(DATA.cataloguePath(), quizzes, null);
        assertEquals(47, without.questions().size());
        assertEquals(null, without.bankPath());
    }

    @Test
    void aQuestionKeyMustBeUniqueAcrossQuizzesJsonAndTheBank(@TempDir Path dir) throws IOException {
        Path quizzes = Files.copy(DATA.quizzesPath(), dir.resolve("quizzes.json"));
        Path bank = Files.createDirectories(dir.resolve("bank"));
        String taken = DATA.questions().keySet().iterator().next();
        Files.writeString(bank.resolve("a.json"), "{\"questions\": [" + question(taken, "sql") + "]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedData.load(DATA.cataloguePath(), quizzes, bank));
        assertTrue(e.getMessage().contains(taken) && e.getMessage().contains("quizzes.json"), e.getMessage());
        Files.writeString(bank.resolve("a.json"), "{\"questions\": [" + question("x", "cobol") + "]}");
        assertThrows(IllegalArgumentException.class, () -> SeedData.load(DATA.cataloguePath(), quizzes, bank), "an unknown skill");
    }

    private static String question(String key, String skill) {
        return "{\"key\": \"" + key + "\", \"type\": \"true_false\", \"prompt\": \"?\", \"skills\": [\"" + skill
                + "\"], \"answer\": true}";
    }
}
