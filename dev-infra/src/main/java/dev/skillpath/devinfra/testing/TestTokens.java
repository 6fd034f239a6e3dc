package dev.skillpath.devinfra.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bearer tokens for tests, signed with the key of {@link JwtTestResource}: good ones for each role, and the
 * bad ones a service must refuse (expired, signed by another key, {@code alg: none}, malformed, for another
 * audience or none). Every token's {@code upn} differs from its {@code sub} (as a Keycloak user's changeable
 * {@code preferred_username} would), so a service that took the learner's id from anything but {@code sub} fails
 * its tests.
 */
public final class TestTokens {

    /** The audience every Skillpath token must carry ({@code mp.jwt.verify.audiences}, {@code JWT_AUDIENCE}). */
    public static final String AUDIENCE = "skillpath";

    private TestTokens() {
    }

    /** The name a token gives besides its subject ({@code upn}): never the learner's id. */
    public static String upnOf(String subject) {
        return "name-of-" + subject;
    }

    public static String learner(String subject) {
        return token(subject, List.of("learner"), Instant.now().plusSeconds(3600));
    }

    public static String author() {
        return token("author-" + UUID.randomUUID(), List.of("author"), Instant.now().plusSeconds(3600));
    }

    public static String admin() {
        return token("admin-" + UUID.randomUUID(), List.of("admin"), Instant.now().plusSeconds(3600));
    }

    public static String expired(String subject) {
        return token(subject, List.of("learner"), Instant.now().minusSeconds(3600));
    }

    public static String wronglySigned(String subject) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(header("RS256") + "." + claims(subject, List.of("admin"), Instant.now().plusSeconds(3600)),
                    generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String algNone(String subject) {
        return header("none") + "." + claims(subject, List.of("admin"), Instant.now().plusSeconds(3600)) + ".";
    }

    /** A good token but for another audience than Skillpath's. */
    public static String forAudience(String subject, String audience) {
        return sign(header("RS256") + "." + claims(subject, List.of("admin"), Instant.now().plusSeconds(3600), audience),
                privateKey());
    }

    /** A good token without any audience. */
    public static String withoutAudience(String subject) {
        return sign(header("RS256") + "." + claims(subject, List.of("admin"), Instant.now().plusSeconds(3600), null),
                privateKey());
    }

    public static String malformed() {
        return "not.a.token";
    }

    /** A token with any subject, roles and expiry, signed with the test key. */
    public static String token(String subject, List<String> roles, Instant expiresAt) {
        return sign(header("RS256") + "." + claims(subject, roles, expiresAt), privateKey());
    }

    private static String header(String alg) {
        return b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
    }

    private static String claims(String subject, List<String> roles, Instant expiresAt) {
        return claims(subject, roles, expiresAt, AUDIENCE);
    }

    private static String claims(String subject, List<String> roles, Instant expiresAt, String audience) {
        long now = Instant.now().getEpochSecond();
        String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return b64("{\"iss\":\"" + JwtTestResource.ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + upnOf(subject)
                + "\",\"preferred_username\":\"" + upnOf(subject) + "\""
                + (audience == null ? "" : ",\"aud\":\"" + audience + "\"") + ",\"groups\":[" + groups + "],\"iat\":" + Math.min(now, expiresAt.getEpochSecond() - 60)
                + ",\"exp\":" + expiresAt.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    private static String sign(String signingInput, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey privateKey() {
        String location = ConfigProvider.getConfig().getValue(JwtTestResource.PRIVATE_KEY_PROPERTY, String.class);
        try {
            String pem = Files.readString(Path.of(location)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key at " + location, e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
