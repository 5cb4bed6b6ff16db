package io.starloom.scheduler.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one issuer's tokens are read: its tenant claim, the tenants it may name and its role names.
 *
 * @param oidcTenant the quarkus-oidc tenant id that validates its tokens (null: the default tenant)
 * @param allowedTenants the tenants it may name; empty: any
 * @param deniedTenants the tenants it may never name: for the default issuer, every partner's, so that a
 *        partner's tenants are the partner's alone
 */
public record IssuerProfile(String name, String oidcTenant, String tenantClaim, Set<String> allowedTenants,
        Set<String> deniedTenants, Map<String, List<String>> roleMapping) {

    static IssuerProfile defaults(IdentityConfig config) {
        Set<String> partnerTenants = config.partners().values().stream().flatMap(p -> p.tenants().stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new IssuerProfile("default", null, config.tenantClaim(), Set.copyOf(config.tenants().orElse(List.of())),
                partnerTenants, Map.copyOf(config.roleMapping()));
    }

    static IssuerProfile partner(String name, IdentityConfig.Partner partner) {
        if (partner.tenants().isEmpty()) {
            throw new IllegalStateException("starloom.identity.partners." + name + ".tenants is empty: a partner must be"
                    + " mapped to the tenants it may act for");
        }
        return new IssuerProfile(name, name, partner.tenantClaim(), Set.copyOf(partner.tenants()), Set.of(),
                Map.copyOf(partner.roleMapping()));
    }

    /** Whether this issuer may act for the tenant. */
    boolean mayActFor(String tenant) {
        return !deniedTenants.contains(tenant) && (allowedTenants.isEmpty() || allowedTenants.contains(tenant));
    }

    /** The Starloom roles for the roles a token carries: mapped ones only, or as they are without a mapping. */
    Set<String> starloomRoles(Set<String> tokenRoles) {
        if (roleMapping.isEmpty()) {
            return tokenRoles;
        }
        return tokenRoles.stream().flatMap(role -> Optional.ofNullable(roleMapping.get(role)).orElse(List.of()).stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
