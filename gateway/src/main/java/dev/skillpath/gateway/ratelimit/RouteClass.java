package dev.skillpath.gateway.ratelimit;

import dev.skillpath.gateway.auth.AccessRules;
import io.vertx.core.http.HttpMethod;

/**
 * Requests limited together: reads, writes, the token endpoint (which guards a signing key), and the documents
 * outside {@code /api/v1} ({@code /openapi}, {@code /q/metrics}, {@code /q/swagger-ui}), limited per address.
 */
public enum RouteClass {
    READ, WRITE, AUTH, DOCS;

    public final String tag = name().toLowerCase(java.util.Locale.ROOT);

    /** The class of an {@code /api/v1} request. */
    public static RouteClass of(HttpMethod method, String normalizedPath) {
        if (normalizedPath.equals(AccessRules.TOKEN_PATH) || normalizedPath.equals(AccessRules.TOKEN_PATH + "/")) {
            return AUTH;
        }
        return AccessRules.isRead(method) ? READ : WRITE;
    }

    /** Whether a path outside {@code /api/v1} is one of the documents of class {@link #DOCS}. */
    public static boolean isDocument(String normalizedPath) {
        return normalizedPath.equals("/openapi") || normalizedPath.startsWith("/openapi/")
                || isUnder(normalizedPath, "/q/metrics") || isUnder(normalizedPath, "/q/swagger-ui")
                || isUnder(normalizedPath, "/q/openapi");
    }

    private static boolean isUnder(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
