package dev.skillpath.content.api;

import static dev.skillpath.content.api.ContentTestSupport.lesson;
import static dev.skillpath.content.api.ContentTestSupport.problem;
import static dev.skillpath.content.api.ContentTestSupport.shortId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.skillpath.devinfra.testing.JwtTestResource;
import dev.skillpath.devinfra.testing.KafkaTestResource;
import dev.skillpath.devinfra.testing.PostgresTestResource;
import dev.skillpath.devinfra.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A content-service that has not yet heard of any skill (a fresh broker and database, no catalogue events):
 * it says so with a 503 rather than accepting or refusing tags it cannot judge, and readers are not affected.
 */
@QuarkusTest
@TestProfile(CatalogueNotKnownYetTest.FreshStart.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
class CatalogueNotKnownYetTest {

    /** Its own application start, so its own database and broker, which have never seen a skill. */
    public static class FreshStart implements QuarkusTestProfile {
    }

    @Test
    void tagsCannotBeCheckedBeforeTheCatalogueIsKnown() {
        problem(given().auth().oauth2(TestTokens.author()).contentType(ContentType.JSON)
                .body(lesson("l-" + shortId(), "Too early", List.of("git"))).post("/api/v1/lessons"), 503)
                .body("detail", containsString("not yet received the skills catalogue"));
        given().get("/api/v1/lessons").then().statusCode(200).body("total", greaterThanOrEqualTo(12));
    }
}
