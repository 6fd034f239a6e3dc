package dev.skillpath.platform.api;

import java.util.List;

/**
 * Paging of list endpoints: {@code page} from 0, {@code size} from 1 to {@link #MAX_SIZE}. Parsed from the
 * raw query strings so a bad value is a 400 problem naming the parameter, not JAX-RS's 404.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 1_000_000;

    public static PageRequest of(String page, String size) {
        List<Problem.Violation> violations = new java.util.ArrayList<>();
        int p = parse(page, 0, "page", 0, MAX_PAGE, violations);
        int s = parse(size, DEFAULT_SIZE, "size", 1, MAX_SIZE, violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("Paging parameters are out of range.", violations);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }

    private static int parse(String raw, int fallback, String name, int min, int max,
            List<Problem.Violation> violations) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                violations.add(new Problem.Violation(name, "must be between " + min + " and " + max));
            }
            return value;
        } catch (NumberFormatException e) {
            violations.add(new Problem.Violation(name, "must be a whole number between " + min + " and " + max));
            return fallback;
        }
    }
}
