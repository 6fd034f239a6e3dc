package dev.skillpath.gateway.auth;

import io.vertx.core.http.HttpMethod;

/**
 * What a request needs before the gateway lets it through. The services check again (each verifies
 * the token and its roles itself); the gateway's rules turn away what can never succeed early and
 * the same way on every route.
 *
 * <ul>
 * <li>Everything about a learner needs a valid token: {@code /api/v1/learners/me/**},
 *     {@code /api/v1/me/**}, {@code /api/v1/attempts/**}, {@code /api/v1/practice-sessions/**}, learning records
 *     ({@code /api/v1/xapi/**}, read-only but never public: every statement is someone's), starting an attempt
 *     ({@code POST /api/v1/quizzes/{id}/attempts}) and completing a lesson
 *     ({@code POST /api/v1/lessons/{slug}/completions}).</li>
 * <li>Any other write (POST, PUT, PATCH, DELETE) needs the role {@code author} or {@code admin}.</li>
 * <li>Reads of the catalogue, lessons, search and quizzes need nothing; so does the local token endpoint.</li>
 * </ul>
 */
public final class AccessRules {

    public enum Access {
        PUBLIC, SIGNED_IN, AUTHOR
    }

    public static final String TOKEN_PATH = "/api/v1/auth/token";
    public static final String DEMO_USERS_PATH = "/api/v1/auth/demo-users";

    private AccessRules() {
    }

    public static Access of(HttpMethod method, String normalizedPath) {
        String path = withoutTrailingSlash(normalizedPath);
        if (path.equals(TOKEN_PATH) || path.equals(DEMO_USERS_PATH)) {
            return Access.PUBLIC;
        }
        if (under(path, "/api/v1/learners/me") || under(path, "/api/v1/me") || under(path, "/api/v1/attempts")
                || under(path, "/api/v1/practice-sessions") || under(path, "/api/v1/xapi")) {
            return Access.SIGNED_IN;
        }
        if (isRead(method)) {
            return Access.PUBLIC;
        }
        if (method == HttpMethod.POST
                && (isItemAction(path, "/api/v1/quizzes/", "/attempts") || isItemAction(path, "/api/v1/lessons/", "/completions"))) {
            return Access.SIGNED_IN;
        }
        return Access.AUTHOR;
    }

    public static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    /** Whether the roles satisfy {@link Access#AUTHOR}. */
    public static boolean canWrite(java.util.Set<String> roles) {
        return roles.contains("author") || roles.contains("admin");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/';
    }

    /** {@code <collection><one segment><action>}, e.g. /api/v1/quizzes/q1/attempts. */
    private static boolean isItemAction(String path, String collection, String action) {
        if (!path.startsWith(collection) || !path.endsWith(action)) {
            return false;
        }
        int start = collection.length();
        int end = path.length() - action.length();
        return end > start && path.indexOf('/', start) == end;
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
