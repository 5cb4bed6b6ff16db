package io.starloom.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal OpenID Connect issuer for local runs and tests: discovery and JWKS over HTTP, RS256 tokens
 * signed with a key kept in the state directory. Services validate these tokens with the same
 * quarkus-oidc code and configuration that validates Keycloak's in production.
 */
final class LocalOidcIssuer implements AutoCloseable {
    static final String AUDIENCE = "starloom";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Path keyFile;
    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final HttpServer server;
    private final String issuer;

    /**
     * @param bindHost the address to listen on, e.g. 127.0.0.1
     * @param issuerHost the host in the issuer URL, as clients on this machine reach it
     */
    LocalOidcIssuer(Path keyFile, String bindHost, String issuerHost, int port) {
        this.keyFile = keyFile;
        KeyPair keys = loadOrCreateKey(keyFile);
        this.privateKey = (RSAPrivateCrtKey) keys.getPrivate();
        this.publicKey = (RSAPublicKey) keys.getPublic();
        this.keyId = thumbprint(publicKey);
        try {
            server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the OIDC issuer on " + bindHost + ":" + port, e);
        }
        issuer = "http://" + issuerHost + ":" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, discovery()));
        server.createContext("/jwks", exchange -> respond(exchange, jwks()));
        DevSignIn.register(server, this);
        server.start();
    }

    String issuer() {
        return issuer;
    }

    Path keyFile() {
        return keyFile;
    }

    /** An access token as an identity provider would issue it for this subject, tenant and roles. */
    String mintToken(String subject, String tenant, Collection<String> roles) {
        return mintToken(subject, tenant, roles, AUDIENCE, "");
    }

    /**
     * A token for an audience, e.g. a sign-in client's ID token ({@code aud} = its client id) carrying the nonce
     * the client sent to {@code /authorize} (none when blank).
     */
    String mintToken(String subject, String tenant, Collection<String> roles, String audience, String nonce) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
        String claims = "{\"iss\":" + json(issuer) + ",\"aud\":" + json(audience) + ",\"sub\":" + json(subject)
                + ",\"preferred_username\":" + json(subject) + ",\"tenant\":" + json(tenant)
                + ",\"groups\":[" + roles.stream().map(LocalOidcIssuer::json).collect(Collectors.joining(",")) + "]"
                + (nonce.isBlank() ? "" : ",\"nonce\":" + json(nonce))
                + ",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plusSeconds(3600).getEpochSecond()
                + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private String discovery() {
        return "{\"issuer\":" + json(issuer) + ",\"jwks_uri\":" + json(issuer + "/jwks")
                + ",\"authorization_endpoint\":" + json(issuer + DevSignIn.AUTHORIZE) + ",\"token_endpoint\":" + json(issuer + DevSignIn.TOKEN)
                + ",\"grant_types_supported\":[\"authorization_code\"],\"code_challenge_methods_supported\":[\"S256\"]"
                + ",\"token_endpoint_auth_methods_supported\":[\"none\"],\"scopes_supported\":[\"openid\"]"
                + ",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"]"
                + ",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private String jwks() {
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":" + json(keyId)
                + ",\"n\":" + json(unsigned(publicKey.getModulus())) + ",\"e\":" + json(unsigned(publicKey.getPublicExponent())) + "}]}";
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static KeyPair loadOrCreateKey(Path keyFile) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(keyFile)) {
                String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
                return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.createDirectories(keyFile.getParent());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Path tmp = Files.createTempFile(keyFile.getParent(), "key", ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(tmp, pem);
            Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + keyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unusable signing key " + keyFile, e);
        }
    }

    /** RFC 7638-style thumbprint, so the key id stays the same for the same key across restarts. */
    private static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\"" + unsigned(key.getModulus()) + "\"}";
        try {
            return B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return B64URL.encodeToString(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
