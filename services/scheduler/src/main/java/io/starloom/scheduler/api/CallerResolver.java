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
import io.starloom.scheduler.identity.StarloomIdentityAugmentor;
import io.starloom.scheduler.limits.TenantRateLimiter;

/**
 * The authenticated caller of a REST or gRPC request and the tenant its token names (read and checked by
 * StarloomIdentityAugmentor); every call spends from its tenant's rate-limit budget.
 */
@ApplicationScoped
public class CallerResolver {
    private final CurrentIdentityAssociation identity;
    private final TenantRateLimiter limiter;

    public CallerResolver(CurrentIdentityAssociation identity, TenantRateLimiter limiter) {
        this.identity = identity;
        this.limiter = limiter;
    }

    /** The caller of a read, stream, download or cancel. */
    public Uni<Caller> current() {
        return identity.getDeferredIdentity().map(CallerResolver::caller)
                .invoke(caller -> limiter.spend(caller.tenant(), TenantRateLimiter.Kind.CALL));
    }

    /** The caller of a submission: spends from the submission budget as well. */
    public Uni<Caller> submitter() {
        return current().invoke(caller -> limiter.spend(caller.tenant(), TenantRateLimiter.Kind.SUBMISSION));
    }

    static Caller caller(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException("a bearer token is required");
        }
        String tenant = identity.getAttribute(StarloomIdentityAugmentor.TENANT);
        if (tenant == null) {
            String problem = identity.getAttribute(StarloomIdentityAugmentor.TENANT_PROBLEM);
            throw new ForbiddenException(problem != null ? problem : "the token names no tenant");
        }
        return new Caller(token.getName() == null ? token.getSubject() : token.getName(), tenant, identity.hasRole(Roles.ADMIN));
    }
}
