package io.starloom.scheduler.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may call the public API and how their tokens are read. The default issuer is quarkus-oidc's own
 * ({@code quarkus.oidc.auth-server-url}, the devstack locally); every partner with an identity provider of its
 * own is one entry under {@code starloom.identity.partners}, chosen by the token's {@code iss}.
 */
@ConfigMapping(prefix = "starloom.identity")
public interface IdentityConfig {
    /** Claim naming the tenant in the default issuer's tokens; '/' descends into objects (realm_access/tenant). */
    @WithDefault("tenant")
    String tenantClaim();

    /** Partner role name to Starloom roles (Roles.*); when not empty only mapped roles count. */
    Map<String, List<String>> roleMapping();

    /** The tenants the default issuer may name; absent: any. */
    Optional<List<String>> tenants();

    /** How long a verified bearer token is trusted again without being verified again. */
    VerifiedTokenReuse verifiedTokens();

    /** Partners on their own identity provider, by a short name of our choosing (also the OIDC tenant id). */
    Map<String, Partner> partners();

    interface Partner {
        /** The exact {@code iss} of the partner's tokens. */
        String issuer();

        /** Where discovery and JWKS are found; the issuer when absent (Keycloak, Okta, Entra ID v2). */
        Optional<String> authServerUrl();

        /** Accepted audiences; quarkus.oidc.token.audience (starloom) when absent. */
        Optional<List<String>> audience();

        /** Claim paths holding the partner's roles ('/' descends into objects); groups when absent. */
        Optional<List<String>> roleClaim();

        /** Claim naming the tenant ('/' descends into objects). */
        @WithDefault("tenant")
        String tenantClaim();

        /** Partner role name to Starloom roles; when not empty only mapped roles count. */
        Map<String, List<String>> roleMapping();

        /** The Starloom tenants this partner may act for: a token naming any other is refused. */
        List<String> tenants();
    }

    /**
     * A token that passed verification is trusted again for its next requests, as API gateways do, never past its
     * own {@code exp}. A key removed from the issuer's JWKS stops its tokens up to {@link #reuse()} later than the
     * key cache alone would.
     */
    interface VerifiedTokenReuse {
        /** At most this long after its verification; 0 verifies every request. */
        @WithDefault("10s")
        Duration reuse();

        /** Tokens remembered at once (the least recently used go first). */
        @WithDefault("10000")
        int maxTokens();
    }
}
