package dev.skillpath.gateway.proxy;

import java.util.List;

import dev.skillpath.gateway.routing.HopByHopHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/** Copies headers across the gateway: end-to-end headers pass, hop-by-hop headers stay behind. */
final class ProxyHeaders {

    static final String X_REQUEST_ID = "X-Request-Id";
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private ProxyHeaders() {
    }

    /**
     * Copies a client's request headers for the upstream. Host is left out (the upstream gets its own
     * authority, the client's goes into X-Forwarded-Host) and so is Expect (the gateway answers
     * {@code 100 Continue} itself).
     */
    static void copyRequestHeaders(MultiMap from, MultiMap to) {
        from.forEach((name, value) -> {
            if (!HopByHopHeaders.isHopByHop(name)
                    && !name.equalsIgnoreCase("Host")
                    && !name.equalsIgnoreCase("Expect")) {
                to.add(name, value);
            }
        });
        dropConnectionOptions(from, to);
    }

    /** Copies an upstream's response headers for the client. */
    static void copyResponseHeaders(MultiMap from, MultiMap to) {
        from.forEach((name, value) -> {
            if (!HopByHopHeaders.isHopByHop(name)) {
                to.add(name, value);
            }
        });
        dropConnectionOptions(from, to);
    }

    /** Headers that a Connection header names belong to that connection only. */
    private static void dropConnectionOptions(MultiMap from, MultiMap to) {
        String connection = from.get(HttpHeaders.CONNECTION);
        if (connection == null) {
            return;
        }
        List<String> all = from.getAll(HttpHeaders.CONNECTION);
        if (all.size() == 1) {
            HopByHopHeaders.forEachConnectionOption(connection, to::remove);
        } else {
            for (String value : all) {
                HopByHopHeaders.forEachConnectionOption(value, to::remove);
            }
        }
    }

    /** The X-Forwarded-For chain with the client's address appended, as proxies conventionally do. */
    static String forwardedFor(MultiMap incoming, String clientAddress) {
        String first = incoming.get(X_FORWARDED_FOR);
        if (first == null) {
            return clientAddress;
        }
        List<String> prior = incoming.getAll(X_FORWARDED_FOR);
        String chain = prior.size() == 1 ? first : String.join(", ", prior);
        if (clientAddress == null) {
            return chain;
        }
        return chain.isBlank() ? clientAddress : chain + ", " + clientAddress;
    }
}
