package dev.skillpath.gateway.webapp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillpath.gateway.proxy.StubServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** skillpath.gateway.webapp.dir: the app served from a folder, read again on every request (for working on it). */
@QuarkusTest
@WithTestResource(StubServices.class)
@TestProfile(WebAppFolderTest.Folder.class)
class WebAppFolderTest {

    static final Path DIR = folder();

    public static class Folder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skillpath.gateway.webapp.dir", DIR.toString());
        }
    }

    private static Path folder() {
        try {
            Path dir = Files.createTempDirectory("webapp-folder");
            Files.createDirectories(dir.resolve("app"));
            Files.writeString(dir.resolve("index.html"), "<!doctype html><title>first</title>");
            Files.writeString(dir.resolve("app/main.js"), "export const version = 1;");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEditIsServedOnTheNextRequest() throws IOException {
        given().when().get("/").then().statusCode(200).header("Content-Security-Policy", WebApp.CONTENT_SECURITY_POLICY)
                .body(containsString("first"));
        given().when().get("/app/main.js").then().statusCode(200).body(containsString("version = 1"));
        Files.writeString(DIR.resolve("index.html"), "<!doctype html><title>second</title>");
        Files.writeString(DIR.resolve("app/main.js"), "export const version = 2;");
        given().when().get("/").then().statusCode(200).body(containsString("second"));
        given().when().get("/app/main.js").then().statusCode(200).body(containsString("version = 2"));
    }
}
