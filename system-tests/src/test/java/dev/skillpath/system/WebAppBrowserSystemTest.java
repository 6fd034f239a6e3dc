package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.skillpath.system.support.Browser;
import dev.skillpath.system.support.Figures;
import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.Waits;

/**
 * The learner web app in a real headless Chromium, against the whole running system through the gateway: a learner
 * signs in, opens the skills graph, takes a quiz (one answer survives a reload), and sees the mastery change on the
 * dashboard; search corrects a misspelling; an author sees a flagged question; a lesson's markup stays text.
 * Screenshots of every screen go to {@code target/screenshots/}. Without Chromium these tests are skipped with the
 * install command ({@link Browser#missing()}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppBrowserSystemTest extends SystemTestBase {

    static final Duration EVENTS = Duration.ofSeconds(60);

    static Browser browser;
    static Path screenshots;
    static final Map<String, Object> figures = new LinkedHashMap<>();

    @BeforeAll
    static void chromium() {
        String missing = Browser.missing();
        if (missing != null) {
            // CI sets it (.ci/run installs the browser): there a missing browser is a failure, not a skip
            assertFalse("true".equals(System.getenv("SKILLPATH_REQUIRE_BROWSER")), "SKILLPATH_REQUIRE_BROWSER=true, but " + missing);
            System.out.println("[browser] SKIPPED: " + missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
        screenshots = Path.of(System.getProperty("skillpath.system.target", "target")).resolve("screenshots");
        browser = Browser.open(screenshots, 1280, 900);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (!figures.isEmpty()) {
            Figures.record("Web app in headless Chromium (WebAppBrowserSystemTest)", figures);
        }
    }

    @BeforeEach
    void freshTab() {
        browser.get(sut.gatewayUrl() + "/#/signin");
        browser.script("sessionStorage.clear()");
        browser.consoleProblems();
    }

    /** Every screen a test saw: each control and link on it must have an accessible name. */
    private static final Map<String, List<String>> unlabelled = new LinkedHashMap<>();

    private void screen(String name) {
        browser.screenshot(name);
        List<String> missing = browser.unlabelled();
        if (!missing.isEmpty()) {
            unlabelled.put(name, missing);
        }
    }

    @AfterEach
    void noConsoleErrorsAndEveryControlLabelled() {
        Map<String, List<String>> seen = new LinkedHashMap<>(unlabelled);
        unlabelled.clear();
        assertEquals(Map.of(), seen, "controls and links without an accessible name, by screen");
        List<String> problems = browser.consoleProblems();
        assertEquals(List.of(), problems, "the page logged errors or warnings");
    }

    private void signIn(String demoUser) {
        browser.get(sut.gatewayUrl() + "/#/signin");
        WebElement user = browser.shown("button[data-user='" + demoUser + "']");
        screen("00-signin");
        user.click();
        browser.until("signed in as " + demoUser, d -> !d.getCurrentUrl().contains("signin"));
        assertFalse(browser.url().contains("eyJ"), "the token is never in a URL: " + browser.url());
        String stored = browser.script("return sessionStorage.getItem('skillpath.token')");
        assertNotNull(stored, "the token is kept for the session");
        assertEquals(0L, (Long) browser.script("return localStorage.length"), "nothing in localStorage");
    }

    private void open(String route) {
        browser.get(sut.gatewayUrl() + "/#" + route);
    }

    /** A new skill (under servers) and a published quiz on it: a true/false and a single-choice question. */
    private static Map<String, String> quizOnANewSkill() {
        String author = tokens.author("browser-author");
        String skill = unique("browserskill");
        Http.Answer created = gateway.post("/api/v1/skills", author, Map.of("slug", skill, "name", "Browser " + skill,
                "summary", "A skill made by the browser test.", "description", "Made by WebAppBrowserSystemTest to watch its mastery change.", "level", "foundation", "category", "servers"));
        assertEquals(201, created.status(), created.abbreviated());
        List<String> questions = new ArrayList<>();
        for (Map<String, Object> q : List.of(
                Map.<String, Object>of("type", "true_false", "prompt", "Is " + skill + " a skill?", "skills", List.of(skill),
                        "answer", true),
                Map.<String, Object>of("type", "single_choice", "prompt", "Which is right?", "skills", List.of(skill),
                        "options", List.of(Map.of("id", "right", "text", "This one", "correct", true),
                                Map.of("id", "wrong", "text", "That one", "correct", false))))) {
            Http.Answer answer = Waits.poll(() -> gateway.post("/api/v1/questions", author, q),
                    a -> a.status() != 422 && a.status() != 503, EVENTS);
            assertEquals(201, answer.status(), answer.abbreviated());
            questions.add(answer.json().path("id").asText());
        }
        Http.Answer quiz = gateway.post("/api/v1/quizzes", author, Map.of("title", "Browser quiz " + skill, "questions",
                questions, "passMark", 50, "reviewPolicy", "after_submit"));
        assertEquals(201, quiz.status(), quiz.abbreviated());
        String quizId = quiz.json().path("id").asText();
        assertEquals(200, gateway.post("/api/v1/quizzes/" + quizId + "/publish", author, null).status());
        return Map.of("skill", skill, "quiz", quizId, "trueFalse", questions.get(0), "choice", questions.get(1));
    }

    @Test
    @Order(1)
    void aLearnerSignsInOpensTheGraphTakesAQuizAndSeesTheMasteryChange() {
        Map<String, String> quiz = quizOnANewSkill();
        signIn("demo-learner-2");
        browser.shown("#dashboard");
        assertTrue(browser.all("#mastery-latest [data-skill='" + quiz.get("skill") + "']").isEmpty(), "no evidence yet");
        screen("01-dashboard-before");

        // the graph: every skill a node, the new one among them; a node opens its skill
        open("/graph");
        browser.shown("#skills-graph");
        browser.until("the new skill's node", d -> !d.findElements(By.cssSelector("[data-skill='" + quiz.get("skill") + "']")).isEmpty());
        int nodes = browser.all("#skills-graph [data-skill]").size();
        assertTrue(nodes >= 40, nodes + " nodes");
        screen("02-graph");
        open("/skills/http");
        browser.shown("h1");
        browser.until("the skill page", d -> d.findElement(By.cssSelector("h1")).getText().contains("HTTP"));
        screen("03-skill");

        // the quiz: start, answer one question, reload, the answer is still there
        open("/quizzes/" + quiz.get("quiz"));
        browser.shown("#start-attempt").click();
        browser.until("the attempt's page", d -> d.getCurrentUrl().contains("#/attempts/"));
        String trueFalse = "[data-question='" + quiz.get("trueFalse") + "']";
        choose(trueFalse, "True");
        browser.until("the first answer saved", d -> "Saved".equals(d.findElement(By.cssSelector(trueFalse + " .save-status")).getText()));
        screen("04-attempt-saved");
        browser.driver().navigate().refresh();
        browser.shown(trueFalse);
        assertTrue(chosen(trueFalse, "True"), "the saved answer survives a reload");
        String choice = "[data-question='" + quiz.get("choice") + "']";
        choose(choice, "This one");
        browser.until("the second answer saved", d -> "Saved".equals(d.findElement(By.cssSelector(choice + " .save-status")).getText()));
        browser.shown("#submit-attempt").click();
        WebElement result = browser.shown("#attempt-result");
        browser.until("graded", d -> result.getText().contains("100"));
        screen("05-attempt-review");

        // the dashboard shows the skill's new evidence once skills-service has applied the graded event
        boolean changed = Waits.until(() -> {
            open("/");
            browser.shown("#dashboard");
            return !browser.all("#mastery-latest [data-skill='" + quiz.get("skill") + "']").isEmpty();
        }, EVENTS, Duration.ofSeconds(1));
        assertTrue(changed, "the dashboard shows the quiz's skill among the latest evidence");
        screen("06-dashboard-after");
    }

    /** Clicks the option labelled {@code label} within the question. */
    private void choose(String question, String label) {
        WebElement option = browser.until(label + " in " + question, d -> d.findElements(By.cssSelector(question + " label")).stream()
                .filter(l -> l.getText().trim().equals(label)).findFirst().orElse(null));
        option.click();
    }

    private boolean chosen(String question, String label) {
        return browser.all(question + " label").stream().filter(l -> l.getText().trim().equals(label))
                .map(l -> l.getAttribute("for") != null ? browser.driver().findElement(By.id(l.getAttribute("for")))
                        : l.findElement(By.cssSelector("input")))
                .anyMatch(WebElement::isSelected);
    }

    @Test
    @Order(2)
    void theDashboardIsDrawnWithinASecondOfAFreshLoad() {
        signIn("demo-learner");
        browser.shown("#dashboard");
        List<Long> drawn = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            browser.driver().navigate().refresh();
            browser.shown("#dashboard");
            Map<String, Object> timing = browser.until("the dashboard's mark", d -> {
                Map<String, Object> t = browser.timing();
                return ((Map<?, ?>) t.get("marks")).containsKey("screen:dashboard") ? t : null;
            });
            drawn.add(((Number) ((Map<?, ?>) timing.get("marks")).get("screen:dashboard")).longValue());
            if (i == 4) {
                figures.put("fresh load: response end / DOMContentLoaded / load (ms)", timing.get("responseEnd") + " / "
                        + timing.get("domContentLoaded") + " / " + timing.get("load"));
            }
        }
        drawn.sort(Long::compare);
        figures.put("fresh load to dashboard drawn, 5 loads: min / median / max (ms)",
                drawn.get(0) + " / " + drawn.get(2) + " / " + drawn.get(4));
        // the issue's aim is 1 s; the figure is recorded, not asserted (no timed assertions), beyond a bound that
        // only a broken page would miss
        assertTrue(drawn.get(2) < 10_000, "the dashboard was drawn at " + drawn + " ms");

        // 375 px wide: no sideways scrolling
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
        try {
            browser.driver().navigate().refresh();
            browser.shown("#dashboard");
            long width = browser.script("return document.documentElement.scrollWidth");
            screen("07-dashboard-375px");
            assertTrue(width <= 375, "the page is " + width + " px wide at 375 px");
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    @Order(3)
    void searchOffersTheCorrectionOfAMisspelling() {
        open("/search?q=databse");
        WebElement suggestion = browser.shown("#did-you-mean");
        assertTrue(suggestion.getText().contains("database"), suggestion.getText());
        screen("08-search-did-you-mean");
        suggestion.click();
        browser.until("the corrected search", d -> d.getCurrentUrl().contains("q=database"));
        String marked = browser.until("results with highlights", d -> {
            try {
                List<WebElement> marks = d.findElements(By.cssSelector(".search-result mark"));
                return marks.isEmpty() ? null : marks.get(0).getText().toLowerCase(java.util.Locale.ROOT);
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return null;
            }
        });
        assertTrue(marked.startsWith("database"), marked);
        screen("09-search-results");
    }

    @Test
    @Order(4)
    void anAuthorSeesAFlaggedQuestionInTheBank() {
        // 30 first attempts all right: the question is too easy (docs/quiz.md, "Flags")
        String[] quizAndQuestion = oneQuestionQuiz("http");
        String quizId = quizAndQuestion[0];
        String question = quizAndQuestion[1];
        for (String learner : learners("browser-flag", 30).values()) {
            Http.Answer started = gateway.post("/api/v1/quizzes/" + quizId + "/attempts", learner, null);
            assertEquals(201, started.status(), started.abbreviated());
            String attempt = started.json().path("id").asText();
            assertEquals(200, gateway.put("/api/v1/attempts/" + attempt + "/answers/" + question, learner,
                    Map.of("value", true)).status());
            assertEquals(200, gateway.post("/api/v1/attempts/" + attempt + "/submit", learner, null).status());
        }
        String author = tokens.author("browser-author");
        assertTrue(Waits.until(() -> gateway.get("/api/v1/questions?flagged=true&size=100", author).body().contains(question),
                EVENTS, Duration.ofMillis(500)), "the question is flagged");

        signIn("demo-author");
        open("/author/questions");
        browser.shown("#question-bank");
        browser.shown("#flagged-only").click();
        WebElement row = browser.shown("[data-question='" + question + "'].flagged");
        assertTrue(row.getText().toLowerCase(java.util.Locale.ROOT).contains("easy"), row.getText());
        screen("10-question-bank-flagged");
    }

    @Test
    @Order(5)
    void aLessonsMarkupStaysTextAndTheLearnerMarksItCompleted() {
        String author = tokens.author("browser-author");
        String slug = unique("browser-lesson-");
        String body = "# Safe\n\n<script>window.pwned = 1</script>\n\n<img src=x onerror=\"window.pwned = 2\">\n\n"
                + "[click me](javascript:window.pwned=3) and **bold** and `code`.\n";
        Http.Answer created = gateway.post("/api/v1/lessons", author, Map.of("slug", slug, "title", "A lesson with markup",
                "summary", "Markup that must stay text.", "body", body, "level", "foundation", "estimatedMinutes", 1,
                "skills", List.of("http")));
        assertEquals(201, created.status(), created.abbreviated());
        assertEquals(200, gateway.post("/api/v1/lessons/" + slug + "/publish", author, null).status());

        signIn("demo-learner-2");
        open("/lessons/" + slug);
        WebElement lesson = browser.shown("#lesson-body");
        assertTrue(lesson.getText().contains("<script>window.pwned = 1</script>"), lesson.getText());
        assertNull(browser.script("return window.pwned === undefined ? null : window.pwned"), "no script of the lesson ran");
        assertTrue(browser.all("#lesson-body img, #lesson-body script").isEmpty(), "no element from the lesson's HTML");
        assertTrue(browser.all("#lesson-body a[href^='javascript']").isEmpty(), "no javascript: link");
        assertFalse(browser.all("#lesson-body strong").isEmpty(), "markdown is still rendered");
        screen("11-lesson");
        browser.shown("#complete-lesson").click();
        browser.until("completed", d -> d.findElement(By.cssSelector("#complete-lesson")).getText().toLowerCase().contains("completed")
                || !d.findElement(By.cssSelector("#complete-lesson")).isEnabled());
    }

    @Test
    @Order(6)
    void aPracticeSessionGivesFeedbackAndSaysWhyThisQuestion() {
        signIn("demo-learner-2");
        open("/practice");
        WebElement question = browser.shown("#practice-question");
        browser.shown("#why-this-question").click();
        WebElement why = browser.shown("#why-panel");
        assertFalse(why.getText().isBlank(), "the reason for the pick");
        List<WebElement> options = browser.all("#practice-question input[type=radio], #practice-question input[type=checkbox]");
        if (!options.isEmpty()) {
            options.get(0).click();
        } else {
            browser.all("#practice-question input").get(0).sendKeys("1");
        }
        browser.shown("#practice-submit").click();
        browser.shown("#practice-feedback");
        screen("12-practice-feedback");
    }

    @Test
    @Order(7)
    void theDashboardSaysClearlyWhichPartIsMissingWhileAServiceIsDown() {
        signIn("demo-learner");
        browser.shown("#dashboard");
        assertTrue(browser.all("#degraded").isEmpty(), "nothing is missing while every service runs");
        var quiz = sut.service(dev.skillpath.system.support.SystemUnderTest.QUIZ);
        quiz.stop(Duration.ofSeconds(10));
        try {
            open("/");
            browser.driver().navigate().refresh();
            WebElement notice = browser.shown("#degraded");
            assertTrue(notice.getText().contains("quiz-service"), notice.getText());
            assertFalse(browser.all("#mastery-chart").isEmpty(), "the rest of the dashboard is still drawn");
            screen("13-dashboard-degraded");
        } finally {
            quiz.start();
            quiz.awaitReady(dev.skillpath.system.support.SystemUnderTest.STARTUP_TIMEOUT);
        }
    }
}
