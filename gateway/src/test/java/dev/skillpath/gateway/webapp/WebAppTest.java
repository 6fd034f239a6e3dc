package dev.skillpath.gateway.webapp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.proxy.StubServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The web app's page and files at the gateway: served with a strict CSP and the other headers, nothing else. */
@QuarkusTest
@WithTestResource(StubServices.class)
class WebAppTest {

    static final Path SOURCES = Path.of("src/main/resources/webapp");
    /** What the build put on the classpath, which is what the gateway serves. */
    static final Path BUILT = Path.of("target/classes/webapp");

    /** What must never appear in the app's code: markup from strings, code from strings. */
    static final Pattern UNSAFE = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function\\(");

    private static ValidatableResponse secured(ValidatableResponse response) {
        return response
                .header("Content-Security-Policy", WebApp.CONTENT_SECURITY_POLICY)
                .header("Content-Security-Policy", not(containsString("unsafe")))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .header("Cache-Control", "no-cache");
    }

    @Test
    void thePageIsServedAtTheRootWithAStrictPolicy() {
        secured(given().when().get("/").then().statusCode(200).contentType(containsString("text/html")))
                .body(containsString("<script type=\"module\" src=\"/app/main.js\"></script>"));
        secured(given().when().head("/").then().statusCode(200));
        String policy = WebApp.CONTENT_SECURITY_POLICY;
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'")) {
            assertTrue(policy.contains(directive), directive + " in " + policy);
        }
    }

    @Test
    void everyFileOfTheAppIsServedWithItsType() throws IOException {
        List<Path> files = files(BUILT);
        assertTrue(files.size() >= 8, "the app's files: " + files);
        for (Path file : files) {
            String path = "/" + BUILT.relativize(file).toString().replace('\\', '/');
            String type = path.endsWith(".js") ? "javascript" : path.endsWith(".css") ? "text/css" : "text/html";
            secured(given().when().get(path).then().statusCode(200).contentType(containsString(type)));
        }
    }

    @Test
    void anUnknownFileIsAProblemNotAPage() {
        given().when().get("/app/no-such-file.js").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://skillpath.dev/problems/no-route"));
        given().when().get("/app/").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/app/../application.properties").then().statusCode(404);
        given().when().get("/webapp/index.html").then().statusCode(404);
    }

    @Test
    void theCodeNeverTurnsStringsIntoMarkupOrCodeAndThePageHasNoInlineScriptOrStyle() throws IOException {
        for (Path file : appFiles()) {
            String text = Files.readString(file);
            var unsafe = UNSAFE.matcher(text);
            assertFalse(unsafe.find(), file + " uses " + (unsafe.hitEnd() ? "" : unsafe.group()));
        }
        String page = Files.readString(SOURCES.resolve("index.html"));
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page).find(), "an inline script in index.html");
        assertFalse(page.contains("style="), "an inline style in index.html");
        assertFalse(page.contains("<style"), "a style element in index.html");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "a file from another origin");
    }

    /** The issue's budget: the app's own JavaScript under 150 kB compressed (gzip, as a server would send it). */
    @Test
    void theAppsJavaScriptIsUnder150KilobytesCompressed() throws IOException {
        long raw = 0;
        long compressed = 0;
        for (Path file : appFiles()) {
            if (file.toString().endsWith(".js")) {
                byte[] bytes = Files.readAllBytes(file);
                raw += bytes.length;
                compressed += gzipped(bytes);
            }
        }
        System.out.printf("web app JavaScript: %d bytes, %d gzipped%n", raw, compressed);
        assertTrue(compressed > 0 && compressed < 150_000, compressed + " bytes gzipped");
    }

    static List<Path> appFiles() throws IOException {
        return files(SOURCES);
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long gzipped(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(true, out.size() > 0);
        return out.size();
    }
}
