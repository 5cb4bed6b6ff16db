package io.starloom.scheduler.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.starloom.scheduler.webhooks.domain.SecretSeal;
import io.starloom.scheduler.webhooks.domain.WebhookSignature;

class SecretSealTest {
    private static final String OLD = SecretSeal.newKey();
    private static final String NEW = SecretSeal.newKey();
    private final UUID row = UUID.randomUUID();
    private final String secret = WebhookSignature.newSecret();

    @Test
    void aSealedSecretHidesTheSecretAndOpensToIt() {
        SecretSeal seal = new SecretSeal(NEW, List.of());
        SecretSeal.Sealed sealed = seal.seal(row, "tenant-a", secret);
        assertThat(sealed.keyId()).isEqualTo(seal.currentKeyId()).hasSize(16);
        assertThat(sealed.text()).isNotEqualTo(secret).doesNotContain(secret.substring(6, 20));
        assertThat(seal.seal(row, "tenant-a", secret).text()).as("a fresh IV each time").isNotEqualTo(sealed.text());
        assertThat(seal.open(row, "tenant-a", sealed)).isEqualTo(secret);
    }

    @Test
    void aPreviousKeyStillOpensWhatItSealed() {
        SecretSeal.Sealed before = new SecretSeal(OLD, List.of()).seal(row, "tenant-a", secret);
        SecretSeal rotated = new SecretSeal(NEW, List.of(OLD));
        assertThat(rotated.open(row, "tenant-a", before)).isEqualTo(secret);
        assertThat(rotated.seal(row, "tenant-a", secret).keyId()).isNotEqualTo(before.keyId()).isEqualTo(rotated.currentKeyId());
        assertThat(rotated.keyIds()).containsExactlyInAnyOrder(before.keyId(), rotated.currentKeyId());
    }

    @Test
    void anotherKeyAnotherRowOrAnAlteredValueDoNotOpen() {
        SecretSeal.Sealed sealed = new SecretSeal(OLD, List.of()).seal(row, "tenant-a", secret);
        assertThatThrownBy(() -> new SecretSeal(NEW, List.of()).open(row, "tenant-a", sealed))
                .isInstanceOf(SecretSeal.UnopenableException.class).hasMessageContaining(sealed.keyId()).hasMessageContaining("not configured")
                .hasMessageNotContaining(secret);
        // The same key id with other bytes behind it (a key replaced in place): the tag does not verify.
        SecretSeal other = new SecretSeal(NEW, List.of());
        assertThatThrownBy(() -> other.open(row, "tenant-a", new SecretSeal.Sealed(other.currentKeyId(), sealed.text())))
                .isInstanceOf(SecretSeal.UnopenableException.class).hasMessageContaining("does not open");
        SecretSeal seal = new SecretSeal(OLD, List.of());
        assertThatThrownBy(() -> seal.open(UUID.randomUUID(), "tenant-a", sealed)).isInstanceOf(SecretSeal.UnopenableException.class);
        assertThatThrownBy(() -> seal.open(row, "tenant-b", sealed)).isInstanceOf(SecretSeal.UnopenableException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.text());
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> seal.open(row, "tenant-a", new SecretSeal.Sealed(sealed.keyId(), Base64.getEncoder().encodeToString(bytes))))
                .isInstanceOf(SecretSeal.UnopenableException.class);
        assertThatThrownBy(() -> seal.open(row, "tenant-a", new SecretSeal.Sealed(sealed.keyId(), "not base64!")))
                .isInstanceOf(SecretSeal.UnopenableException.class).hasMessageContaining("not a sealed value");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBase64BytesIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new SecretSeal(Base64.getEncoder().encodeToString(new byte[16]), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starloom.webhooks.secret-key").hasMessageContaining("32");
        assertThatThrownBy(() -> new SecretSeal(NEW, List.of("%%%"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starloom.webhooks.previous-secret-keys").hasMessageContaining("base64");
    }
}
