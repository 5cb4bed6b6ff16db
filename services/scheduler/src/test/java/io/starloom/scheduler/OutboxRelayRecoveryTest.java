package io.starloom.scheduler;

import static io.starloom.scheduler.Stories.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.starloom.contracts.Queues;
import io.starloom.contracts.Roles;
import io.starloom.devstack.DevStackTestResource;

/**
 * The outbox relay outlives a broker restart: the sends that fail while the broker is away (on the link the
 * restart broke) leave their rows pending, and the next sweep sends them on a new link, as well as everything
 * written after. Its own application, since the restart would disturb the other tests' links.
 */
@QuarkusTest
@TestProfile(OutboxRelayRecoveryTest.QuickSweeps.class)
@QuarkusTestResource(value = DevStackTestResource.class, restrictToAnnotatedClass = false)
class OutboxRelayRecoveryTest {
    public static class QuickSweeps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("starloom.outbox.sweep-interval", "500ms");
        }
    }

    private final String token = Stories.token("relay", Roles.STORY_WRITER);

    @Inject
    SentCommands sent;

    @Test
    void commandsWrittenAroundABrokerRestartAreAllSent() {
        String before = submit(token, "Deneb burns over the swan.");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !sent.on(Queues.ENRICHMENT_REQUESTS, before).isEmpty());

        DevStackTestResource.stack().restartBroker();
        // Written right after the restart: the first send goes out on the broken link and fails.
        String during = submit(token, "Vega waits across the river.");
        String after = submit(token, "Altair answers.");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sent.on(Queues.ENRICHMENT_REQUESTS, during)).isNotEmpty();
            assertThat(sent.on(Queues.ENRICHMENT_REQUESTS, after)).isNotEmpty();
        });
    }
}
