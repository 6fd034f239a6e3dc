package dev.skillpath.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.skillpath.system.support.ServiceProcess;
import dev.skillpath.system.support.SystemUnderTest;

/**
 * The gateway's local token issuer signs a token for anyone who asks: the real gateway jar, enabled where it does
 * not belong (the prod profile every container runs, or beside an identity provider's JWKS), refuses to start and
 * says why; forced on purpose, it starts and issues tokens.
 */
class LocalIssuerGuardSystemTest extends SystemTestBase {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void underTheProdProfileTheEnabledIssuerRefusesToStart() {
        // no QUARKUS_PROFILE: a plain `java -jar` runs prod, as containers do (prod,container)
        Map<String, String> changes = new HashMap<>();
        changes.put("QUARKUS_PROFILE", null);
        assertRefused(sut.variant(SystemUnderTest.GATEWAY, "prod", changes), "under the prod profile");
        assertRefused(sut.variant(SystemUnderTest.GATEWAY, "container", Map.of("QUARKUS_PROFILE", "prod,container")),
                "under the prod profile");
    }

    @Test
    void besideAJwksKeySourceTheEnabledIssuerRefusesToStart() throws IOException {
        Path jwks = Files.writeString(sut.target().resolve("identity-provider-jwks.json"),
                "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"idp\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}");
        assertRefused(sut.variant(SystemUnderTest.GATEWAY, "jwks", Map.of("JWT_PUBLIC_KEY_LOCATION", "file:" + jwks)),
                "while tokens are verified with a JWKS");
        assertRefused(sut.variant(SystemUnderTest.GATEWAY, "jwks-url",
                Map.of("JWT_PUBLIC_KEY_LOCATION", "https://auth.example.com/realms/skillpath/protocol/openid-connect/certs")),
                "while tokens are verified with a JWKS");
    }

    @Test
    void forcedOnPurposeItStartsUnderProdAndIssuesTokens() {
        Map<String, String> changes = new HashMap<>();
        changes.put("QUARKUS_PROFILE", null);
        changes.put("SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_FORCE", "true");
        ServiceProcess forced = sut.variant(SystemUnderTest.GATEWAY, "forced", changes);
        forced.start();
        try {
            forced.awaitReady(PATIENCE);
            var token = new dev.skillpath.system.support.Http(forced.url()).post("/api/v1/auth/token", null,
                    Map.of("user", "demo-learner"));
            assertEquals(200, token.status(), token.abbreviated());
            assertTrue(forced.tail(400).contains("the local token issuer is forced on"), "a forced issuer is logged as a warning");
        } finally {
            forced.stop(Duration.ofSeconds(10));
        }
    }

    private static void assertRefused(ServiceProcess gateway, String reason) {
        gateway.start();
        try {
            OptionalInt exit = gateway.awaitExit(PATIENCE);
            assertTrue(exit.isPresent(), gateway.name() + " still runs: " + gateway.tail(20));
            assertNotEquals(0, exit.getAsInt(), "a refusal is a failed start");
            String log = gateway.tail(400);
            assertTrue(log.contains("the local token issuer is enabled " + reason), "the log says why:\n" + gateway.tail(40));
            assertTrue(log.contains("SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED=false"), "and how to turn it off");
        } finally {
            gateway.stop(Duration.ofSeconds(5));
        }
    }
}
