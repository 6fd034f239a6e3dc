package dev.skillpath.gateway.routing;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the caller's own when it is sane, otherwise a fresh random UUID. */
public final class RequestIds {

    /** Longer ids are replaced: they would bloat every log line and header that carries them. */
    public static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /**
     * A random (version 4) UUID. It only has to be unique, not unguessable, so it draws from
     * {@link ThreadLocalRandom} rather than the contended SecureRandom behind {@link UUID#randomUUID()}.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long leastSignificant = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    /** Whether an incoming id can be kept: 1 to {@value #MAX_LENGTH} visible ASCII characters, no spaces. */
    public static boolean isAcceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The incoming id when acceptable, otherwise a generated one. */
    public static String keepOrGenerate(String incoming) {
        return isAcceptable(incoming) ? incoming : generate();
    }
}
