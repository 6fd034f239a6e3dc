package dev.skillpath.gateway.auth;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Verifies bearer tokens the way the services do, with the same settings
 * ({@code mp.jwt.verify.publickey.location}: a PEM public key or a JWKS URL; {@code mp.jwt.verify.issuer};
 * RS256 only, so {@code alg: none} and HMAC tokens are refused; expiry with
 * {@code mp.jwt.verify.clock.skew}), through SmallRye JWT's parser.
 *
 * <p>With a key file, verification is a signature check of well under a millisecond and runs on the event
 * loop. With a JWKS URL the parser may fetch keys (blocking I/O), so it runs on a worker thread.
 */
@Singleton
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);
    private static final String BEARER = "Bearer ";

    private final JWTParser parser;
    private final boolean remoteKeys;

    TokenVerifier(JWTParser parser, @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation) {
        this.parser = parser;
        String location = keyLocation.orElse("");
        this.remoteKeys = location.startsWith("http:") || location.startsWith("https:");
    }

    /** The caller of an {@code Authorization} header value, or a failed future with an {@link InvalidToken}. */
    public Future<Caller> verify(Vertx vertx, String authorization) {
        if (authorization.length() <= BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Future.failedFuture(new InvalidToken("The Authorization header must be 'Bearer <token>'."));
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (!remoteKeys) {
            try {
                return Future.succeededFuture(verify(token));
            } catch (InvalidToken e) {
                return Future.failedFuture(e);
            }
        }
        return vertx.executeBlocking(() -> verify(token), false);
    }

    Caller verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException e) {
            LOG.debugf(e, "token refused");
            throw new InvalidToken("The token is invalid or has expired.");
        }
        // the learner's id is the token's sub, as in every service: never upn or preferred_username, which a user
        // may change at the identity provider
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidToken("The token names no subject.");
        }
        Set<String> groups = jwt.getGroups();
        return new Caller(subject, groups == null ? Set.of() : Set.copyOf(groups));
    }

    /** A token was sent and is not acceptable: the answer is 401, whatever the route. */
    public static final class InvalidToken extends RuntimeException {
        public InvalidToken(String message) {
            super(message, null, false, false);
        }
    }
}
