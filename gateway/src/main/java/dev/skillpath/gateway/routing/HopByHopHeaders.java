package dev.skillpath.gateway.routing;

/**
 * Headers that describe one connection rather than the message (RFC 9110 section 7.6.1), so a proxy
 * must not forward them: Connection, Keep-Alive, Proxy-*, TE, Trailer, Transfer-Encoding, Upgrade.
 * Headers named in a Connection header are dropped too, by the caller.
 */
public final class HopByHopHeaders {

    private HopByHopHeaders() {
    }

    /** Whether a header, by its case-insensitive name, is hop-by-hop. Allocation-free. */
    public static boolean isHopByHop(CharSequence name) {
        return switch (name.length()) {
            case 2 -> equalsIgnoreCase(name, "te");
            case 7 -> equalsIgnoreCase(name, "trailer") || equalsIgnoreCase(name, "upgrade") || isProxyHeader(name);
            case 10 -> equalsIgnoreCase(name, "connection") || equalsIgnoreCase(name, "keep-alive") || isProxyHeader(name);
            case 17 -> equalsIgnoreCase(name, "transfer-encoding") || isProxyHeader(name);
            default -> isProxyHeader(name);
        };
    }

    private static boolean isProxyHeader(CharSequence name) {
        return name.length() > 6 && regionEqualsIgnoreCase(name, "proxy-");
    }

    private static boolean equalsIgnoreCase(CharSequence name, String lowerCase) {
        return name.length() == lowerCase.length() && regionEqualsIgnoreCase(name, lowerCase);
    }

    private static boolean regionEqualsIgnoreCase(CharSequence name, String lowerCasePrefix) {
        for (int i = 0; i < lowerCasePrefix.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerCasePrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Calls {@code action} for each header name listed in a Connection header value (comma-separated
     * tokens), skipping empty tokens. Allocates only for the tokens themselves.
     */
    public static void forEachConnectionOption(String connectionValue, java.util.function.Consumer<String> action) {
        if (connectionValue == null) {
            return;
        }
        int start = 0;
        int length = connectionValue.length();
        while (start < length) {
            int comma = connectionValue.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            int from = start;
            int to = end;
            while (from < to && isWhitespace(connectionValue.charAt(from))) {
                from++;
            }
            while (to > from && isWhitespace(connectionValue.charAt(to - 1))) {
                to--;
            }
            if (to > from) {
                action.accept(connectionValue.substring(from, to));
            }
            start = end + 1;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
