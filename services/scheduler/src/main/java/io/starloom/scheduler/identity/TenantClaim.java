package io.starloom.scheduler.identity;

import io.vertx.core.json.JsonObject;

/**
 * Reads the tenant from a verified token's claims: exactly one non-empty string at the configured path, or a
 * reason why not. A list, even of one element, is refused rather than flattened: ["tenant-a"] must never
 * become a tenant called "[tenant-a]" nor silently "tenant-a".
 */
final class TenantClaim {
    /** The tenant column is VARCHAR(128). */
    static final int MAX_LENGTH = 128;

    private TenantClaim() {
    }

    /** The outcome: a tenant or, when the token cannot name one, why. */
    record Reading(String tenant, String problem) {
    }

    static Reading read(JsonObject claims, String path, IssuerProfile issuer) {
        Object value = claims;
        for (String step : path.split("/")) {
            value = value instanceof JsonObject object ? object.getValue(step) : null;
        }
        String claim = "claim '" + path + "'";
        if (value == null) {
            return new Reading(null, "the token names no tenant (" + claim + " is missing)");
        }
        if (!(value instanceof String tenant)) {
            return new Reading(null, "the token's " + claim + " must be one string naming one tenant, not "
                    + (value instanceof io.vertx.core.json.JsonArray ? "a list" : "a " + kind(value)));
        }
        if (tenant.isBlank() || !tenant.strip().equals(tenant)) {
            return new Reading(null, "the token's " + claim + " is empty or padded with spaces");
        }
        if (tenant.length() > MAX_LENGTH) {
            return new Reading(null, "the token's " + claim + " is longer than " + MAX_LENGTH + " characters");
        }
        if (!issuer.mayActFor(tenant)) {
            return new Reading(null, "the token's issuer may not act for tenant '" + tenant + "'");
        }
        return new Reading(tenant, null);
    }

    private static String kind(Object value) {
        return value instanceof JsonObject ? "JSON object" : value instanceof Boolean ? "boolean" : value instanceof Number ? "number" : "value";
    }
}
