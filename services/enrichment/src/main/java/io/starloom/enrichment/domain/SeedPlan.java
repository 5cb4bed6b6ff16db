package io.starloom.enrichment.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Seeds that never change for a story's shot, so a retried or re-rendered shot looks the same: the
 * first 31 bits of SHA-256 over the story key and the shot index, i.e. 0..2^31-1 (the narrowest seed
 * range among the backends, DashScope's int32).
 */
final class SeedPlan {

    private SeedPlan() {
    }

    static long seed(String storyKey, int shotIndex) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((storyKey + "#" + shotIndex).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt() & 0x7fffffffL;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
