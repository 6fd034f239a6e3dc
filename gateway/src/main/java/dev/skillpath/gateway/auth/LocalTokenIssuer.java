package dev.skillpath.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * The local development issuer behind {@code POST /api/v1/auth/token}: tokens for configured demo users,
 * signed (RS256) with the private key of the local key pair that {@code ./skillpath up} makes on first
 * start. Never enabled in production, where an identity provider issues tokens.
 */
public final class LocalTokenIssuer {

    public record IssuedToken(String accessToken, long expiresIn) {
    }

    private static final Set<String> ROLES = Set.of("learner", "author", "admin");

    private final PrivateKey key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Map<String, String> roleByUser;

    public LocalTokenIssuer(PrivateKey key, String issuer, String audience, Duration lifetime,
            Map<String, String> roleByUser) {
        if (roleByUser.isEmpty()) {
            throw new IllegalArgumentException("the local token issuer needs at least one demo user");
        }
        roleByUser.forEach((user, role) -> {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("demo user " + user + " has an unknown role '" + role + "' (roles: learner, author, admin)");
            }
        });
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.roleByUser = new TreeMap<>(roleByUser);
    }

    /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey readPrivateKey(String location) {
        Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        try {
            String pem = Files.readString(path);
            if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new IllegalStateException(path + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the local token issuer's private key at " + path
                    + " (./skillpath up makes it on first start; JWT_PRIVATE_KEY_LOCATION points elsewhere)", e);
        }
    }

    public Set<String> users() {
        return roleByUser.keySet();
    }

    /** Each demo user's role, by user name in order. */
    public Map<String, String> roles() {
        return java.util.Collections.unmodifiableMap(roleByUser);
    }

    /** A token for a demo user, or null when there is no such user. */
    public IssuedToken issue(String user) {
        String role = roleByUser.get(user);
        if (role == null) {
            return null;
        }
        long seconds = lifetime.toSeconds();
        String token = Jwt.issuer(issuer)
                .subject(user)
                .upn(user)
                .audience(audience)
                .groups(Set.of(role))
                .issuedAt(System.currentTimeMillis() / 1000)
                .expiresIn(seconds)
                .claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(key);
        return new IssuedToken(token, seconds);
    }
}
