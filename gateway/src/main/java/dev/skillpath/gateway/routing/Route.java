package dev.skillpath.gateway.routing;

/**
 * One path prefix and the upstream that serves it.
 *
 * @param prefix the path prefix, starting with {@code /}, without a trailing {@code /}
 * @param upstream the service that answers it
 * @param pattern the prefix as a path pattern ({@code /api/v1/skills/**}): one name for every path
 *        under it, e.g. as the {@code uri} tag of request metrics, which must not grow with each slug
 */
public record Route(String prefix, Upstream upstream, String pattern) {

    public Route(String prefix, Upstream upstream) {
        this(prefix, upstream, prefix.endsWith("/") ? prefix + "**" : prefix + "/**");
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
