package io.starloom.scheduler.webhooks.config;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.starloom.scheduler.webhooks.domain.SecretSeal;

/**
 * The key webhook signing secrets are sealed with, from {@code starloom.webhooks.secret-key} (a Kubernetes
 * Secret, or the launcher's per-installation file). Without one the scheduler does not start, except in dev and
 * test mode, which make a key for the run.
 */
@ApplicationScoped
public class SecretSealProducer {
    private static final Logger LOG = Logger.getLogger(SecretSealProducer.class);

    @Produces
    @Singleton
    SecretSeal seal(WebhookConfig config) {
        Optional<String> key = config.secretKey().filter(value -> !value.isBlank());
        if (key.isEmpty()) {
            if (!LaunchMode.current().isDevOrTest()) {
                throw new IllegalStateException("starloom.webhooks.secret-key (STARLOOM_WEBHOOKS_SECRET_KEY) is not set: webhook signing "
                        + "secrets are stored encrypted with it. Make one with: head -c 32 /dev/urandom | base64 (docs/operations.md, Secrets)");
            }
            LOG.warn("no starloom.webhooks.secret-key: a key made for this run seals webhook secrets (dev and test mode only)");
            key = Optional.of(SecretSeal.newKey());
        }
        try {
            return new SecretSeal(key.get(), config.previousSecretKeys().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
