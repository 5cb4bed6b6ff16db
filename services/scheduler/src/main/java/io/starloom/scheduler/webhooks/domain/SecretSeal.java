package io.starloom.scheduler.webhooks.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signing secrets at rest: AES-256-GCM with the current key, opened with the current or a previous one.
 * A sealed secret is stored with the id of the key that sealed it, the first 8 bytes of the key's SHA-256 in hex
 * (so an id names a key without revealing it, and a wrong key is told apart from a damaged value). The row's
 * id and tenant are the associated data: a sealed value copied onto another row or tenant does not open.
 */
public final class SecretSeal {
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret as stored: the ciphertext (base64 of IV, ciphertext and tag) and the id of its key. */
    public record Sealed(String keyId, String text) {
    }

    /** A value that cannot be opened: its key is not configured, or it does not match its row or key. */
    public static final class UnopenableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnopenableException(String message) {
            super(message);
        }
    }

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    private SecretSeal(SecretSeal base, List<String> previous) {
        this.currentId = base.currentId;
        this.keys.putAll(base.keys);
        for (String key : previous) {
            add("starloom.webhooks.previous-secret-keys", key);
        }
    }

    /**
     * @param current the base64 of the 32-byte key new secrets are sealed with
     * @param previous keys of earlier rotations, still opened (and re-sealed with the current one)
     * @throws IllegalArgumentException naming which setting is not a base64 32-byte key
     */
    public SecretSeal(String current, List<String> previous) {
        this.currentId = add("starloom.webhooks.secret-key", current);
        for (String key : previous) {
            add("starloom.webhooks.previous-secret-keys", key);
        }
    }

    /** A random key in the configuration's form (base64 of 32 bytes). */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** This seal, opening also what {@code previous} sealed: a rotation's view of the same current key. */
    public SecretSeal withPreviousKeys(List<String> previous) {
        return new SecretSeal(this, previous);
    }

    public String currentKeyId() {
        return currentId;
    }

    public Set<String> keyIds() {
        return Set.copyOf(keys.keySet());
    }

    public Sealed seal(UUID rowId, String tenant, String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentId), iv, rowId, tenant);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(currentId, Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret in plain form; never logged. */
    public String open(UUID rowId, String tenant, Sealed sealed) {
        SecretKeySpec key = Optional.ofNullable(sealed.keyId()).map(keys::get).orElseThrow(() -> new UnopenableException(
                "webhook secret " + rowId + " was sealed with key " + sealed.keyId() + ", which is not configured"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.text());
        } catch (IllegalArgumentException e) {
            throw new UnopenableException("webhook secret " + rowId + " is not a sealed value");
        }
        if (bytes.length <= IV_BYTES) {
            throw new UnopenableException("webhook secret " + rowId + " is not a sealed value");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, IV_BYTES), rowId, tenant);
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // GCM's tag did not verify: the value was altered or belongs to another row.
            throw new UnopenableException("webhook secret " + rowId + " does not open with key " + sealed.keyId() + " (altered or moved)");
        }
    }

    private String add(String setting, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64; make one with: head -c 32 /dev/urandom | base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(setting + " must be the base64 of 32 random bytes (AES-256), not " + key.length
                    + "; make one with: head -c 32 /dev/urandom | base64");
        }
        String id = id(key);
        keys.putIfAbsent(id, new SecretKeySpec(key, "AES"));
        return id;
    }

    private static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv, UUID rowId, String tenant) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(("starloom-webhook-secret:" + rowId + ":" + tenant).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
