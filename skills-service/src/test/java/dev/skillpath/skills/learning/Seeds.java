package dev.skillpath.skills.learning;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from one run seed and a name, so that for instance learner 17's
 * answers do not change when another part of the simulation draws one number more.
 */
final class Seeds {

    private Seeds() {
    }

    static SplittableRandom stream(long seed, String name, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return new SplittableRandom(mix(h ^ mix(index + 0x632BE59BD9B4E019L)));
    }

    static SplittableRandom stream(long seed, String name) {
        return stream(seed, name, 0);
    }

    /** The SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
