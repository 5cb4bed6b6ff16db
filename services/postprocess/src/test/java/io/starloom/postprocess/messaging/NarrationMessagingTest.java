package io.starloom.postprocess.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.starloom.contracts.Queues;
import io.starloom.devstack.DevStackTestResource;
import io.starloom.devstack.QueueProbe;
import io.starloom.mesh.v1.NarrationLine;
import io.starloom.mesh.v1.SynthesizeNarrationCommand;
import io.starloom.postprocess.narration.SpeechStubResource;
import io.starloom.proto.v1.Language;

/** Narration spoken ahead of assembly, from the real broker's narration queue into the media store. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"), restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SpeechStubResource.class, restrictToAnnotatedClass = false)
class NarrationMessagingTest {
    private static final Duration WITHIN = Duration.ofSeconds(60);

    @ConfigProperty(name = "starloom.media.root")
    Path mediaRoot;

    @Test
    void everyLineIsSpokenIntoTheStoryFolder() throws IOException {
        String storyId = UUID.randomUUID().toString();
        DevStackTestResource.stack().meshSend(Queues.NARRATION_REQUESTS, storyId, SynthesizeNarrationCommand.newBuilder()
                .setStoryId(storyId).setLanguage(Language.LANGUAGE_ZH)
                .addLines(NarrationLine.newBuilder().setShotIndex(0).setText("牛郎织女隔着银河遥遥相望。"))
                .addLines(NarrationLine.newBuilder().setShotIndex(2).setText("喜鹊搭起了鹊桥。"))
                .build());
        Path folder = mediaRoot.resolve("stories").resolve(storyId).resolve("narration");
        await().atMost(WITHIN).until(() -> names(folder).size() == 2);
        List<String> names = names(folder);
        assertTrue(names.get(0).matches("shot-000-openai-[0-9a-f]{16}\\.wav") && names.get(1).startsWith("shot-002-openai-"), names.toString());
    }

    @Test
    void aMalformedBodyEndsInTheDeadLetterQueue() {
        byte[] poison = ("not a narration " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        QueueProbe deadLetters = QueueProbe.on(Queues.DEAD_LETTER);
        DevStackTestResource.stack().brokerSend(Queues.NARRATION_REQUESTS, poison, Map.of());
        await().atMost(WITHIN).until(() -> deadLetters.bodies().stream().anyMatch(body -> Arrays.equals(body, poison)));
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".wav")).sorted().toList();
        }
    }
}
