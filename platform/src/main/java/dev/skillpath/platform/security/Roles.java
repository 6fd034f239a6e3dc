package dev.skillpath.platform.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

    public static final String LEARNER = "learner";
    public static final String AUTHOR = "author";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
