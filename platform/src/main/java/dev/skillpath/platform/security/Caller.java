package dev.skillpath.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import dev.skillpath.platform.api.ProblemException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: the verified token's subject and roles, and the rule that learners see only their own. */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    /** The caller's learner id (the token's subject); 401 when there is no valid token. */
    public String id() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        return identity.getPrincipal().getName();
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    public boolean canAuthor() {
        return identity.hasRole(Roles.AUTHOR) || identity.hasRole(Roles.ADMIN);
    }

    /** The learner whose data is asked for: the caller, or anyone for an admin; 403 otherwise. */
    public String learnerOrSelf(String learnerId) {
        String self = id();
        if (learnerId == null || learnerId.isBlank() || learnerId.equals(self)) {
            return self;
        }
        if (!isAdmin()) {
            throw ProblemException.forbidden("A learner sees only their own data.");
        }
        return learnerId;
    }
}
