package dev.skillpath.gateway.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns an absolute {@code Location} (or {@code Content-Location}) that names one of the upstreams into a path
 * relative to the gateway: a service writes its own address ({@code http://127.0.0.1:8082/api/v1/skills/new-slug}),
 * which a client could not reach and should not see; since the gateway forwards paths unchanged, the same path at
 * the gateway ({@code /api/v1/skills/new-slug}) is where the client goes. A relative reference and an absolute URL
 * of any other origin are left as they are.
 */
public final class LocationRewriter {

    private final List<Upstream> upstreams;

    public LocationRewriter(Collection<Upstream> upstreams) {
        this.upstreams = List.copyOf(upstreams);
    }

    /** The gateway-relative form of {@code location}, or {@code location} itself when it names no upstream. */
    public String rewrite(String location) {
        // cheap test first: only an absolute http(s) URL can name an upstream
        if (location == null || location.length() < 8 || !location.regionMatches(true, 0, "http", 0, 4)) {
            return location;
        }
        URI uri;
        try {
            uri = new URI(location.trim());
        } catch (URISyntaxException e) {
            return location;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return location;
        }
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        if (!ssl && !"http".equalsIgnoreCase(uri.getScheme())) {
            return location;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        for (Upstream upstream : upstreams) {
            if (upstream.ssl() == ssl && upstream.port() == port && upstream.host().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT))) {
                return relative(uri);
            }
        }
        return location;
    }

    private static String relative(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder relative = new StringBuilder(path);
        if (uri.getRawQuery() != null) {
            relative.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            relative.append('#').append(uri.getRawFragment());
        }
        return relative.toString();
    }
}
