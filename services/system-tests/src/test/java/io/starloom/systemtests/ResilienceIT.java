package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.starloom.contracts.Queues;

/** Once accepted, a story is never lost; a poisoned message ends in the dead-letter queue, not in a loop. */
class ResilienceIT {
    private static Mesh mesh;
    private static StoryApi api;

    @BeforeAll
    static void mesh() {
        mesh = Mesh.get();
        api = new StoryApi(mesh, "resilience");
    }

    @Test
    void storySurvivesASchedulerCrashAndABrokerRestart() {
        String id = api.submit(SampleStories.read("andromeda.zh.txt"), Map.of());
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> !api.get(id).getString("state").matches("SUBMITTED|ENRICHING|SCREENING"));

        mesh.kill("scheduler");
        mesh.stack().restartBroker();
        mesh.start("scheduler");

        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(6));
        assertThat(story.getString("state")).as(story.prettify()).isEqualTo("COMPLETED");
    }

    @Test
    void storiesInTheStagesSurviveABrokerRestart() {
        // Restarted right after the submissions, while their stage services are working and reporting: a report
        // in flight then must not stall a stage (every service sends over mesh-support's BrokerLink).
        List<String> ids = List.of("Orion hunts across the winter sky.", "Vega and Altair meet once a year.",
                "織女與牛郎隔著銀河相望。", "Cassiopeia sits on her throne.").stream()
                .map(text -> api.submit(text, Map.of())).toList();
        mesh.stack().restartBroker();

        for (String id : ids) {
            JsonPath story = api.awaitFinal(id, Duration.ofMinutes(4));
            assertThat(story.getString("state")).as(story.prettify()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void poisonedMessageIsDeadLetteredAndTheStoryFails() {
        String id = api.submit("Cassiopeia sits on her throne.", Map.of("language", "en"));
        // A message that no consumer can parse, about a real story: it must not loop forever.
        mesh.stack().brokerSend(Queues.POSTPROCESS_REQUESTS, "not a protobuf message".getBytes(),
                Map.of("cloudEvents:subject", id, "cloudEvents:type", "starloom.mesh.v1.AssembleFilmCommand",
                        "cloudEvents:id", "poison-" + id, "cloudEvents:source", "/system-tests", "cloudEvents:specversion", "1.0"));

        JsonPath story = api.awaitFinal(id, Duration.ofMinutes(4));
        assertThat(story.getString("state")).isEqualTo("FAILED");
        assertThat(story.getString("failure.reason")).isEqualTo("DEAD_LETTERED");
        assertThat(story.getString("failure.message")).as("names where the message died").contains(Queues.POSTPROCESS_REQUESTS);
    }
}
