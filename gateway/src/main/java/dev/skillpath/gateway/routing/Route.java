package dev.skillpath.gateway.routing;

/**
 * One path prefix and the service that serves it.
 *
 * @param prefix the path prefix, starting with {@code /}, without a trailing {@code /}
 * @param service the name of the service that answers it (one or more instances, see {@code Upstreams})
 * @param pattern the prefix as a path pattern ({@code /api/v1/skills/**}): one name for every path
 *        under it, e.g. as the {@code uri} tag of request metrics, which must not grow with each slug
 */
public record Route(String prefix, String service, String pattern) {

    public Route(String prefix, String service) {
        this(prefix, service, prefix.endsWith("/") ? prefix + "**" : prefix + "/**");
    }

    /** Whether this prefix covers a path: the path is the prefix or continues it after a {@code /}. */
    public boolean covers(String path) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        int end = prefix.length();
        return path.length() == end || path.charAt(end) == '/' || prefix.charAt(end - 1) == '/';
    }
}
