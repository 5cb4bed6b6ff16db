package io.starloom.scheduler.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.starloom.scheduler.webhooks.domain.RetrySchedule;
import io.starloom.scheduler.webhooks.domain.WebhookSignature;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks reference libraries' tests. */
    @Test
    void signsAsTheStandardWebhooksReferenceDoes() {
        String header = WebhookSignature.header(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}");
        assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void everyActiveSecretSignsSpaceSeparated() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_").isNotEqualTo(b);
        assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
        String both = WebhookSignature.header(List.of(a, b), "msg_1", 1, "{}");
        assertThat(both.split(" ")).containsExactly(WebhookSignature.header(List.of(a), "msg_1", 1, "{}"),
                WebhookSignature.header(List.of(b), "msg_1", 1, "{}"));
    }

    @Test
    void retriesFollowTheScheduleWithinTheJitterThenStop() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0.2, new SplittableRandom(7));
        for (int i = 0; i < 100; i++) {
            assertThat(schedule.after(1).orElseThrow()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
            assertThat(schedule.after(2).orElseThrow()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        }
        assertThat(schedule.after(3)).isEmpty();
        assertThat(schedule.attempts()).isEqualTo(3);
    }
}
