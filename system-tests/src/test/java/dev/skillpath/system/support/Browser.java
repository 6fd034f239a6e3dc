package dev.skillpath.system.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver: Debian's {@code chromium} and {@code chromium-driver}
 * (or {@code SKILLPATH_CHROMIUM} / {@code SKILLPATH_CHROMEDRIVER}). Nothing is downloaded: without both programs
 * {@link #missing()} says what to install and the browser tests are skipped with that message.
 */
public final class Browser implements AutoCloseable {

    public static final String INSTALL = "apt-get install chromium chromium-driver";

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Held so that the setting stays: Selenium warns at every start that it has no DevTools binding for this Chromium. */
    private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path screenshots;
    private final Path profile;
    private final List<String> console = new ArrayList<>();

    private Browser(ChromeDriver driver, Path screenshots, Path profile) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    static Path program(String variable, String... candidates) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    static Path chromium() {
        return program("SKILLPATH_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    }

    static Path chromedriver() {
        return program("SKILLPATH_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    }

    /** Why no browser test can run here, or null when Chromium and chromedriver are both installed. */
    public static String missing() {
        Path browser = chromium();
        Path driver = chromedriver();
        if (browser != null && Files.isExecutable(browser) && driver != null && Files.isExecutable(driver)) {
            return null;
        }
        return "the browser tests need Chromium and chromedriver, which are not installed"
                + (browser == null ? " (no chromium)" : "") + (driver == null ? " (no chromedriver)" : "")
                + ": install them with `" + INSTALL + "` (Debian) or point SKILLPATH_CHROMIUM and SKILLPATH_CHROMEDRIVER at them";
    }

    /** A new browser (its own empty profile) whose window is {@code width} by {@code height} CSS pixels. */
    public static Browser open(Path screenshots, int width, int height) {
        try {
            Files.createDirectories(screenshots);
            Path profile = Files.createTempDirectory("skillpath-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium().toFile());
            // the flags a closed network needs (no background calls home), and root in a container needs no sandbox
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver().toFile()).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), screenshots, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void get(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /**
     * Waits (up to 20 s) until {@code condition} gives something other than null or false, and returns it. An element
     * the page replaced while the condition read it (the app re-renders a view when its data arrives) is asked for
     * again at the next poll: CI once failed on such a stale {@code h1} of a skill page being drawn.
     */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (RuntimeException e) {
            screenshot("failed-" + what.replaceAll("[^a-zA-Z0-9]+", "-"));
            throw e;
        }
    }

    /** The element once it is present and shown. */
    public WebElement shown(String css) {
        return until(css + " is shown", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    @SuppressWarnings("unchecked")
    public <T> T script(String javascript, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Saves the page as {@code <name>.png} in the screenshots folder. */
    public Path screenshot(String name) {
        try {
            Path file = screenshots.resolve(name + ".png");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            System.out.println("[browser] no screenshot " + name + ": " + e.getMessage());
            return null;
        }
    }

    /** What the page logged as an error or a warning since the last call (the console and uncaught errors). */
    public List<String> consoleProblems() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                console.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        List<String> problems = List.copyOf(console);
        console.clear();
        return problems;
    }

    /**
     * The shown controls and links of the page that have no accessible name (no label, aria-label, aria-labelledby,
     * title, placeholder, or text of their own), each as the start of its markup.
     */
    public List<String> unlabelled() {
        return script("const bad = [];"
                + "document.querySelectorAll('input, select, textarea, button, a[href]').forEach(el => {"
                + "  if (el.type === 'hidden' || el.closest('[hidden]') || !el.getClientRects().length) return;"
                + "  const by = (el.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id))"
                + "    .filter(Boolean).map(n => n.textContent).join(' ');"
                + "  const labels = el.labels ? Array.from(el.labels).map(l => l.textContent).join(' ') : '';"
                + "  const own = el.matches('button, a') ? el.textContent : '';"
                + "  const name = [el.getAttribute('aria-label'), by, labels, el.getAttribute('title'), own,"
                + "    el.getAttribute('placeholder')].filter(Boolean).join(' ');"
                + "  if (!name.trim()) bad.push(el.outerHTML.slice(0, 160));"
                + "});"
                + "return bad;");
    }

    /** The page's Navigation Timing entry and its marks, in milliseconds since the navigation started. */
    public Map<String, Object> timing() {
        return script("const n = performance.getEntriesByType('navigation')[0];"
                + "const marks = {}; performance.getEntriesByType('mark').forEach(m => { marks[m.name] = Math.round(m.startTime); });"
                + "return {responseEnd: Math.round(n.responseEnd), domContentLoaded: Math.round(n.domContentLoadedEventEnd),"
                + " load: Math.round(n.loadEventEnd), marks: marks};");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
