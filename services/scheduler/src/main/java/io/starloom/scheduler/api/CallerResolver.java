package io.starloom.scheduler.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.starloom.scheduler.application.Caller;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.identity.StarloomIdentityAugmentor;
import io.starloom.scheduler.limits.TenantRateLimiter;

/**
 * The authenticated caller of a REST or gRPC request and the tenant its token names (read and checked by
 * StarloomIdentityAugmentor); every call spends from its tenant's rate-limit budget.
 */
@ApplicationScoped
public class CallerResolver {
    /** The refusal of a token without a tenant claim; errors answer it as ErrorCode.TENANT_MISSING. */
    public static final String NO_TENANT = "the token names no tenant";

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
            throw new ForbiddenException(problem != null ? problem : NO_TENANT);
        }
        return new Caller(token.getName() == null ? token.getSubject() : token.getName(), tenant, identity.hasRole(Roles.ADMIN));
    }

    /** How errors name a refusal of the caller's token: a missing role has no message, a tenant claim at fault says what is wrong. */
    public static ErrorCode refusal(ForbiddenException e) {
        return e.getMessage() == null ? ErrorCode.ROLE_MISSING : NO_TENANT.equals(e.getMessage()) ? ErrorCode.TENANT_MISSING : ErrorCode.TENANT_INVALID;
    }

    /** The arguments of {@link #refusal(ForbiddenException)}'s message. */
    public static List<String> refusalArgs(ForbiddenException e) {
        return e.getMessage() == null ? List.of() : List.of(e.getMessage());
    }
}
