package io.starloom.scheduler.identity;

import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.starloom.contracts.Roles;
import io.vertx.core.json.JsonObject;

/**
 * Turns a verified token into a Starloom caller: the issuer's role names mapped to ours and the tenant read
 * from the issuer's tenant claim. A token whose tenant claim is unusable keeps its identity but carries the
 * reason instead of a tenant, so that the API answers 403 with that reason (CallerResolver) rather than a bare
 * 401. An admin also reads (story-reader): admins see every tenant, and each such read is audited.
 */
@ApplicationScoped
public class StarloomIdentityAugmentor implements SecurityIdentityAugmentor {
    /** The caller's tenant (a String), set when the token names exactly one tenant its issuer may act for. */
    public static final String TENANT = "starloom.tenant";
    /** Why the token names no usable tenant (a String), set instead of {@link #TENANT}. */
    public static final String TENANT_PROBLEM = "starloom.tenant-problem";
    /** The issuer profile's name ("default" or the partner's). */
    public static final String ISSUER = "starloom.issuer";

    private final Issuers issuers;

    public StarloomIdentityAugmentor(Issuers issuers) {
        this.issuers = issuers;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        IssuerProfile profile = issuers.profile(token.getIssuer());
        JsonObject claims = UnverifiedClaims.payload(token.getRawToken());
        if (profile == null || claims == null) {
            // quarkus-oidc verified it against a tenant whose issuer we do not know: trust none of its claims.
            return Uni.createFrom().item(rebuild(identity, Set.of(), null, "the token's issuer is not trusted", "none"));
        }
        Set<String> roles = new HashSet<>(profile.starloomRoles(identity.getRoles()));
        if (roles.contains(Roles.ADMIN)) {
            roles.add(Roles.STORY_READER);
        }
        TenantClaim.Reading tenant = TenantClaim.read(claims, profile.tenantClaim(), profile);
        return Uni.createFrom().item(rebuild(identity, roles, tenant.tenant(), tenant.problem(), profile.name()));
    }

    private static SecurityIdentity rebuild(SecurityIdentity identity, Set<String> roles, String tenant, String problem,
            String issuer) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles)
                .addAttribute(ISSUER, issuer);
        if (tenant != null) {
            builder.addAttribute(TENANT, tenant);
        } else {
            builder.addAttribute(TENANT_PROBLEM, problem);
        }
        return builder.build();
    }
}
