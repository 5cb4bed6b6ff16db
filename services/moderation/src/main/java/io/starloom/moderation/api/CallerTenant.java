package io.starloom.moderation.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.starloom.contracts.Roles;

/** The caller's tenant and subject, from the validated access token: whose policy applies, who changed a list. */
@ApplicationScoped
public class CallerTenant {
    private final JsonWebToken token;

    public CallerTenant(JsonWebToken token) {
        this.token = token;
    }

    /** The tenant claim; empty when the token has none (the default policy applies). */
    public String tenant() {
        Object claim = token.getClaim(Roles.TENANT_CLAIM);
        return claim == null ? "" : claim.toString();
    }

    public String subject() {
        return token.getSubject() == null ? "unknown" : token.getSubject();
    }
}
