package dev.skillpath.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.skillpath.platform.api.ProblemException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: the verified token's subject and roles, and the rule that learners see only their own. */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    /**
     * The caller's learner id: the token's {@code sub}, the one identity the gateway and every service agree on (the
     * principal's name prefers {@code upn} and {@code preferred_username}, names a user can change in an identity
     * provider); 401 when there is no valid token or it names no subject.
     */
    public String id() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new UnauthorizedException();
        }
        return jwt.getSubject();
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
