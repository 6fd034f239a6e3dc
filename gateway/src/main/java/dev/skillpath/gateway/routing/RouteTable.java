package dev.skillpath.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a request path to the route that serves it. The longest matching prefix wins, and a prefix
 * matches only at a path-segment boundary: {@code /api/v1/skills} matches {@code /api/v1/skills} and
 * {@code /api/v1/skills/x}, never {@code /api/v1/skillsfoo}.
 *
 * <p>Immutable and allocation-free on lookup; a table has a handful of prefixes, so a scan in
 * longest-first order beats anything cleverer.
 */
public final class RouteTable {

    private final Route[] routes;

    private RouteTable(Route[] longestFirst) {
        this.routes = longestFirst;
    }

    /**
     * Builds a table from prefixes per service name. A prefix must start with {@code /}; a trailing
     * {@code /} is dropped. The same prefix for two services is a configuration error.
     */
    public static RouteTable of(Map<String, ? extends List<String>> prefixesByService) {
        Map<String, Route> byPrefix = new LinkedHashMap<>();
        prefixesByService.forEach((service, prefixes) -> {
            if (prefixes == null || prefixes.isEmpty()) {
                throw new IllegalArgumentException(service + ": no path prefixes");
            }
            for (String raw : prefixes) {
                String prefix = normalize(service, raw);
                Route previous = byPrefix.putIfAbsent(prefix, new Route(prefix, service));
                if (previous != null && !previous.service().equals(service)) {
                    throw new IllegalArgumentException("prefix " + prefix + " is claimed by both "
                            + previous.service() + " and " + service);
                }
            }
        });
        List<Route> sorted = new ArrayList<>(byPrefix.values());
        sorted.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed()
                .thenComparing(Route::prefix));
        return new RouteTable(sorted.toArray(new Route[0]));
    }

    private static String normalize(String service, String raw) {
        String prefix = raw == null ? "" : raw.trim();
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException(service + ": prefix '" + raw + "' must start with /");
        }
        if (prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0 || prefix.indexOf('*') >= 0) {
            throw new IllegalArgumentException(service + ": prefix '" + raw + "' must be a plain path");
        }
        while (prefix.length() > 1 && prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix;
    }

    /** The route for a path (without query string), or {@code null} when no prefix matches. */
    public Route match(String path) {
        if (path == null) {
            return null;
        }
        for (Route route : routes) {
            if (route.covers(path)) {
                return route;
            }
        }
        return null;
    }

    /** The routes, longest prefix first. */
    public List<Route> routes() {
        return List.of(routes);
    }
}
