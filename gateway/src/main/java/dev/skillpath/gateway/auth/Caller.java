package dev.skillpath.gateway.auth;

import java.util.Set;

/** Who sent a request, from a verified token: its subject and roles (the {@code groups} claim). */
public record Caller(String subject, Set<String> roles) {

    public boolean canWrite() {
        return AccessRules.canWrite(roles);
    }
}
