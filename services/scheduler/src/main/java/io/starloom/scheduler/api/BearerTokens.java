package io.starloom.scheduler.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/** The verified bearer token of the current request, to pass on to a service called on the caller's behalf. */
@ApplicationScoped
public class BearerTokens {
    private final CurrentIdentityAssociation identity;

    public BearerTokens(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    public Uni<String> current() {
        return identity.getDeferredIdentity().map(id -> {
            if (id.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null) {
                return token.getRawToken();
            }
            throw new UnauthorizedException("a bearer token is required");
        });
    }
}
