package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler replicas on one database and broker: stories submitted to either are dispatched once, a client
 * watching on one replica sees what the other does, and when one replica is killed mid-run (kill -9) the other
 * finishes every story, each shot once in its film. The shots render on sim workers of their own profile.
 */
class SchedulerReplicasIT {
    private static final String TENANT = "replicas";
    private static Mesh mesh;
    private static FleetFaults fleet;

    @BeforeAll
    static void fleet() {
        mesh = Mesh.get();
        fleet = new FleetFaults(mesh).start(2, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void replicasShareTheWorkAndOneSurvivesTheOthersCrash() {
        String a = mesh.url(FleetFaults.REPLICA);
        String b = mesh.schedulerUrl();
        List<String> stories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stories.add(fleet.submit(i % 2 == 0 ? a : b, TENANT, FleetFaults.text(i)));
        }
        String watched = stories.get(0);
        try (StoryEvents events = new StoryEvents(b, mesh.writerToken(TENANT), watched)) {
            // Replica A moves the story it was given; B's watcher hears of it through the database.
            Awaitility.await("replica B's events of a story of replica A").atMost(Duration.ofMinutes(2))
                    .until(() -> events.states().stream().distinct().count() >= 2);

            fleet.awaitDispatched(stories, 2, Duration.ofMinutes(2));
            mesh.kill(FleetFaults.REPLICA);

            Map<String, String> states = fleet.awaitFinal(stories, Duration.ofMinutes(4));
            assertThat(states).as("every story finishes on the surviving replica").allSatisfy((id, state) -> assertThat(state).isEqualTo("COMPLETED"));
            Awaitility.await("the watcher's last event").atMost(Duration.ofSeconds(10))
                    .until(() -> events.states().contains("COMPLETED"));
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.states()).as("a story of replica A, watched on replica B").contains("GENERATING", "COMPLETED");
        }

        FleetFaults.Audit audit = fleet.audit(stories);
        assertThat(audit.shots()).isGreaterThanOrEqualTo(stories.size());
        assertThat(audit.unfinishedShots()).isEmpty();
        assertThat(audit.doubleDispatched()).as("attempts dispatched more than once").isEmpty();
        assertThat(audit.attemptGaps()).isEmpty();
        assertThat(audit.lostShots()).as("shots missing from their film").isEmpty();
        assertThat(audit.duplicatedShots()).as("shots twice in their film").isEmpty();
        assertThat(audit.assembledTwice()).as("films ordered twice").isEmpty();
    }
}
