package dev.skillpath.gateway.testing;

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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;

/** Bearer tokens for the gateway's tests: good ones per role, and every kind the gateway must refuse. */
public final class Tokens {

    private Tokens() {
    }

    /** The audience the gateway requires ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "skillpath";

    /** A good token, but for another audience. */
    public static String forAudience(String audience) {
        String input = header("RS256") + "." + claims(TestKeys.ISSUER, "elsewhere", List.of("admin"),
                Instant.now().plusSeconds(3600), audience);
        return input + "." + rs256(input, privateKey());
    }

    /** A good token without an audience. */
    public static String withoutAudience() {
        String input = header("RS256") + "." + claims(TestKeys.ISSUER, "nowhere", List.of("admin"),
                Instant.now().plusSeconds(3600), null);
        return input + "." + rs256(input, privateKey());
    }

    public static String learner(String subject) {
        return signed(TestKeys.ISSUER, subject, List.of("learner"), Instant.now().plusSeconds(3600));
    }

    public static String author() {
        return signed(TestKeys.ISSUER, "author-" + UUID.randomUUID(), List.of("author"), Instant.now().plusSeconds(3600));
    }

    public static String admin() {
        return signed(TestKeys.ISSUER, "admin-" + UUID.randomUUID(), List.of("admin"), Instant.now().plusSeconds(3600));
    }

    /** Expired ten minutes ago, well beyond the clock skew the gateway allows. */
    public static String expired() {
        return signed(TestKeys.ISSUER, "late", List.of("admin"), Instant.now().minusSeconds(600));
    }

    /** Expired a few seconds ago: within the allowed clock skew. */
    public static String justExpired() {
        return signed(TestKeys.ISSUER, "just-late", List.of("admin"), Instant.now().minusSeconds(5));
    }

    public static String wrongIssuer() {
        return signed("someone-else", "stranger", List.of("admin"), Instant.now().plusSeconds(3600));
    }

    public static String wronglySigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String input = header("RS256") + "." + claims(TestKeys.ISSUER, "forger", List.of("admin"), Instant.now().plusSeconds(3600));
            return input + "." + rs256(input, generator.generateKeyPair().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String algNone() {
        return header("none") + "." + claims(TestKeys.ISSUER, "nobody", List.of("admin"), Instant.now().plusSeconds(3600)) + ".";
    }

    /** HS256, a symmetric algorithm: the gateway accepts RS256 only. */
    public static String hs256() {
        try {
            String input = header("HS256") + "." + claims(TestKeys.ISSUER, "confused", List.of("admin"), Instant.now().plusSeconds(3600));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("a-guessable-secret-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String malformed() {
        return "not.a.token";
    }

    public static String signed(String issuer, String subject, List<String> roles, Instant expiresAt) {
        String input = header("RS256") + "." + claims(issuer, subject, roles, expiresAt);
        return input + "." + rs256(input, privateKey());
    }

    /** The claims of a token, decoded (no verification). */
    public static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String header(String alg) {
        return b64(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String claims(String issuer, String subject, List<String> roles, Instant expiresAt) {
        return claims(issuer, subject, roles, expiresAt, AUDIENCE);
    }

    private static String claims(String issuer, String subject, List<String> roles, Instant expiresAt, String audience) {
        long exp = expiresAt.getEpochSecond();
        String groups = roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        // aud: the audience the gateway requires; upn differs from sub, which is the one identity
        String json = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"name-of-" + subject
                + "\"" + (audience == null ? "" : ",\"aud\":\"" + audience + "\"") + ",\"groups\":[" + groups
                + "],\"iat\":" + Math.min(Instant.now().getEpochSecond(), exp - 60) + ",\"exp\":" + exp
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        return b64(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String rs256(String input, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return b64(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey privateKey() {
        String location = ConfigProvider.getConfig().getValue(TestKeys.PRIVATE_KEY_PROPERTY, String.class);
        try {
            String pem = Files.readString(Path.of(location)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key at " + location, e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
