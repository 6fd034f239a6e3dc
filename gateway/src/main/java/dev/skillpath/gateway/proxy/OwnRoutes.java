package dev.skillpath.gateway.proxy;

import dev.skillpath.gateway.auth.AccessRules;

/** The paths under {@code /api/v1} that the gateway answers itself instead of a service. */
public final class OwnRoutes {

    public static final String DASHBOARD = "/api/v1/me/dashboard";
    public static final String PATH_PREFIX = "/api/v1/me/path/";
    public static final String PATH_PATTERN = "/api/v1/me/path/{skill}";

    private OwnRoutes() {
    }

    /** The metrics name of an own route, or null when the path is not one. */
    static String pattern(String path) {
        if (path.equals(DASHBOARD) || path.equals(AccessRules.TOKEN_PATH) || path.equals(AccessRules.DEMO_USERS_PATH)) {
            return path;
        }
        if (path.startsWith(PATH_PREFIX) && path.indexOf('/', PATH_PREFIX.length()) < 0 && path.length() > PATH_PREFIX.length()) {
            return PATH_PATTERN;
        }
        return null;
    }
}
