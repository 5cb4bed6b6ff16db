package io.starloom.cli.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Mints the access tokens an identity provider would issue, signed with a local issuer's key: for a devstack,
 * whose services validate them with the same quarkus-oidc code (issuer, audience, signature, expiry) as in
 * production. Claims: iss, aud "starloom", sub, groups (roles), tenant, iat, exp, jti; header kid.
 */
public final class DevTokenMinter {
    public static final String AUDIENCE = "starloom";
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKey key;
    private final String keyId;
    private final String issuer;

    public DevTokenMinter(SigningKey key, String keyId, String issuer) {
        this.key = key;
        this.keyId = keyId;
        this.issuer = issuer;
    }

    public String mint(String subject, String tenant, Collection<String> roles, Instant now) {
        JsonObject header = new JsonObject();
        header.addProperty("alg", "RS256");
        header.addProperty("typ", "JWT");
        header.addProperty("kid", keyId);
        JsonObject claims = new JsonObject();
        claims.addProperty("iss", issuer);
        claims.addProperty("aud", AUDIENCE);
        claims.addProperty("sub", subject);
        claims.addProperty("preferred_username", subject);
        claims.addProperty("tenant", tenant);
        JsonArray groups = new JsonArray();
        roles.forEach(groups::add);
        claims.add("groups", groups);
        claims.addProperty("iat", now.getEpochSecond());
        claims.addProperty("exp", now.plus(LIFETIME).getEpochSecond());
        claims.addProperty("jti", UUID.randomUUID().toString());
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + B64URL.encodeToString(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(JsonObject part) {
        return B64URL.encodeToString(part.toString().getBytes(StandardCharsets.UTF_8));
    }
}
