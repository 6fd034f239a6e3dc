package dev.skillpath.gateway.ratelimit;

import dev.skillpath.gateway.auth.AccessRules;
import io.vertx.core.http.HttpMethod;

/** Requests limited together: reads, writes, and the token endpoint (which guards a signing key). */
public enum RouteClass {
    READ, WRITE, AUTH;

    public final String tag = name().toLowerCase(java.util.Locale.ROOT);

    public static RouteClass of(HttpMethod method, String normalizedPath) {
        if (normalizedPath.equals(AccessRules.TOKEN_PATH) || normalizedPath.equals(AccessRules.TOKEN_PATH + "/")) {
            return AUTH;
        }
        return AccessRules.isRead(method) ? READ : WRITE;
    }
}
