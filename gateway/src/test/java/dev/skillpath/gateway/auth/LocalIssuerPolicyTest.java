package dev.skillpath.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerPolicyTest {

    static final String PEM = "file:.skillpath/keys/jwt-public.pem";

    @Test
    void aLocalRunMayRunTheIssuer() {
        assertEquals(Optional.empty(), LocalIssuerPolicy.refusal(false, List.of("local"), PEM));
        assertEquals(Optional.empty(), LocalIssuerPolicy.refusal(false, List.of("test"), PEM));
        assertEquals(Optional.empty(), LocalIssuerPolicy.refusal(false, List.of("dev"), PEM));
    }

    @Test
    void theProdProfileRefusesItAloneOrWithOthers() {
        Optional<String> alone = LocalIssuerPolicy.refusal(false, List.of("prod"), PEM);
        assertTrue(alone.isPresent());
        assertTrue(alone.get().contains("prod profile"), alone.get());
        assertTrue(alone.get().contains("SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_FORCE=true"), "it says how to force it");
        assertTrue(LocalIssuerPolicy.refusal(false, List.of("container", "prod"), PEM).isPresent());
        assertFalse(LocalIssuerPolicy.refusal(false, List.of("production-like"), PEM).isPresent(),
                "only the prod profile itself, not a name that contains it");
    }

    @Test
    void aJwksKeySourceRefusesIt(@TempDir Path dir) throws IOException {
        assertTrue(LocalIssuerPolicy.refusal(false, List.of("local"),
                "https://sso.example.com/realms/skillpath/protocol/openid-connect/certs").get().contains("JWKS"));
        assertTrue(LocalIssuerPolicy.refusal(false, List.of("local"), "HTTP://idp:8080/certs").isPresent());
        Path jwks = Files.writeString(dir.resolve("keys"), "\n  {\"keys\": []}");
        assertTrue(LocalIssuerPolicy.refusal(false, List.of("local"), "file:" + jwks).isPresent(), "a JWKS file, by content");
        assertTrue(LocalIssuerPolicy.refusal(false, List.of("local"), jwks.toString()).isPresent(), "a plain path too");
        assertTrue(LocalIssuerPolicy.refusal(false, List.of("local"), "classpath:idp/jwks.json").isPresent());
        Path pem = Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n");
        assertFalse(LocalIssuerPolicy.refusal(false, List.of("local"), "file:" + pem).isPresent(), "a PEM key is local");
        assertFalse(LocalIssuerPolicy.refusal(false, List.of("local"), null).isPresent());
    }

    @Test
    void forcedItRunsAnywhere() {
        assertEquals(Optional.empty(), LocalIssuerPolicy.refusal(true, List.of("prod", "container"), PEM));
        assertEquals(Optional.empty(), LocalIssuerPolicy.refusal(true, List.of("prod"), "https://idp/certs"));
    }
}
