package io.starloom.cli.auth;

import java.net.URI;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.client.Http;

/**
 * Finds the key id ("kid") under which an OIDC issuer publishes a signing key: services pick the
 * verification key by kid, so a token must carry exactly the issuer's. Reading it from the issuer's JWKS
 * (found through discovery) keeps the CLI right whatever rule the issuer uses to name its keys.
 */
public final class IssuerKeys {
    private IssuerKeys() {
    }

    /**
     * The kid of {@code key} in the issuer's JWKS, or the key's RFC 7638 thumbprint (the devstack's own rule)
     * when the issuer cannot be asked.
     *
     * @throws CliException when the issuer publishes keys but not this one (its tokens would be refused)
     */
    public static String keyId(String issuer, SigningKey key) {
        Optional<JsonArray> published = publishedKeys(issuer);
        if (published.isEmpty()) {
            return key.thumbprint();
        }
        for (JsonElement element : published.get()) {
            JsonObject jwk = element.getAsJsonObject();
            if (matches(jwk, "kty", "RSA") && matches(jwk, "n", key.modulus()) && matches(jwk, "e", key.exponent()) && jwk.has("kid")) {
                return jwk.get("kid").getAsString();
            }
        }
        throw new CliException("the issuer " + issuer + " does not publish the dev signing key; is it the key of the running devstack?",
                ExitCode.BAD_INPUT);
    }

    /** The "keys" of the issuer's JWKS; empty when the issuer does not answer with discovery and a JWKS. */
    static Optional<JsonArray> publishedKeys(String issuer) {
        try {
            URI discovery = URI.create(issuer.replaceAll("/$", "") + "/.well-known/openid-configuration");
            JsonObject configuration = JsonParser.parseString(Http.getText(discovery, null)).getAsJsonObject();
            JsonObject jwks = JsonParser.parseString(Http.getText(URI.create(configuration.get("jwks_uri").getAsString()), null))
                    .getAsJsonObject();
            return Optional.ofNullable(jwks.getAsJsonArray("keys"));
        } catch (RuntimeException unreachableOrMalformed) {
            // CliException (no answer, error status), or JSON without the expected members
            return Optional.empty();
        }
    }

    private static boolean matches(JsonObject jwk, String member, String value) {
        return jwk.has(member) && jwk.get(member).getAsString().equals(value);
    }
}
