package dev.skillpath.gateway.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An instance of a service the gateway forwards to: the service's name (for error answers) and where it listens.
 *
 * @param name the service name, e.g. {@code skills-service}
 * @param host host name or address
 * @param port TCP port
 * @param ssl whether to speak HTTPS to it
 */
public record Upstream(String name, String host, int port, boolean ssl) {

    public Upstream {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an upstream needs a name");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(name + ": no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ": port " + port + " is out of range");
        }
    }

    /**
     * Reads a base URL such as {@code http://127.0.0.1:8082}. A path other than {@code /}, a query or a
     * fragment is refused: the gateway forwards request paths unchanged, so a base path would be ignored.
     */
    public static Upstream parse(String name, String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + ": '" + url + "' is not a URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ssl;
        switch (scheme) {
            case "http" -> ssl = false;
            case "https" -> ssl = true;
            default -> throw new IllegalArgumentException(name + ": '" + url + "' must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(name + ": '" + url + "' has no host");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + ": '" + url + "' must be scheme, host and port only; paths are forwarded unchanged");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Upstream(name, host, port, ssl);
    }

    /** {@code host:port}, an IPv6 address in brackets. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return name + " (" + (ssl ? "https" : "http") + "://" + authority() + ")";
    }
}
