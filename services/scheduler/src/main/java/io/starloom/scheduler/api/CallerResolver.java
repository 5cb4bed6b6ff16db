package io.starloom.scheduler.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.application.Caller;

/** The authenticated caller of a REST or gRPC request and the tenant its token names. */
@ApplicationScoped
public class CallerResolver {
    private final CurrentIdentityAssociation identity;

    public CallerResolver(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    public Uni<Caller> current() {
        return identity.getDeferredIdentity().map(CallerResolver::caller);
    }

    static Caller caller(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException("a bearer token is required");
        }
        Object tenant = token.getClaim(Roles.TENANT_CLAIM);
        if (tenant == null || tenant.toString().isBlank()) {
            throw new ForbiddenException("the token names no tenant (claim '" + Roles.TENANT_CLAIM + "')");
        }
        String tenantId = tenant.toString().replace("\"", "");
        return new Caller(token.getName() == null ? token.getSubject() : token.getName(), tenantId);
    }
}
