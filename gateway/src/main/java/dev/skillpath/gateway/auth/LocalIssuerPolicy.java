package dev.skillpath.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the local token issuer may run. It signs a token for anyone who asks, so it belongs to a local run
 * ({@code ./skillpath up}, tests, dev mode) and nowhere else: a gateway with the issuer enabled refuses to start
 * under the {@code prod} profile (what every container and a plain {@code java -jar} run) or when the tokens it
 * would verify come from an identity provider's JWKS, unless the operator forces it on purpose.
 */
public final class LocalIssuerPolicy {

    static final String FORCE_PROPERTY = "skillpath.gateway.auth.local-issuer.force";

    private LocalIssuerPolicy() {
    }

    /**
     * Why the enabled issuer must not start, or empty when it may.
     *
     * @param profiles the active configuration profiles
     * @param keyLocation {@code mp.jwt.verify.publickey.location}: where verified tokens' keys come from
     */
    public static Optional<String> refusal(boolean forced, Collection<String> profiles, String keyLocation) {
        if (forced) {
            return Optional.empty();
        }
        if (profiles.contains("prod")) {
            return Optional.of("the local token issuer is enabled under the prod profile (active profiles: "
                    + String.join(",", profiles) + "); it signs a token for anyone who asks, so it runs only in a local"
                    + " run (./skillpath up runs the gateway with QUARKUS_PROFILE=local). Turn it off"
                    + " (SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED=false) and let an identity provider issue tokens,"
                    + " or set " + envName(FORCE_PROPERTY) + "=true to run it anyway");
        }
        if (isJwks(keyLocation)) {
            return Optional.of("the local token issuer is enabled while tokens are verified with a JWKS (" + keyLocation
                    + "): an identity provider issues this deployment's tokens, and the local issuer's would not verify."
                    + " Turn it off (SKILLPATH_GATEWAY_AUTH_LOCAL_ISSUER_ENABLED=false), or set "
                    + envName(FORCE_PROPERTY) + "=true to run it anyway");
        }
        return Optional.empty();
    }

    /** A key source is a JWKS when it is fetched over HTTP(S) or holds a JSON document (a PEM key does not). */
    static boolean isJwks(String keyLocation) {
        if (keyLocation == null || keyLocation.isBlank()) {
            return false;
        }
        String location = keyLocation.strip();
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return true;
        }
        if (lower.startsWith("classpath:")) {
            return lower.endsWith(".json");
        }
        Path path = Path.of(lower.startsWith("file:") ? location.substring("file:".length()) : location);
        try {
            return Files.isReadable(path) && Files.readString(path).stripLeading().startsWith("{");
        } catch (IOException | RuntimeException e) {
            return lower.endsWith(".json");
        }
    }

    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
