package io.starloom.scheduler.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.runtime.OidcConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * Every issuer the API trusts, by its exact {@code iss}: the default one (quarkus.oidc.*) and each partner
 * (starloom.identity.partners.*). A partner's quarkus-oidc tenant is the default tenant's settings (JWKS
 * caching, no introspection, audience) with the partner's URL, issuer, audience and role claim in place, so
 * the rotation-safe defaults apply to every partner without being repeated per partner.
 */
@ApplicationScoped
public class Issuers {
    private final IssuerProfile defaultProfile;
    private final String defaultIssuer;
    private final Map<String, IssuerProfile> partnersByIssuer = new LinkedHashMap<>();
    private final Map<String, OidcTenantConfig> partnerTenants = new LinkedHashMap<>();

    public Issuers(IdentityConfig identity, Config config) {
        OidcConfig oidc = config.unwrap(SmallRyeConfig.class).getConfigMapping(OidcConfig.class);
        io.quarkus.oidc.runtime.OidcTenantConfig defaults = OidcConfig.getDefaultTenant(oidc);
        this.defaultProfile = IssuerProfile.defaults(identity);
        this.defaultIssuer = normalise(defaults.token().issuer().or(defaults::authServerUrl).orElse(""));
        identity.partners().forEach((name, partner) -> {
            IssuerProfile profile = IssuerProfile.partner(name, partner);
            String issuer = normalise(partner.issuer());
            if (issuer.equals(defaultIssuer) || partnersByIssuer.containsKey(issuer)) {
                throw new IllegalStateException("starloom.identity.partners." + name + ".issuer " + partner.issuer()
                        + " is already trusted: one entry per issuer");
            }
            partnersByIssuer.put(issuer, profile);
            partnerTenants.put(issuer, tenantConfig(defaults, name, partner));
        });
    }

    private static OidcTenantConfig tenantConfig(io.quarkus.oidc.runtime.OidcTenantConfig defaults, String name,
            IdentityConfig.Partner partner) {
        var builder = new io.quarkus.oidc.OidcTenantConfigBuilder(defaults)
                .tenantId(name)
                .authServerUrl(partner.authServerUrl().orElse(partner.issuer()));
        builder.token().issuer(partner.issuer())
                .audience(partner.audience().orElse(defaults.token().audience().orElse(java.util.List.of())))
                .end();
        partner.roleClaim().ifPresent(paths -> builder.roles().roleClaimPath(paths).end());
        return builder.build();
    }

    /** The profile of a verified token's issuer. */
    public IssuerProfile profile(String issuer) {
        if (issuer == null) {
            return null;
        }
        String key = normalise(issuer);
        return key.equals(defaultIssuer) ? defaultProfile : partnersByIssuer.get(key);
    }

    boolean isDefault(String issuer) {
        return issuer != null && normalise(issuer).equals(defaultIssuer);
    }

    /** The partner tenant that validates tokens of this issuer, if it is a partner's. */
    Optional<OidcTenantConfig> partnerTenant(String issuer) {
        return issuer == null ? Optional.empty() : Optional.ofNullable(partnerTenants.get(normalise(issuer)));
    }

    /** Issuers compare as given, but a trailing slash is not a different issuer. */
    private static String normalise(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
