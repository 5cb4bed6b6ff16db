package io.starloom.scheduler.identity;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Chooses the quarkus-oidc tenant that verifies a bearer token from its unverified {@code iss}: a partner's
 * tenant for a partner's issuer, the default tenant for the default issuer (and for anything that is not a
 * JWT, which the default tenant then refuses). A token from an issuer nobody configured is handed to a
 * disabled tenant: it is refused (401) without fetching anybody's keys, so it can neither make the API
 * re-fetch a JWKS nor be tried against an introspection endpoint.
 */
@ApplicationScoped
public class IssuerTenantResolver implements TenantConfigResolver {
    static final String UNKNOWN_ISSUER_TENANT = "unknown-issuer";
    private static final OidcTenantConfig UNKNOWN_ISSUER = OidcTenantConfig.builder()
            .tenantId(UNKNOWN_ISSUER_TENANT).tenantEnabled(false).build();

    private final Issuers issuers;

    public IssuerTenantResolver(Issuers issuers) {
        this.issuers = issuers;
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        String issuer = UnverifiedClaims.issuer(UnverifiedClaims.bearer(context.request().getHeader("Authorization")));
        if (issuer == null || issuers.isDefault(issuer)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(issuers.partnerTenant(issuer).orElse(UNKNOWN_ISSUER));
    }
}
