package io.starloom.scheduler.links;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Download links that need no bearer token and expire. */
@ConfigMapping(prefix = "starloom.links")
public interface LinkConfig {
    /** How long a link works after it is made. */
    @WithDefault("10M")
    Duration ttl();

    /**
     * The HMAC-SHA256 key, at least 32 characters, the same on every scheduler replica (from a Secret). Absent:
     * a random key per process, so links work only on the replica that made them and not after a restart.
     */
    Optional<String> secret();
}
