package dev.skillpath.platform.api;

/** What a slug (a skill's, a lesson's) looks like, the same in every service. */
public final class Slugs {

    /** Lowercase letters and digits, in words joined by single hyphens. */
    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

    /** The validation message that goes with {@link #PATTERN}. */
    public static final String MESSAGE = "must be lowercase words joined by single hyphens";

    private Slugs() {
    }
}
