package dev.skillpath.platform.api;

import java.util.Optional;
import java.util.UUID;

/**
 * The one way every service reads an id from a request. {@link UUID#fromString} alone is lenient: it reads
 * {@code "bead-face-1-2-3"}, a valid slug, as the id {@code 0000bead-face-0001-0002-000000000003}. Here only the
 * canonical form (8-4-4-4-12 hexadecimal digits, either case) is an id; anything else is not.
 */
public final class Uuids {

    private static final int[] DASHES = { 8, 13, 18, 23 };

    private Uuids() {
    }

    /** The UUID when {@code raw} is one in canonical form, else empty (e.g. a slug). */
    public static Optional<UUID> parse(String raw) {
        if (raw == null || raw.length() != 36) {
            return Optional.empty();
        }
        int dash = 0;
        for (int i = 0; i < 36; i++) {
            char c = raw.charAt(i);
            if (dash < DASHES.length && i == DASHES[dash]) {
                if (c != '-') {
                    return Optional.empty();
                }
                dash++;
            } else if (!isAsciiHex(c)) {
                return Optional.empty(); // not Character.digit: it takes other scripts' digits too
            }
        }
        return Optional.of(UUID.fromString(raw));
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * An id from a URL path. Anything that is not a UUID names nothing, so it is the same 404 problem as an id that
     * does not exist ({@code what} names the kind of thing, e.g. "attempt").
     */
    public static UUID pathId(String raw, String what) {
        return parse(raw).orElseThrow(() -> ProblemException.notFound("There is no " + what + " " + raw + "."));
    }
}
