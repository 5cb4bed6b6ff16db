package io.starloom.scheduler.webhooks.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.starloom.scheduler.webhooks.domain.SecretSeal;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * At start, before the first delivery: seals the secrets V81 left in plain form and re-seals those of a previous
 * key with the current one, so that after a rotation the old key can be dropped once every replica ran with the
 * new one. A secret of a key that is not configured stops the start (in dev and test mode, whose key is made for
 * the run, it is only logged): those webhooks could never be signed. Replicas starting together may both re-seal
 * a row; each update checks the row is still as it read it, and both results open.
 */
@ApplicationScoped
public class SecretResealing {
    private static final Logger LOG = Logger.getLogger(SecretResealing.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SecretSeal seal;
    private final Pool pool;

    public SecretResealing(SecretSeal seal, Pool pool) {
        this.seal = seal;
        this.pool = pool;
    }

    void reseal(@Observes StartupEvent start) {
        reseal(!LaunchMode.current().isDevOrTest());
    }

    /**
     * Seals and re-seals what needs it; answers how many rows it changed.
     *
     * @param strict fail on a secret of a key that is not configured, rather than log it and leave it
     * @throws IllegalStateException naming the unknown key ids and the settings to put them in
     */
    public int reseal(boolean strict) {
        List<Row> stale = pool.preparedQuery("SELECT id, tenant, secret, key_id FROM webhook_secret WHERE key_id IS DISTINCT FROM $1")
                .execute(Tuple.of(seal.currentKeyId())).await().atMost(TIMEOUT).stream().toList();
        List<String> unknown = stale.stream().map(row -> row.getString("key_id")).filter(id -> id != null && !seal.keyIds().contains(id))
                .distinct().toList();
        if (!unknown.isEmpty()) {
            String message = stale.stream().filter(row -> unknown.contains(row.getString("key_id"))).count() + " webhook secrets were sealed with key(s) "
                    + unknown + ", neither starloom.webhooks.secret-key (" + seal.currentKeyId() + ") nor one of starloom.webhooks.previous-secret-keys: "
                    + "configure the key they were sealed with (as a previous key), or their webhooks cannot be signed";
            if (strict) {
                throw new IllegalStateException(message);
            }
            LOG.warn(message);
        }
        int resealed = 0;
        List<String> damaged = new ArrayList<>();
        for (Row row : stale) {
            String keyId = row.getString("key_id");
            if (keyId != null && unknown.contains(keyId)) {
                continue;
            }
            UUID id = row.getUUID("id");
            String tenant = row.getString("tenant");
            String plain;
            try {
                plain = keyId == null ? row.getString("secret") : seal.open(id, tenant, new SecretSeal.Sealed(keyId, row.getString("secret")));
            } catch (SecretSeal.UnopenableException e) {
                damaged.add(e.getMessage());
                continue;
            }
            SecretSeal.Sealed sealed = seal.seal(id, tenant, plain);
            resealed += pool.preparedQuery("UPDATE webhook_secret SET secret = $1, key_id = $2 WHERE id = $3 AND secret = $4 AND key_id IS NOT DISTINCT FROM $5")
                    .execute(Tuple.of(sealed.text(), sealed.keyId(), id, row.getString("secret"), keyId)).await().atMost(TIMEOUT).rowCount();
        }
        if (!damaged.isEmpty()) {
            String message = String.join("; ", damaged) + ": is one of starloom.webhooks.previous-secret-keys not the key it was sealed with?";
            if (strict) {
                throw new IllegalStateException(message);
            }
            LOG.warn(message);
        }
        if (resealed > 0) {
            LOG.infof("%d webhook secrets sealed with key %s", resealed, seal.currentKeyId());
        }
        return resealed;
    }
}
