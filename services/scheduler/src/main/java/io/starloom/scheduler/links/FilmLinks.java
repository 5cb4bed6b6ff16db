package io.starloom.scheduler.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.starloom.scheduler.application.FilmFiles;
import io.starloom.scheduler.domain.ErrorCode;
import io.starloom.scheduler.domain.LocalizedException;

/**
 * Signed, expiring download links: {@code base64url(story|kind|tenant|expiry) . base64url(HMAC-SHA256)}. The
 * link names the tenant it was made for, so the file is still looked up within that tenant.
 */
@ApplicationScoped
public class FilmLinks {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    /** What a valid link grants. */
    public record Grant(String storyId, FilmFiles.Kind kind, String tenant, Instant expires) {
    }

    /** A link that is not one of ours (404) or has expired (410). */
    public static class InvalidLinkException extends LocalizedException {
        InvalidLinkException(ErrorCode code, Object... args) {
            super(code, args);
        }

        public boolean expired() {
            return code() == ErrorCode.LINK_EXPIRED;
        }
    }

    private final LinkConfig config;
    private final SecretKeySpec key;
    private final Clock clock;

    @Inject
    public FilmLinks(LinkConfig config) {
        this(config, Clock.systemUTC());
    }

    FilmLinks(LinkConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        byte[] secret = config.secret().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(FilmLinks::randomKey);
        if (secret.length < 32) {
            throw new IllegalStateException("starloom.links.secret must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public Grant grant(String storyId, FilmFiles.Kind kind, String tenant) {
        return new Grant(storyId, kind, tenant, clock.instant().plus(config.ttl()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    public String token(Grant grant) {
        String payload = B64.encodeToString((grant.storyId() + "|" + grant.kind() + "|" + grant.tenant() + "|"
                + grant.expires().getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The grant of a link, after checking its signature and then its expiry. */
    public Grant verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            throw new InvalidLinkException(ErrorCode.LINK_NOT_FOUND);
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        try {
            signature = B64_DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidLinkException(ErrorCode.LINK_NOT_FOUND);
        }
        if (!MessageDigest.isEqual(signature, mac(payload))) {
            throw new InvalidLinkException(ErrorCode.LINK_NOT_FOUND);
        }
        String[] parts = new String(B64_DECODER.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        Grant grant = new Grant(UUID.fromString(parts[0]).toString(), FilmFiles.Kind.valueOf(parts[1]), parts[2],
                Instant.ofEpochSecond(Long.parseLong(parts[3])));
        if (!clock.instant().isBefore(grant.expires())) {
            throw new InvalidLinkException(ErrorCode.LINK_EXPIRED, grant.expires());
        }
        return grant;
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
