package io.starloom.cli.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;

/** An RSA private key in a PKCS#8 PEM file (as the devstack writes it), able to sign RS256 tokens. */
public final class SigningKey {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;

    SigningKey(RSAPrivateCrtKey privateKey) {
        this.privateKey = privateKey;
        try {
            this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }

    /** @throws CliException (bad input) when the file is missing or holds no PKCS#8 RSA private key */
    public static SigningKey read(Path pemFile) {
        String pem;
        try {
            pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CliException("cannot read the dev signing key " + pemFile + " (" + e + ")", ExitCode.BAD_INPUT, e);
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new CliException("the dev signing key " + pemFile + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)",
                    ExitCode.BAD_INPUT);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return new SigningKey((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new CliException("the dev signing key " + pemFile + " is not an RSA private key (" + e.getMessage() + ")",
                    ExitCode.BAD_INPUT, e);
        }
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The modulus as a JWK writes it (base64url, unsigned big-endian). */
    String modulus() {
        return unsigned(publicKey.getModulus());
    }

    /** The public exponent as a JWK writes it. */
    String exponent() {
        return unsigned(publicKey.getPublicExponent());
    }

    /** RFC 7638 JWK thumbprint: the key id the devstack derives for its key. */
    String thumbprint() {
        String canonical = "{\"e\":\"" + exponent() + "\",\"kty\":\"RSA\",\"n\":\"" + modulus() + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256"). */
    byte[] sign(byte[] input) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(input);
            return rs256.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with an RSA key", e);
        }
    }

    static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64URL.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }
}
