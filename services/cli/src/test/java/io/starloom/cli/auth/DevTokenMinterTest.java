package io.starloom.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.starloom.cli.CliException;
import io.starloom.cli.ExitCode;
import io.starloom.cli.TestKeys;

class DevTokenMinterTest {
    @TempDir
    Path dir;

    @Test
    void mintedTokenVerifiesWithThePublicKeyAndCarriesTheClaimsServicesCheck() throws Exception {
        KeyPair keys = TestKeys.generate();
        SigningKey key = SigningKey.read(TestKeys.writePem(keys, dir));
        Instant now = Instant.parse("2026-11-24T03:00:00Z");

        String jwt = new DevTokenMinter(key, "kid-1", "http://127.0.0.1:4711").mint("local-user", "local",
                List.of("story-writer", "story-reader"), now);

        assertThat(TestKeys.signatureValid(jwt, keys)).isTrue();
        JsonObject header = TestKeys.part(jwt, 0);
        assertThat(header.get("alg").getAsString()).isEqualTo("RS256");
        assertThat(header.get("kid").getAsString()).isEqualTo("kid-1");
        JsonObject claims = TestKeys.part(jwt, 1);
        assertThat(claims.get("iss").getAsString()).isEqualTo("http://127.0.0.1:4711");
        assertThat(claims.get("aud").getAsString()).isEqualTo("starloom");
        assertThat(claims.get("sub").getAsString()).isEqualTo("local-user");
        assertThat(claims.get("tenant").getAsString()).isEqualTo("local");
        assertThat(claims.getAsJsonArray("groups").asList()).extracting(e -> e.getAsString()).containsExactly("story-writer", "story-reader");
        assertThat(claims.get("iat").getAsLong()).isEqualTo(now.getEpochSecond());
        assertThat(claims.get("exp").getAsLong()).isEqualTo(now.getEpochSecond() + 3600);
        assertThat(claims.get("jti").getAsString()).isNotBlank();
    }

    @Test
    void tokenSignedWithAnotherKeyDoesNotVerify() throws Exception {
        SigningKey key = SigningKey.read(TestKeys.writePem(TestKeys.generate(), dir));
        String jwt = new DevTokenMinter(key, "k", "http://issuer").mint("u", "t", List.of("story-reader"), Instant.now());

        assertThat(TestKeys.signatureValid(jwt, TestKeys.generate())).isFalse();
    }

    @Test
    void thumbprintFollowsRfc7638() throws Exception {
        // The example key of RFC 7638 section 3.1 and its published thumbprint.
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode("0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"));
        BigInteger e = BigInteger.valueOf(65537);
        // Any private exponent will do: only the public parts enter the thumbprint.
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(
                new RSAPrivateCrtKeySpec(n, e, BigInteger.TWO, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE));

        SigningKey key = new SigningKey(privateKey);

        assertThat(key.thumbprint()).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        assertThat(((RSAPublicKey) key.publicKey()).getModulus()).isEqualTo(n);
    }

    @Test
    void missingOrForeignKeyFilesAreBadInput() throws Exception {
        assertThatThrownBy(() -> SigningKey.read(dir.resolve("nope.pem"))).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        Path certificate = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> SigningKey.read(certificate)).isInstanceOf(CliException.class).hasMessageContaining("PKCS#8");
        Path garbage = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> SigningKey.read(garbage)).isInstanceOfSatisfying(CliException.class,
                ex -> assertThat(ex.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }
}
