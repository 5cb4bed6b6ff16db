package io.starloom.scheduler.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.starloom.devstack.DevStackTestResource;

/**
 * Tokens as an attacker or a misconfigured provider would send them: a properly minted devstack token,
 * its header and claims changed, then signed with the issuer's key (a provider's mistake), another key
 * (a forgery) or not at all (alg none).
 */
final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final PrivateKey STRANGER = strangerKey();

    private Tokens() {
    }

    /** A valid token of the devstack issuer. */
    static String valid(String tenant, String... roles) {
        return DevStackTestResource.stack().mintToken("tester", tenant, Set.of(roles));
    }

    /** A valid token whose claims were changed and that the issuer then signed properly. */
    static String issuerSigned(String tenant, Consumer<ObjectNode> claims, String... roles) {
        String[] parts = valid(tenant, roles).split("\\.");
        return sign(header(parts[0], h -> { }), changed(parts[1], claims), issuerKey());
    }

    /** Header and claims changed, signed by a key the issuer never published. */
    static String strangerSigned(String tenant, Consumer<ObjectNode> header, Consumer<ObjectNode> claims, String... roles) {
        String[] parts = valid(tenant, roles).split("\\.");
        return sign(header(parts[0], header), changed(parts[1], claims), STRANGER);
    }

    /** The issuer's valid token re-labelled {@code alg: none} and sent without a signature. */
    static String unsigned(String tenant, String... roles) {
        String[] parts = valid(tenant, roles).split("\\.");
        return header(parts[0], h -> h.put("alg", "none")) + "." + parts[1] + ".";
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String header(String encoded, Consumer<ObjectNode> change) {
        return changed(encoded, change);
    }

    private static String changed(String encoded, Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(encoded));
            change.accept(node);
            return B64URL.encodeToString(JSON.writeValueAsBytes(node));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String header, String claims, PrivateKey key) {
        String signingInput = header + "." + claims;
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey issuerKey() {
        try {
            String pem = Files.readString(Path.of(DevStackTestResource.stack().env().get("STARLOOM_OIDC_SIGNING_KEY")));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
