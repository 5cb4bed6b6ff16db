package io.starloom.scheduler.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.vertx.core.json.JsonObject;

/**
 * The payload of a compact JWT read WITHOUT checking its signature. Used only to choose which issuer's keys
 * and rules will then verify it (and, after verification, to read claims by path): nothing read here before
 * verification is trusted.
 */
final class UnverifiedClaims {
    private UnverifiedClaims() {
    }

    /** The payload as JSON, or null when the token is not a compact JWS with a JSON object payload. */
    static JsonObject payload(String token) {
        if (token == null) {
            return null;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(first + 1, second)), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code iss} claim if it is a string, else null. */
    static String issuer(String token) {
        JsonObject payload = payload(token);
        return payload != null && payload.getValue("iss") instanceof String iss ? iss : null;
    }

    /** The bearer token of an Authorization header value, or null. */
    static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}
