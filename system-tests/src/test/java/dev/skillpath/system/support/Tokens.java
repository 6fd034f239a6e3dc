package dev.skillpath.system.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The run's RS256 key pair (PEM files the services read) and bearer tokens signed with it: good ones for each role
 * and the bad ones every service and the gateway must refuse.
 */
public final class Tokens {

    public static final String ISSUER = "skillpath-local";
    public static final String AUDIENCE = "skillpath";

    private final Path publicKeyFile;
    private final Path privateKeyFile;
    private final PrivateKey privateKey;
    private final PrivateKey strangerKey;

    private Tokens(Path publicKeyFile, Path privateKeyFile, PrivateKey privateKey, PrivateKey strangerKey) {
        this.publicKeyFile = publicKeyFile;
        this.privateKeyFile = privateKeyFile;
        this.privateKey = privateKey;
        this.strangerKey = strangerKey;
    }

    /** Makes a fresh key pair in {@code dir}: {@code jwt-public.pem} (X.509) and {@code jwt-private.pem} (PKCS#8). */
    public static Tokens generate(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair pair = rsa();
            Path pub = dir.resolve("jwt-public.pem");
            Path priv = dir.resolve("jwt-private.pem");
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return new Tokens(pub, priv, pair.getPrivate(), rsa().getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the run's key pair in " + dir, e);
        }
    }

    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public Path privateKeyFile() {
        return privateKeyFile;
    }

    public String learner(String subject) {
        return token(subject, "learner", Instant.now().plusSeconds(3600));
    }

    public String author(String subject) {
        return token(subject, "author", Instant.now().plusSeconds(3600));
    }

    public String admin(String subject) {
        return token(subject, "admin", Instant.now().plusSeconds(3600));
    }

    /** Expired an hour ago: far beyond any clock skew. */
    public String expired(String subject) {
        return token(subject, "learner", Instant.now().minusSeconds(3600));
    }

    /** Well formed, claiming admin, but signed by a key nobody trusts. */
    public String wronglySigned(String subject) {
        return sign(header("RS256") + "." + claims(subject, "admin", Instant.now().plusSeconds(3600)), strangerKey);
    }

    /** The classic: {@code alg: none}, no signature, claiming admin. */
    public String algNone(String subject) {
        return header("none") + "." + claims(subject, "admin", Instant.now().plusSeconds(3600)) + ".";
    }

    /** Well signed, claiming admin, but for another audience ({@code null}: without any). */
    public String forAudience(String subject, String audience) {
        return sign(header("RS256") + "." + claims(subject, "admin", Instant.now().plusSeconds(3600), audience), privateKey);
    }

    public String malformed() {
        return "not.a.token";
    }

    public String token(String subject, String role, Instant expiresAt) {
        return sign(header("RS256") + "." + claims(subject, role, expiresAt), privateKey);
    }

    private static String header(String alg) {
        return b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
    }

    private static String claims(String subject, String role, Instant expiresAt) {
        return claims(subject, role, expiresAt, AUDIENCE);
    }

    private static String claims(String subject, String role, Instant expiresAt, String audience) {
        long now = Instant.now().getEpochSecond();
        long iat = Math.min(now, expiresAt.getEpochSecond() - 60);
        // aud: the audience every Skillpath token carries; upn differs from sub, which is the one identity
        return b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"name-of-" + subject
                + "\"" + (audience == null ? "" : ",\"aud\":\"" + audience + "\"") + ",\"groups\":[\"" + role + "\"],\"iat\":" + iat + ",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    private static String sign(String signingInput, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
