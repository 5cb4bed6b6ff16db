package io.starloom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** RSA keys written the way the devstack writes its signing key, and JWT checks with the public half. */
public final class TestKeys {
    private TestKeys() {
    }

    public static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The private key as a PKCS#8 PEM file, as the devstack's oidc-signing-key.pem. */
    public static Path writePem(KeyPair keys, Path dir) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(dir.resolve("oidc-signing-key.pem"), pem);
    }

    /** Whether the JWT's RS256 signature verifies with the public key. */
    public static boolean signatureValid(String jwt, KeyPair keys) throws GeneralSecurityException {
        int lastDot = jwt.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.getPublic());
        rs256.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(jwt.substring(lastDot + 1)));
    }

    /** Part 0 (header) or 1 (claims) of a JWT. */
    public static JsonObject part(String jwt, int index) {
        return JsonParser.parseString(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }
}
