package dev.skillpath.system;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.BeforeAll;

import dev.skillpath.system.support.Http;
import dev.skillpath.system.support.SystemUnderTest;
import dev.skillpath.system.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What every system test shares: the running system (started once), the gateway as its only entry, tokens. */
abstract class SystemTestBase {

    static SystemUnderTest sut;
    static Http gateway;
    static Tokens tokens;

    @BeforeAll
    static void system() {
        sut = SystemUnderTest.get();
        gateway = new Http(sut.gatewayUrl());
        tokens = sut.tokens();
        RestAssured.baseURI = sut.gatewayUrl();
        RestAssured.port = -1;
        RestAssured.config = RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
                .redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }

    /** A request through the gateway, with a bearer token when {@code token} is not null. */
    static RequestSpecification api(String token) {
        RequestSpecification spec = given().accept(ContentType.JSON).contentType(ContentType.JSON);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    /** A name no other test (or earlier run against the same data) uses: lowercase letters only. */
    static String unique(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            name.append((char) ('a' + java.util.concurrent.ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }
}
